#include "headerwriter.h"

#include "exchange.h"

#include <chrono>

namespace dynodesk::router::detail {

static size_t longestHeaderLine(const Request &req)
{
    size_t longest = 0;
    for (const auto &field : req)
        longest = std::max(longest, field.name_string().size() + 2 + field.value().size());
    return longest;
}

void startContext(RequestContext &ctx, const Request &req, const std::string &fwd)
{
    RequestContext fresh;
    fresh.method = std::move(ctx.method);
    fresh.path = std::move(ctx.path);
    fresh.host = std::move(ctx.host);
    fresh.requestId = std::move(ctx.requestId);
    ctx = std::move(fresh);
    ctx.method.assign(req.method_string().data(), req.method_string().size());
    ctx.path.assign(req.target().data(), req.target().size());
    const beast::string_view host = req[http::field::host];
    ctx.host.assign(host.data(), host.size());
    const beast::string_view clientId = req["X-Request-Id"];
    assignRequestId(ctx.requestId, std::string_view(clientId.data(), clientId.size()));
    ctx.fwd = fwd;
    ctx.requestLineBytes = req.method_string().size() + req.target().size() + 10;
    ctx.largestHeaderLineBytes = longestHeaderLine(req);
}

void requestHeader(std::string &out, const Exchange &ex)
{
    const Request &req = ex.parser.get();
    out.clear();
    out.append(req.method_string().data(), req.method_string().size()).append(" "sv);
    out.append(req.target().data(), req.target().size()).append(" HTTP/1.1\r\n"sv);
    appendFields(out, req,
                 {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Request-Start", "X-Request-Id", "Via"});
    const beast::string_view forwarded = req["X-Forwarded-For"];
    out.append("X-Forwarded-For: "sv);
    if (!forwarded.empty())
        out.append(forwarded.data(), forwarded.size()).append(", "sv);
    out.append(ex.ctx.fwd).append("\r\n"sv);
    appendField(out, "X-Forwarded-Proto", "http");
    appendField(out, "X-Forwarded-Port", ex.st.port);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
    appendField(out, "X-Request-Start", ms.count());
    appendField(out, "X-Request-Id", ex.ctx.requestId);
    appendField(out, "Via", "1.1 vegur");
    if (isUpgrade(req))
        appendField(out, "Connection", "Upgrade");
    out.append("\r\n"sv);
}

void responseHeader(std::string &out, const Exchange &ex, const Response &res, bool keep, bool reframe)
{
    out.clear();
    out.append("HTTP/1.1 "sv);
    appendNumber(out, res.result_int());
    out.append(" "sv);
    const beast::string_view reason = res.reason().empty() ? http::obsolete_reason(res.result()) : res.reason();
    out.append(reason.data(), reason.size()).append("\r\n"sv);
    appendFields(out, res, {"X-Request-Id", "Via"}, reframe);
    appendField(out, "X-Request-Id", ex.ctx.requestId);
    appendField(out, "Via", "1.1 vegur");
    if (reframe) {
        const beast::string_view coding = res[http::field::transfer_encoding];
        out.append("Transfer-Encoding: "sv);
        if (!coding.empty())
            out.append(coding.data(), coding.size()).append(", "sv);
        out.append("chunked\r\n"sv);
    }
    if (!keep)
        appendField(out, "Connection", "close");
    else if (!ex.clientHttp11)
        appendField(out, "Connection", "keep-alive");
    out.append("\r\n"sv);
}

} // namespace dynodesk::router::detail
