#include "gitops.h"

#include <QDir>

#include <git2.h>

#include <memory>

namespace dynodesk::ideplugin::git {

namespace {

struct Init {
    Init() { git_libgit2_init(); }
    ~Init() { git_libgit2_shutdown(); }
};

void ensureInit()
{
    static Init init;
}

template <typename T, void (*Free)(T *)>
struct Ptr {
    T *p = nullptr;
    ~Ptr()
    {
        if (p)
            Free(p);
    }
    T **out() { return &p; }
    operator T *() const { return p; }
};

QString lastError(const QString &what)
{
    const git_error *e = git_error_last();
    return e && e->message ? QStringLiteral("%1: %2").arg(what, QString::fromUtf8(e->message)) : what;
}

struct Callbacks {
    QString token;
    const Progress *progress = nullptr;
    const std::atomic_bool *cancel = nullptr;
    QString rejected;
    int credentialTries = 0;
};

bool cancelled(const Callbacks *c) { return c->cancel && c->cancel->load(); }

int credentials(git_credential **out, const char *, const char *, unsigned int allowed, void *payload)
{
    auto *c = static_cast<Callbacks *>(payload);
    if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) || ++c->credentialTries > 1)
        return GIT_EUSER; // a second ask means the token was refused: stop rather than loop
    return git_credential_userpass_plaintext_new(out, "dynodesk", c->token.toUtf8().constData());
}

int sideband(const char *str, int len, void *payload)
{
    auto *c = static_cast<Callbacks *>(payload);
    if (c->progress && *c->progress)
        (*c->progress)(QString::fromUtf8(str, len));
    return cancelled(c) ? GIT_EUSER : 0;
}

int transfer(const git_indexer_progress *, void *payload) { return cancelled(static_cast<Callbacks *>(payload)) ? GIT_EUSER : 0; }

int pushTransfer(unsigned int, unsigned int, size_t, void *payload)
{
    return cancelled(static_cast<Callbacks *>(payload)) ? GIT_EUSER : 0;
}

int updateReference(const char *refname, const char *status, void *payload)
{
    if (status)
        static_cast<Callbacks *>(payload)->rejected = QStringLiteral("%1 (%2)").arg(QString::fromUtf8(status),
                                                                                     QString::fromUtf8(refname));
    return 0;
}

void setCallbacks(git_remote_callbacks &cb, Callbacks &c)
{
    cb.credentials = credentials;
    cb.sideband_progress = sideband;
    cb.transfer_progress = transfer;
    cb.push_transfer_progress = pushTransfer;
    cb.push_update_reference = updateReference;
    cb.payload = &c;
}

QString statusName(unsigned flags)
{
    if (flags & (GIT_STATUS_WT_NEW | GIT_STATUS_INDEX_NEW))
        return QStringLiteral("new");
    if (flags & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
        return QStringLiteral("deleted");
    if (flags & (GIT_STATUS_WT_RENAMED | GIT_STATUS_INDEX_RENAMED))
        return QStringLiteral("renamed");
    if (flags & (GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_INDEX_TYPECHANGE))
        return QStringLiteral("typechange");
    return QStringLiteral("modified");
}

} // namespace

QString libraryVersion()
{
    int major = 0, minor = 0, rev = 0;
    git_libgit2_version(&major, &minor, &rev);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(rev);
}

QList<Change> status(const QString &dir, QString *error)
{
    ensureInit();
    QList<Change> changes;
    Ptr<git_repository, git_repository_free> repo;
    if (git_repository_open(repo.out(), QDir(dir).absolutePath().toUtf8().constData()) != 0) {
        if (error)
            *error = lastError(QObject::tr("Not a git repository"));
        return changes;
    }
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX;
    Ptr<git_status_list, git_status_list_free> list;
    if (git_status_list_new(list.out(), repo, &options) != 0) {
        if (error)
            *error = lastError(QObject::tr("Cannot read the working tree"));
        return changes;
    }
    for (size_t i = 0, n = git_status_list_entrycount(list); i < n; ++i) {
        const git_status_entry *e = git_status_byindex(list, i);
        if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
            continue;
        const git_diff_delta *delta = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        const char *path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
        changes.append({QString::fromUtf8(path), statusName(e->status)});
    }
    return changes;
}

