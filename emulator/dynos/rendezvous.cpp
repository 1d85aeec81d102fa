#include "rendezvous.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

namespace dynodesk::dynos {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

// What the client gets once its dyno's terminal is ready: the CLI drops this first chunk.
static constexpr std::string_view kGreeting = "rendezvous\r\n";
static constexpr auto kHandshakeTimeout = std::chrono::seconds(30);
static constexpr auto kLinger = std::chrono::milliseconds(500);

struct Rendezvous::Impl {
    asio::io_context ioc;
    ssl::context tls{ssl::context::tls_server};
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    Attach attach;
    Detach detach;
    void accept();
};

namespace {

class Session final : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Rendezvous::Impl &owner)
        : m_owner(owner), m_tls(std::move(socket), owner.tls), m_terminal(owner.ioc), m_deadline(owner.ioc), m_line(1024)
    {
    }

    void start()
    {
        m_deadline.expires_after(kHandshakeTimeout);
        m_deadline.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec)
                self->close();
        });
        m_tls.async_handshake(ssl::stream_base::server, [self = shared_from_this()](error_code ec) {
            if (ec)
                return self->close();
            asio::async_read_until(self->m_tls, self->m_line, "\r\n", [self](error_code ec, size_t n) {
                if (ec)
                    return self->close();
                self->onSecret(n);
            });
        });
    }

private:
    void onSecret(size_t lineLength)
    {
        std::string line(asio::buffers_begin(m_line.data()), asio::buffers_begin(m_line.data()) + lineLength - 2);
        m_line.consume(lineLength);
        m_early.assign(asio::buffers_begin(m_line.data()), asio::buffers_end(m_line.data()));
        m_line.consume(m_line.size());
        // `<secret>`, as the CLI sends the URL's path without its slash, perhaps with a query.
        if (!line.empty() && line.front() == '/')
            line.erase(0, 1);
        m_secret = line.substr(0, line.find('?'));
        auto self = shared_from_this();
        asio::io_context &ioc = m_owner.ioc;
        m_owner.attach(m_secret, [self, &ioc](Terminal terminal) {
            asio::post(ioc, [self, terminal] { self->onTerminal(terminal); });
        });
    }

    void onTerminal(Terminal terminal)
    {
        if (terminal.fd < 0)
            return close();
        m_deadline.cancel();
        m_tty = terminal.tty;
        m_terminal.assign(terminal.fd);
        asio::async_write(m_tls, asio::buffer(kGreeting), [self = shared_from_this()](error_code ec, size_t) {
            if (ec)
                return self->clientGone();
            self->fromDyno();
            if (self->m_early.empty())
                return self->fromClient();
            self->toDyno(self->m_early.size(), self->m_early.data());
        });
    }

    // Dyno → client, until the terminal's other end has closed (the dyno exited).
    void fromDyno()
    {
        m_terminal.async_read_some(asio::buffer(m_dynoBuffer), [self = shared_from_this()](error_code ec, size_t n) {
            if (ec)
                return self->dynoEnded();
            asio::async_write(self->m_tls, asio::buffer(self->m_dynoBuffer.data(), n), [self](error_code ec, size_t) {
                if (ec)
                    return self->clientGone();
                self->fromDyno();
            });
        });
    }

    // Client → dyno, until the client goes away.
    void fromClient()
    {
        m_tls.async_read_some(asio::buffer(m_clientBuffer), [self = shared_from_this()](error_code ec, size_t n) {
            if (ec)
                return self->clientGone();
            self->toDyno(n, self->m_clientBuffer.data());
        });
    }

    void toDyno(size_t n, const char *data)
    {
        // Without a terminal, the CLI's end-of-input (EOT) closes the dyno's input.
        bool endOfInput = false;
        if (!m_tty && n > 0 && data[n - 1] == '\x04') {
            endOfInput = true;
            --n;
        }
        asio::async_write(m_terminal, asio::buffer(data, n), [self = shared_from_this(), endOfInput](error_code ec, size_t) {
            if (ec)
                return self->dynoEnded();
            self->m_early.clear();
            if (endOfInput)
                ::shutdown(self->m_terminal.native_handle(), SHUT_WR);
            self->fromClient();
        });
    }

    void dynoEnded()
    {
        if (m_done)
            return;
        m_done = true;
        error_code ignored;
        m_terminal.close(ignored);
        // The client may still be sending (the CLI writes its end-of-input as the command ends):
        // it gets a moment before close_notify, then the socket closes whether or not it answers.
        m_deadline.expires_after(kLinger);
        m_deadline.async_wait([self = shared_from_this()](error_code ec) {
            if (ec)
                return;
            self->m_deadline.expires_after(std::chrono::seconds(2));
            self->m_deadline.async_wait([self](error_code ec) {
                if (!ec)
                    self->close();
            });
            self->m_tls.async_shutdown([self](error_code) { self->close(); });
        });
    }

    void clientGone()
    {
        if (m_done)
            return;
        m_done = true;
        if (m_terminal.is_open()) {
            m_owner.detach(m_secret);
            error_code ignored;
            m_terminal.close(ignored); // a pty's dyno gets SIGHUP
        }
        close();
    }

    void close()
    {
        error_code ignored;
        m_deadline.cancel();
        m_tls.lowest_layer().close(ignored);
        if (m_terminal.is_open() && !m_done) {
            m_done = true;
            m_terminal.close(ignored);
        }
    }

    Rendezvous::Impl &m_owner;
    ssl::stream<tcp::socket> m_tls;
    asio::posix::stream_descriptor m_terminal;
    asio::steady_timer m_deadline;
    asio::streambuf m_line;
    std::string m_secret, m_early;
    std::array<char, 16384> m_dynoBuffer{}, m_clientBuffer{};
    bool m_tty = true, m_done = false;
};

} // namespace

