#include "bodytype.h"

#include <algorithm>

namespace dynodesk::api {

using nlohmann::json;

BodyType BodyType::string() { return BodyType(String); }
BodyType BodyType::boolean() { return BodyType(Boolean); }
BodyType BodyType::integer() { return BodyType(Integer); }
BodyType BodyType::integerOrDigits() { return BodyType(Integer | Digits); }
BodyType BodyType::number() { return BodyType(Number); }
BodyType BodyType::null() { return BodyType(Null); }

BodyType BodyType::oneOf(std::vector<std::string> words)
{
    BodyType t(String);
    t.m_words = std::move(words);
    return t;
}

BodyType BodyType::object(std::vector<BodyField> fields)
{
    BodyType t(Object);
    t.m_fields = std::make_shared<const std::vector<BodyField>>(std::move(fields));
    return t;
}

BodyType BodyType::arrayOf(BodyType item)
{
    BodyType t(Array);
    t.m_item = std::make_shared<const BodyType>(std::move(item));
    return t;
}

BodyType BodyType::mapOf(BodyType value, std::string noun)
{
    BodyType t(Object);
    t.m_value = std::make_shared<const BodyType>(std::move(value));
    t.m_noun = std::move(noun);
    return t;
}

BodyType BodyType::operator|(const BodyType &other) const
{
    BodyType t = *this;
    t.m_kinds |= other.m_kinds;
    if (t.m_words.empty())
        t.m_words = other.m_words;
    if (!t.m_fields)
        t.m_fields = other.m_fields;
    if (!t.m_item)
        t.m_item = other.m_item;
    if (!t.m_value) {
        t.m_value = other.m_value;
        t.m_noun = other.m_noun;
    }
    return t;
}

static bool isDigits(const std::string &s)
{
    const size_t start = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
    const size_t digits = s.size() - start;
    return digits >= 1 && digits <= 9 && std::all_of(s.begin() + static_cast<long>(start), s.end(), [](char c) {
               return c >= '0' && c <= '9';
           });
}

bool BodyType::fitsKind(const json &value) const
{
    switch (value.type()) {
    case json::value_t::null:
        return m_kinds & Null;
    case json::value_t::boolean:
        return m_kinds & Boolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return m_kinds & (Integer | Number);
    case json::value_t::number_float:
        return m_kinds & Number;
    case json::value_t::string:
        return (m_kinds & String) || ((m_kinds & Digits) && isDigits(value.get_ref<const std::string &>()));
    case json::value_t::object:
        return m_kinds & Object;
    case json::value_t::array:
        return m_kinds & Array;
    default:
        return false;
    }
}

static std::string joinWords(const std::vector<std::string> &words, const char *last)
{
    std::string out;
    for (size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? last : ", ") + words[i];
    return out;
}

static std::string plural(const std::string &described)
{
    if (described == "a string")
        return "strings";
    if (described == "an object")
        return "objects";
    if (described == "a whole number")
        return "whole numbers";
    return "values";
}

std::string BodyType::describe() const
{
    std::vector<std::string> kinds;
    if (!m_words.empty())
        kinds.push_back("one of " + joinWords(m_words, " or "));
    else if (m_kinds & String)
        kinds.emplace_back("a string");
    if (m_kinds & (Integer | Digits))
        kinds.emplace_back("a whole number");
    if (m_kinds & Number)
        kinds.emplace_back("a number");
    if (m_kinds & Boolean)
        kinds.emplace_back("true or false");
    if (m_kinds & Object)
        kinds.emplace_back(m_value ? "an object of names and values" : "an object");
    if (m_kinds & Array)
        kinds.push_back("an array of " + plural(m_item->describe()));
    if (m_kinds & Null)
        kinds.emplace_back("null");
    return joinWords(kinds, " or ");
}

static std::string member(const std::string &where, const std::string &name)
{
    return where.empty() ? name : where + "." + name;
}

std::optional<std::string> BodyType::check(const json &value, const std::string &where) const
{
    if (fitsKind(value))
        return checkInside(value, where);
    if (where.empty())
        return "The request body must be " + describe() + ".";
    return where + " must be " + describe() + ".";
}

std::optional<std::string> BodyType::checkInside(const json &value, const std::string &where) const
{
    if (value.is_string() && !m_words.empty()
        && std::find(m_words.begin(), m_words.end(), value.get_ref<const std::string &>()) == m_words.end())
        return where + " must be " + describe() + ".";
    if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            if (auto bad = m_item->check(value[i], where + "[" + std::to_string(i) + "]"))
                return bad;
    }
    if (value.is_object())
        return checkObject(value, where);
    return std::nullopt;
}

std::optional<std::string> BodyType::checkObject(const json &value, const std::string &where) const
{
    if (m_fields) {
        for (const auto &field : *m_fields) {
            const auto it = value.find(field.name);
            if (it == value.end())
                continue;
            if (auto bad = field.type.check(*it, member(where, field.name)))
                return bad;
        }
    }
    if (m_value) {
        for (const auto &[key, v] : value.items()) {
            const std::string at = where.empty() && !m_noun.empty() ? m_noun + " " + key : member(where, key);
            if (auto bad = m_value->check(v, at))
                return bad;
        }
    }
    return std::nullopt;
}

} // namespace dynodesk::api
