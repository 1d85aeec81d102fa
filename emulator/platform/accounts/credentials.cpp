#include "credentials.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace dynodesk::platform::detail {

static std::string toHex(const unsigned char *data, size_t n)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0xf];
    }
    return out;
}

std::string randomHex(size_t bytes)
{
    std::vector<unsigned char> buf(bytes);
    if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1)
        throw std::runtime_error("no randomness available");
    return toHex(buf.data(), buf.size());
}

std::string newToken() { return "HRKU-" + randomHex(24); }

std::string hashPassword(const std::string &password, const std::string &salt, int iterations)
{
    unsigned char out[32];
    PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                      reinterpret_cast<const unsigned char *>(salt.data()), static_cast<int>(salt.size()), iterations,
                      EVP_sha256(), sizeof out, out);
    return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + toHex(out, sizeof out);
}

bool verifyPassword(const std::string &password, const std::string &salt, const std::string &stored)
{
    const auto first = stored.find('$');
    const auto second = stored.find('$', first + 1);
    if (first == std::string::npos || second == std::string::npos)
        return false;
    const int rounds = std::atoi(stored.substr(first + 1, second - first - 1).c_str());
    return rounds > 0 && constantTimeEquals(hashPassword(password, salt, rounds), stored);
}

bool constantTimeEquals(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sshFingerprint(const std::string &publicKeyLine)
{
    const QList<QByteArray> parts = QByteArray::fromStdString(publicKeyLine).simplified().split(' ');
    if (parts.size() < 2 || (!parts[0].startsWith("ssh-") && !parts[0].startsWith("ecdsa-")))
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(parts[1], QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < 16)
        return {};
    const QByteArray md5 = QCryptographicHash::hash(decoded.decoded, QCryptographicHash::Md5).toHex(':');
    return md5.toStdString();
}

} // namespace dynodesk::platform::detail
