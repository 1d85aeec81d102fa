#pragma once

#include "bodytype.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynodesk::api {

// The body of every served link that takes one, keyed by method and path pattern as the
// routes register them: our own compact rendering of the types the official schema gives each
// link's request (and, for the data API and the former key links, what their clients send).
// The API checks a body against its link's type before the handler runs.
class BodySchemas final {
public:
    BodySchemas();

    // The type of the link's body, or nullptr for a link that reads no body.
    const BodyType *find(std::string_view method, std::string_view pattern) const;
    // Every declared link, as "METHOD pattern".
    std::vector<std::string> links() const;

private:
    void add(std::string method, std::string pattern, BodyType body);
    void add(std::string method, std::string pattern, std::vector<BodyField> fields);

    std::map<std::pair<std::string, std::string>, BodyType> m_bodies;
};

} // namespace dynodesk::api
