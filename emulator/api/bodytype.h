#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dynodesk::api {

struct BodyField;

// The declared type of a value in a request body, as the official schema gives it for each
// link: the JSON kinds it may be (`string() | null()`), the words of an enum, the fields of an
// object, the items of an array, the values of a map of names (config vars, env). Fields an
// object does not declare are ignored, as the platform ignores them. check() names the first
// value that does not fit, in the words the API answers with (422 invalid_params).
class BodyType final {
public:
    static BodyType string();
    static BodyType boolean();
    static BodyType integer();
    // An integer, or a string of up to 9 digits with an optional sign (the CLI sends formation
    // quantities as "2", "+1", "-1" and `--expires-in` as a string).
    static BodyType integerOrDigits();
    static BodyType number();
    static BodyType null();
    static BodyType oneOf(std::vector<std::string> words);
    static BodyType object(std::vector<BodyField> fields = {});
    static BodyType arrayOf(BodyType item);
    // An object whose every value is of `value`; `noun` names its entries in messages at the top
    // of a body (`config var FOO must be a string or null.`).
    static BodyType mapOf(BodyType value, std::string noun = {});

    // Either: `string() | null()`, `string() | object({...})`.
    BodyType operator|(const BodyType &other) const;

    // nullopt when `value` fits; else the message naming the value (`where` is its path, empty
    // for a whole body).
    std::optional<std::string> check(const nlohmann::json &value, const std::string &where = {}) const;
    // The words for what fits: "a string or null", "an array of strings".
    std::string describe() const;

private:
    enum Kind : unsigned {
        Null = 1,
        Boolean = 2,
        Integer = 4,
        Number = 8,
        String = 16,
        Digits = 32, // a string of digits, as an integer
        Object = 64,
        Array = 128,
    };
    explicit BodyType(unsigned kinds) : m_kinds(kinds) {}
    bool fitsKind(const nlohmann::json &value) const;
    std::optional<std::string> checkInside(const nlohmann::json &value, const std::string &where) const;
    std::optional<std::string> checkObject(const nlohmann::json &value, const std::string &where) const;

    unsigned m_kinds = 0;
    std::vector<std::string> m_words; // an enum of strings
    std::shared_ptr<const std::vector<BodyField>> m_fields; // an object's declared fields
    std::shared_ptr<const BodyType> m_item; // an array's items
    std::shared_ptr<const BodyType> m_value; // a map's values
    std::string m_noun; // a map's entries
};

struct BodyField final {
    std::string name;
    BodyType type;
};

} // namespace dynodesk::api
