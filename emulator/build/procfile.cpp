#include "procfile.h"

#include <regex>
#include <sstream>

namespace dynodesk::build {

core::Result<ProcessTypes> parseProcfile(const std::string &text)
{
    static const std::regex line(R"(^([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$)");
    ProcessTypes out;
    std::istringstream in(text);
    std::string raw;
    int number = 0;
    while (std::getline(in, raw)) {
        ++number;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        const auto first = raw.find_first_not_of(" \t");
        if (first == std::string::npos || raw[first] == '#')
            continue;
        std::smatch m;
        if (!std::regex_match(raw, m, line) || m[2].str().empty())
            return core::ApiError::invalidParams("Procfile line " + std::to_string(number) + " is not valid: `" + raw
                                                 + "`. Each line must be `<process type>: <command>`.");
        for (const auto &[type, command] : out)
            if (type == m[1].str())
                return core::ApiError::invalidParams("Procfile line " + std::to_string(number) + " declares `" + type
                                                     + "` a second time.");
        out.emplace_back(m[1].str(), m[2].str());
    }
    return out;
}

} // namespace dynodesk::build
