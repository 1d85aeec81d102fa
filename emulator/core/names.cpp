#include "names.h"

#include <algorithm>
#include <array>
#include <random>

namespace dynodesk::core {

static constexpr std::array kAdjectives{
    "aged", "ancient", "autumn", "billowing", "bitter", "black", "blue", "bold", "brave", "calm",
    "cool", "crimson", "curly", "damp", "dark", "dry", "eager", "evening", "fathomless", "floating",
    "fragrant", "frosty", "gentle", "glacial", "green", "hidden", "icy", "lively", "long", "misty",
    "morning", "nameless", "obscure", "old", "pink", "polished", "proud", "quiet", "rapid", "red",
    "restless", "rough", "shy", "silent", "small", "snowy", "solitary", "sparkling", "still",
    "stormy", "sweet", "twilight", "wandering", "warm", "weathered", "white", "wild", "young"};

static constexpr std::array kNouns{
    "bayou", "beach", "brook", "butte", "canyon", "cave", "cliffs", "cloud", "coast", "cove",
    "dawn", "dew", "dusk", "falls", "field", "fire", "forest", "frost", "glade", "harbor", "hill",
    "island", "lake", "leaf", "meadow", "mesa", "mountain", "ocean", "peak", "plains", "pond",
    "poppies", "river", "sands", "savannah", "sea", "shore", "sky", "spire", "springs", "star",
    "stream", "sun", "thunder", "tundra", "valley", "waterfall", "wave", "wildflower", "wind",
    "woodland"};

NameGenerator::NameGenerator(Random random) : m_random(std::move(random)) {}

NameGenerator::NameGenerator()
    : m_random([engine = std::mt19937(std::random_device{}())](unsigned bound) mutable {
          return std::uniform_int_distribution<unsigned>(0, bound - 1)(engine);
      })
{
}

std::string NameGenerator::generate()
{
    std::string name = kAdjectives[m_random(kAdjectives.size())];
    name += '-';
    name += kNouns[m_random(kNouns.size())];
    name += '-';
    name += std::to_string(1000 + m_random(9000));
    return name;
}

static bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::optional<std::string> appNameError(std::string_view name)
{
    if (name.size() < 3)
        return "Name is too short (minimum is 3 characters)";
    if (name.size() > 30)
        return "Name is too long (maximum is 30 characters)";
    bool ok = name.front() >= 'a' && name.front() <= 'z' && isLowerAlnum(name.back());
    for (char c : name)
        ok = ok && (isLowerAlnum(c) || c == '-');
    if (!ok)
        return "Name must start with a letter, end with a letter or digit and can only contain "
               "lowercase letters, digits, and dashes.";
    return std::nullopt;
}

std::optional<std::string> configKeyError(std::string_view key)
{
    const auto bad = [&] {
        return "Invalid config var key " + std::string(key)
                + ": keys may contain only letters, digits and underscores and may not start with a digit.";
    };
    if (key.empty() || (key.front() >= '0' && key.front() <= '9'))
        return bad();
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
            return bad();
    }
    if (key == "PORT" || key == "DYNO" || key.starts_with("HEROKU_DYNO") || key == "DYNODESK_DYNO_ID")
        return "Config var " + std::string(key) + " is reserved by the platform and cannot be set.";
    return std::nullopt;
}

std::optional<std::string> domainHostnameError(std::string_view hostname)
{
    const std::string h(hostname);
    const auto invalid = [&](const std::string &why) { return h + " is not a valid domain name: " + why; };
    if (h.empty())
        return std::string("A hostname must be given, such as www.example.com.");
    if (h.size() > 253)
        return invalid("it is longer than 253 characters.");
    std::string_view rest = hostname;
    if (rest.starts_with("*."))
        rest.remove_prefix(2);
    size_t labels = 0;
    bool numericLast = false;
    for (size_t start = 0; start <= rest.size();) {
        const size_t dot = std::min(rest.find('.', start), rest.size());
        const std::string_view label = rest.substr(start, dot - start);
        if (label.empty())
            return invalid("use labels separated by single dots, such as www.example.com (a wildcard is *.example.com).");
        if (label.size() > 63)
            return invalid("a label is longer than 63 characters.");
        numericLast = true;
        for (char c : label) {
            if (!isLowerAlnum(c) && c != '-')
                return invalid("use only letters, digits, dashes and dots (a wildcard is *.example.com).");
            numericLast = numericLast && c >= '0' && c <= '9';
        }
        if (label.front() == '-' || label.back() == '-')
            return invalid("a label may not start or end with a dash.");
        ++labels;
        start = dot + 1;
    }
    if (labels < 2)
        return invalid("it needs a name and a top-level domain, such as www.example.com.");
    if (numericLast)
        return invalid("IP addresses cannot be added; add a hostname and point it at the DNS target.");
    if (rest == "localhost" || rest.ends_with(".localhost"))
        return h + " is reserved: names under .localhost are the emulator's own app domains.";
    return std::nullopt;
}

bool isValidProcessType(std::string_view type)
{
    if (type.empty() || type.size() > 30)
        return false;
    for (char c : type) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace dynodesk::core
