#include "ids.h"

#include <QUuid>

#include <algorithm>
#include <cctype>

namespace dynodesk::core {

std::string newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

bool isUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

bool equalsInConstantTime(std::string_view a, std::string_view b)
{
    // Every byte of the longer one is looked at, whatever the lengths and contents; the
    // accumulator is volatile so that the compiler cannot end the loop at the first difference.
    const size_t n = std::max(a.size(), b.size());
    volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff = diff | (x ^ y);
    }
    return diff == 0;
}

} // namespace dynodesk::core
