#pragma once

#include "supervisor.h"

#include "core/apierror.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace dynodesk::dynos {

// The TLS endpoint through which clients attach to one-off dynos (platform-facts §6 and §15):
// the client connects to `rendezvous://host:port/<secret>`, writes the secret and CRLF, gets one
// greeting line, and from then on the connection carries the dyno's terminal both ways. It ends
// when the command's output ends (the dyno exited) or the client goes away. Its own I/O thread.
class Rendezvous final {
public:
    // Asks for the terminal of the dyno the secret names, and hands it to `ready` (possibly on
    // another thread); Terminal::fd is -1 when no dyno waits for that secret.
    using Attach = std::function<void(const std::string &secret, std::function<void(Terminal)> ready)>;
    // The client of an attached dyno went away before the dyno ended.
    using Detach = std::function<void(const std::string &secret)>;

    Rendezvous(const std::string &certificatePem, const std::string &keyPem, Attach attach, Detach detach);
    ~Rendezvous();
    Rendezvous(const Rendezvous &) = delete;
    Rendezvous &operator=(const Rendezvous &) = delete;

    // Listens (port 0: a free one) and returns the port.
    uint16_t listen(const std::string &host, uint16_t port);
    void stop();

    struct Impl; // with the sessions, in rendezvous.cpp

private:
    std::shared_ptr<Impl> d;
};

// The emulator's own TLS certificate (self-signed, for `localhost` and 127.0.0.1): made in `dir`
// on first use and kept. Returns the paths of the certificate and the key. Clients trust it with
// `NODE_EXTRA_CA_CERTS=<certificate>`.
struct CertificateFiles final {
    std::string certificate, key;
};
core::Result<CertificateFiles> ensureCertificate(const std::string &dir);

} // namespace dynodesk::dynos
