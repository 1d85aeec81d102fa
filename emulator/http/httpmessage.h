#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynodesk::http {

// A request as the core sees it, detached from the I/O thread that read it.
struct HttpRequest final {
    std::string method;
    std::string target; // path and query as sent
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string body;
    std::string remoteAddress;

    // The value of the first header with that (lower-case) name, or nullptr.
    const std::string *header(std::string_view name) const
    {
        for (const auto &[k, v] : headers)
            if (k == name)
                return &v;
        return nullptr;
    }
    std::string path() const { return target.substr(0, target.find('?')); }
};

struct HttpResponse final {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void setHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

} // namespace dynodesk::http
