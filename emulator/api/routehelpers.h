#pragma once

#include "apirouter.h"

#include "core/apierror.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace dynodesk::api::detail {

// Turns a platform result into a reply through a view: `reply(platform.x(...), views::y)`.
template <typename T, typename View>
core::Result<ApiReply> reply(core::Result<T> result, View view, int status = 200)
{
    if (!result)
        return result.error();
    return ApiReply{status, view(result.value()), {}};
}

// The same for lists, which the API pages by `fields`.
template <typename T, typename View>
core::Result<ApiReply> replyList(core::Result<std::vector<T>> result, View view, std::vector<std::string> fields)
{
    if (!result)
        return result.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto &item : result.value())
        items.push_back(view(item));
    return ApiReply::list(std::move(items), std::move(fields));
}

template <typename T, typename View>
core::Result<ApiReply> replyList(const std::vector<T> &items, View view, std::vector<std::string> fields)
{
    return replyList(core::Result<std::vector<T>>(items), view, std::move(fields));
}

} // namespace dynodesk::api::detail