void Rendezvous::Impl::accept()
{
    acceptor.async_accept([this](error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            return;
        if (!ec)
            std::make_shared<Session>(std::move(socket), *this)->start();
        accept();
    });
}

Rendezvous::Rendezvous(const std::string &certificatePem, const std::string &keyPem, Attach attach, Detach detach)
    : d(std::make_shared<Impl>())
{
    d->attach = std::move(attach);
    d->detach = std::move(detach);
    d->tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3
                       | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    d->tls.use_certificate_chain_file(certificatePem);
    d->tls.use_private_key_file(keyPem, ssl::context::pem);
}

Rendezvous::~Rendezvous() { stop(); }

uint16_t Rendezvous::listen(const std::string &host, uint16_t port)
{
    const tcp::endpoint endpoint(asio::ip::make_address(host), port);
    d->acceptor.open(endpoint.protocol());
    d->acceptor.set_option(asio::socket_base::reuse_address(true));
    d->acceptor.bind(endpoint);
    d->acceptor.listen();
    d->accept();
    d->thread = std::thread([impl = d.get()] { impl->ioc.run(); });
    return d->acceptor.local_endpoint().port();
}

void Rendezvous::stop()
{
    if (!d)
        return;
    asio::post(d->ioc, [impl = d.get()] {
        error_code ignored;
        impl->acceptor.close(ignored);
    });
    d->ioc.stop();
    if (d->thread.joinable())
        d->thread.join();
}

// ---- the certificate ------------------------------------------------------------------------

template <typename T, void (*Free)(T *)>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

static bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Owned<X509_EXTENSION, X509_EXTENSION_free> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

static bool writePem(const std::string &path, const std::function<int(FILE *)> &write)
{
    FILE *f = std::fopen(path.c_str(), "w");
    if (!f)
        return false;
    const bool ok = write(f) == 1;
    return std::fclose(f) == 0 && ok;
}

core::Result<CertificateFiles> ensureCertificate(const std::string &dir)
{
    CertificateFiles files{dir + "/rendezvous.pem", dir + "/rendezvous-key.pem"};
    if (QFileInfo::exists(QString::fromStdString(files.certificate)) && QFileInfo::exists(QString::fromStdString(files.key)))
        return files;
    if (!QDir().mkpath(QString::fromStdString(dir)))
        return core::ApiError::internal("Cannot create " + dir + ".");
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    Owned<X509, X509_free> cert(X509_new());
    if (!key || !cert)
        return core::ApiError::internal("Cannot make the rendezvous certificate's key.");
    X509_set_version(cert.get(), 2);
    Owned<BIGNUM, BN_free> serial(BN_new());
    BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Dynodesk"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    // Its own authority (so NODE_EXTRA_CA_CERTS can name it), valid for the loopback names.
    const bool extended = addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE")
                          && addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign")
                          && addExtension(cert.get(), NID_subject_key_identifier, "hash")
                          && addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    if (!extended || X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return core::ApiError::internal("Cannot sign the rendezvous certificate.");
    const std::string keyTemp = files.key + ".tmp", certTemp = files.certificate + ".tmp";
    const bool written
            = writePem(keyTemp, [&](FILE *f) { return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr); })
              && writePem(certTemp, [&](FILE *f) { return PEM_write_X509(f, cert.get()); });
    QFile::setPermissions(QString::fromStdString(keyTemp), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!written || std::rename(keyTemp.c_str(), files.key.c_str()) != 0
        || std::rename(certTemp.c_str(), files.certificate.c_str()) != 0)
        return core::ApiError::internal("Cannot write the rendezvous certificate in " + dir + ".");
    return files;
}

} // namespace dynodesk::dynos