Result commitAll(const QString &dir, const QString &message, const QString &name, const QString &email)
{
    ensureInit();
    Ptr<git_repository, git_repository_free> repo;
    if (git_repository_open(repo.out(), QDir(dir).absolutePath().toUtf8().constData()) != 0)
        return {false, lastError(QObject::tr("Not a git repository")), {}};
    Ptr<git_index, git_index_free> index;
    git_strarray all{nullptr, 0};
    if (git_repository_index(index.out(), repo) != 0 || git_index_add_all(index, &all, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) != 0
        || git_index_update_all(index, &all, nullptr, nullptr) != 0 || git_index_write(index) != 0)
        return {false, lastError(QObject::tr("Cannot stage the changes")), {}};
    git_oid treeId, commitId;
    if (git_index_write_tree(&treeId, index) != 0)
        return {false, lastError(QObject::tr("Cannot write the tree")), {}};
    Ptr<git_tree, git_tree_free> tree;
    git_tree_lookup(tree.out(), repo, &treeId);
    Ptr<git_signature, git_signature_free> who;
    if (git_signature_now(who.out(), name.toUtf8().constData(), email.toUtf8().constData()) != 0)
        return {false, lastError(QObject::tr("Bad author")), {}};
    Ptr<git_object, git_object_free> head;
    const bool unborn = git_revparse_single(head.out(), repo, "HEAD^{commit}") != 0;
    const git_commit *parents[1] = {unborn ? nullptr : reinterpret_cast<const git_commit *>(head.p)};
    if (git_commit_create(&commitId, repo, "HEAD", who, who, nullptr, message.toUtf8().constData(), tree, unborn ? 0 : 1,
                          parents) != 0)
        return {false, lastError(QObject::tr("Cannot commit")), {}};
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commitId);
    return {true, {}, QString::fromLatin1(hex)};
}

Result push(const QString &dir, const QString &url, const QString &token, const Progress &progress,
            const std::atomic_bool *cancel)
{
    ensureInit();
    Ptr<git_repository, git_repository_free> repo;
    if (git_repository_open(repo.out(), QDir(dir).absolutePath().toUtf8().constData()) != 0)
        return {false, lastError(QObject::tr("Not a git repository")), {}};
    Ptr<git_reference, git_reference_free> head;
    if (git_repository_head(head.out(), repo) != 0)
        return {false, QObject::tr("Nothing to deploy: the repository has no commit yet."), {}};
    Ptr<git_remote, git_remote_free> remote;
    if (git_remote_create_anonymous(remote.out(), repo, url.toUtf8().constData()) != 0)
        return {false, lastError(QObject::tr("Bad git URL")), {}};
    Callbacks c{token, &progress, cancel, {}, 0};
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    setCallbacks(options.callbacks, c);
    const QByteArray refspec = QByteArray("+") + git_reference_name(head) + ":refs/heads/main";
    char *specs[] = {const_cast<char *>(refspec.constData())};
    const git_strarray refspecs{specs, 1};
    // Force, as `git push heroku HEAD:main -f` would: the app's repo follows the project.
    const int rc = git_remote_push(remote, &refspecs, &options);
    if (cancelled(&c))
        return {false, QObject::tr("Cancelled."), {}};
    if (rc != 0)
        return {false, c.credentialTries > 1 ? QObject::tr("The API key was not accepted by the git server.")
                                             : lastError(QObject::tr("Push failed")), {}};
    if (!c.rejected.isEmpty())
        return {false, QObject::tr("The push was rejected: %1").arg(c.rejected), {}};
    return {true, {}, {}};
}

Result clone(const QString &url, const QString &token, const QString &dir, const Progress &progress,
             const std::atomic_bool *cancel)
{
    ensureInit();
    Callbacks c{token, &progress, cancel, {}, 0};
    git_clone_options options = GIT_CLONE_OPTIONS_INIT;
    setCallbacks(options.fetch_opts.callbacks, c);
    options.remote_cb = [](git_remote **out, git_repository *repo, const char *, const char *remoteUrl, void *) {
        return git_remote_create(out, repo, "heroku", remoteUrl);
    };
    Ptr<git_repository, git_repository_free> repo;
    if (git_clone(repo.out(), url.toUtf8().constData(), QDir(dir).absolutePath().toUtf8().constData(), &options) != 0) {
        if (cancelled(&c))
            return {false, QObject::tr("Cancelled."), {}};
        return {false, c.credentialTries > 1 ? QObject::tr("The API key was not accepted by the git server.")
                                             : lastError(QObject::tr("Clone failed")), {}};
    }
    // An empty app repository: point HEAD at main so the first commit lands there.
    if (git_repository_is_empty(repo) == 1)
        git_repository_set_head(repo, "refs/heads/main");
    return {true, {}, {}};
}

QString remoteUrl(const QString &dir, const QString &name)
{
    ensureInit();
    Ptr<git_repository, git_repository_free> repo;
    if (git_repository_open_ext(repo.out(), QDir(dir).absolutePath().toUtf8().constData(), 0, nullptr) != 0)
        return {};
    Ptr<git_remote, git_remote_free> remote;
    if (git_remote_lookup(remote.out(), repo, name.toUtf8().constData()) != 0)
        return {};
    return QString::fromUtf8(git_remote_url(remote));
}

} // namespace dynodesk::ideplugin::git
