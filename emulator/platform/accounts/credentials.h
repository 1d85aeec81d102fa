#pragma once

#include <string>

namespace dynodesk::platform::detail {

// Random hex of `bytes` random bytes from the system's CSPRNG.
std::string randomHex(size_t bytes);
// A new API token in the platform's `HRKU-` form.
std::string newToken();
// PBKDF2-HMAC-SHA256 of the password with the salt, stored as `pbkdf2_sha256$<rounds>$<hex>`.
std::string hashPassword(const std::string &password, const std::string &salt, int iterations);
// True when the password matches a hash made by hashPassword, whatever its rounds.
bool verifyPassword(const std::string &password, const std::string &salt, const std::string &stored);
bool constantTimeEquals(const std::string &a, const std::string &b);
// The MD5 fingerprint of an OpenSSH public key line (`aa:bb:...`), or empty when it is not one.
std::string sshFingerprint(const std::string &publicKeyLine);

} // namespace dynodesk::platform::detail
