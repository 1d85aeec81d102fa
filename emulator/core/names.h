#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace dynodesk::core {

// Makes app names of the platform's generated form, `adjective-noun-NNNN`. The random source
// is injected: it returns a number in [0, bound).
class NameGenerator final {
public:
    using Random = std::function<unsigned(unsigned bound)>;
    explicit NameGenerator(Random random);
    NameGenerator();

    std::string generate();

private:
    Random m_random;
};

// nullopt when `name` is a valid app name, else the platform's message saying why it is not.
std::optional<std::string> appNameError(std::string_view name);
// nullopt when `key` is a valid config var key, else the message saying why it is not.
std::optional<std::string> configKeyError(std::string_view key);
// nullopt when `hostname` (lower case) may be added to an app as a custom domain: labels of
// letters, digits and inner dashes, at least two of them, optionally `*.` in front; not an IP
// address and not under `.localhost`, which the emulator's own app names use.
std::optional<std::string> domainHostnameError(std::string_view hostname);
// Process types: alphanumeric, `_` and `-`.
bool isValidProcessType(std::string_view type);

} // namespace dynodesk::core
