#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dynodesk::platform {

// The authenticated caller of an action.
struct Actor final {
    std::string id, email;
};

struct Account final {
    std::string id, email;
    std::optional<std::string> name;
    std::string passwordHash, passwordSalt, createdAt, updatedAt;
    std::optional<std::string> lastLogin;
};

// An API token of an account (`oauth-authorization`).
struct Authorization final {
    std::string id, accountId, token, description, scope;
    std::optional<int64_t> expiresIn;
    std::string createdAt, updatedAt;
};

// An SSH public key of an account.
struct Key final {
    std::string id, accountId, email, publicKey, comment, fingerprint, createdAt, updatedAt;
};

struct AccountCreated final {
    Account account;
    std::string token;
    std::string password; // as given, or generated when none was
};

struct NewKey final {
    std::string publicKey;
};

} // namespace dynodesk::platform
