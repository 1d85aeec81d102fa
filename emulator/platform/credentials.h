#pragma once

#include <string>

namespace dynodesk::platform::detail {

// Random hex of `bytes` random bytes from the system's CSPRNG.
std::string randomHex(size_t bytes);
// A new API token in the platform's `HRKU-` form.
std::string newToken();
// PBKDF2-HMAC-SHA256 of the password with the salt, hex.
std::string hashPassword(const std::string &password, const std::string &salt);
bool constantTimeEquals(const std::string &a, const std::string &b);
// The MD5 fingerprint of an OpenSSH public key line (`aa:bb:...`), or empty when it is not one.
std::string sshFingerprint(const std::string &publicKeyLine);

} // namespace dynodesk::platform::detail
