// Class rosters and per-account quotas through the platform's services on a real store: the CSV
// reader (quotes, commas, line breaks), a roster of 50 imported and imported again, every kind of
// bad row refused whole with its line, and the quotas of apps, dynos (one-off ones too) and
// add-ons for a team's members but not its admins.
#include "platform/accounts/csvtable.h"
#include "platform/platform.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dynodesk;
using platform::Actor;
using platform::CsvTable;

namespace {

// The dyno manager as far as quotas see it: the one-off dynos it runs.
class OneOffCounter final : public dynos::ISupervisor {
public:
    std::vector<dynos::DynoInfo> running;

    std::vector<dynos::DynoInfo> dynos(const std::string &appId) const override
    {
        std::vector<dynos::DynoInfo> out;
        for (const auto &d : running)
            if (d.appId == appId)
                out.push_back(d);
        return out;
    }
    bool restart(const std::string &, const std::string &) override { return false; }
    std::string isolation() const override { return "none (test)"; }
    bool stop(const std::string &, const std::string &) override { return false; }
    std::pair<dynos::DynoInfo, std::string> runOneOff(const dynos::DesiredApp &release, const dynos::OneOffRequest &) override
    {
        dynos::DynoInfo d;
        d.appId = release.appId;
        d.name = "run." + std::to_string(running.size() + 1);
        d.oneOff = true;
        running.push_back(d);
        return {d, ""};
    }
};

struct World {
    QTemporaryDir dir;
    core::SystemClock clock;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<platform::Platform> p;
    OneOffCounter supervisor;

    World()
    {
        store = std::make_unique<store::Store>((dir.path() + "/s.db").toStdString());
        core::Settings settings;
        settings.passwordHashIterations = 1000; // fast; the cost is not under test
        p = std::make_unique<platform::Platform>(*store, clock, settings);
        p->dynos().setSupervisor(&supervisor);
    }

    int64_t count(const char *table)
    {
        auto st = store->db.prepare(std::string("SELECT count(*) FROM ") + table);
        st.step();
        return st.integer(0);
    }

    Actor actor(const std::string &email)
    {
        auto a = store->accounts.byEmail(email);
        return a ? Actor{a->id, a->email} : Actor{};
    }
};

// A class of 50: the teacher and a second admin, 48 students in two teams (one a viewer).
std::string classOf50()
{
    std::string csv = "email,name,team,role\n";
    csv += "teacher@school.test,\"Ada Teacher, PhD\",class-a,admin\n";
    csv += "assistant@school.test,Bo Assistant,class-b,admin\n";
    csv += "teacher@school.test2,Teacher Too,class-b,member\n"; // another email, same person
    for (int i = 1; i <= 47; ++i)
        csv += "student" + std::to_string(i) + "@school.test,\"Student \"\"" + std::to_string(i) + "\"\"\","
               + (i % 2 ? "class-a" : "class-b") + "," + (i == 47 ? "viewer" : "member") + "\r\n";
    return csv;
}

} // namespace

class TestRosterImport : public QObject {
    Q_OBJECT

private slots:
    void csvReadsQuotesCommasAndLineBreaks()
    {
        const std::string text = "\xEF\xBB\xBF" "a,b,c\r\n"
                                 "\"x, y\",\"say \"\"hi\"\"\",\n"
                                 "\"two\nlines\",plain,\"\"\n"
                                 "\n"
                                 "last,row,here";
        auto table = CsvTable::parse(text);
        QVERIFY2(table.ok(), table.ok() ? "" : table.error().message.c_str());
        const auto &r = table->records();
        QCOMPARE(r.size(), size_t(5));
        QCOMPARE(r[0].fields, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(r[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", ""}));
        QCOMPARE(r[2].fields, (std::vector<std::string>{"two\nlines", "plain", ""}));
        QCOMPARE(r[2].line, 3);
        QVERIFY(r[3].blank());
        QCOMPARE(r[3].line, 5); // the quoted line break counted
        QCOMPARE(r[4].line, 6);
        QCOMPARE(r[4].fields, (std::vector<std::string>{"last", "row", "here"}));
        QVERIFY(!CsvTable::parse("\"\"\n").value().records()[0].blank()); // a quoted empty field is not a blank line
    }

    void csvRefusesMalformedFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("open quote") << "a,b\nc,\"d\n\ne" << "line 2: a quoted field is not closed";
        QTest::newRow("after quote") << "a\n\"b\"c,d" << "line 2: text after a closing quote (write a quote inside a quoted field as \"\")";
        QTest::newRow("bare quote") << "a\nb,c\"d" << "line 2: a quote inside a field that is not quoted (quote the whole field)";
    }

    void csvRefusesMalformedFields()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto table = CsvTable::parse(text.toStdString());
        QVERIFY(!table.ok());
        QCOMPARE(QString::fromStdString(table.error().message), message);
    }

    void importsFiftyThenChangesNothing()
    {
        World w;
        auto first = w.p->roster().import(classOf50());
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QCOMPARE(first->rows, 50);
        QCOMPARE(first->created.size(), size_t(50));
        QCOMPARE(first->teamsCreated, 2);
        QCOMPARE(first->membersAdded, 48); // the two owners were made with their teams
        QCOMPARE(w.count("accounts"), int64_t(50));
        for (const auto &c : first->created) {
            auto byToken = w.p->accounts().authenticateToken(c.token);
            QVERIFY2(byToken.ok() && byToken->email == c.email, c.email.c_str());
            QVERIFY(w.p->accounts().authenticatePassword(c.email, c.password).ok());
        }
        const Actor teacher = w.actor("teacher@school.test");
        QCOMPARE(w.p->accounts().account(teacher)->name.value_or(""), std::string("Ada Teacher, PhD"));
        QCOMPARE(w.p->accounts().account(w.actor("student3@school.test"))->name.value_or(""), std::string("Student \"3\""));
        auto classA = w.p->teams().team(teacher, "class-a");
        QVERIFY(classA.ok());
        QCOMPARE(classA->role, std::string("owner"));
        auto membersB = w.p->teams().members(w.actor("assistant@school.test"), "class-b");
        QCOMPARE(membersB->size(), size_t(25));
        QCOMPARE(w.p->teams().team(w.actor("student47@school.test"), "class-a")->role, std::string("viewer"));

        auto again = w.p->roster().import(classOf50());
        QVERIFY(again.ok());
        QVERIFY(!again->changed());
        QCOMPARE(w.count("accounts"), int64_t(50));
        QCOMPARE(w.count("team_members"), int64_t(50));

        // A role and a name changed: only those change; no new passwords.
        std::string edited = classOf50();
        const std::string row = "student2@school.test,\"Student \"\"2\"\"\",class-b,member";
        edited.replace(edited.find(row), row.size(), "student2@school.test,Renamed,class-b,admin");
        auto third = w.p->roster().import(edited);
        QVERIFY2(third.ok(), third.ok() ? "" : third.error().message.c_str());
        QVERIFY(third->created.empty());
        QCOMPARE(third->rolesChanged, 1);
        QCOMPARE(third->accountsRenamed, 1);
        QCOMPARE(w.p->teams().team(w.actor("student2@school.test"), "class-b")->role, std::string("admin"));
    }

    // Emails compare without case, as the store does.
    void existingAccountsKeepTheirPasswords()
    {
        World w;
        QVERIFY(w.p->accounts().createAccount("old@school.test", std::string("old-password")).ok());
        auto done = w.p->roster().import("email,name,team,role\nOld@School.test,Old,,\nnew@school.test,New,,\n");
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        QCOMPARE(done->created.size(), size_t(1));
        QCOMPARE(done->created[0].email, std::string("new@school.test"));
        QCOMPARE(done->accountsRenamed, 1);
        QVERIFY(w.p->accounts().authenticatePassword("old@school.test", "old-password").ok());
    }

    void badRowRefusesTheWholeRoster_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("message");
        QTest::newRow("role") << "x@school.test,X,class-a,owner" << "line 7: unknown role 'owner' (use admin, member or viewer)";
        QTest::newRow("email") << "x@school,X,class-a,member" << "line 7: 'x@school' is not a valid email address";
        QTest::newRow("duplicate") << "S2@school.test,Again,class-a,member"
                                   << "line 7: duplicate email S2@school.test (also on line 4)";
        QTest::newRow("columns") << "x@school.test,X,class-a" << "line 7: 3 columns, expected 4 (email,name,team,role)";
        QTest::newRow("quoted comma") << "x@school.test,\"X, Y\",class-a,member,extra"
                                      << "line 7: 5 columns, expected 4 (email,name,team,role)";
        QTest::newRow("team") << "x@school.test,X,Class A,member"
                              << "line 7: bad team name 'Class A': Name must start with a letter, end with a letter or "
                                 "digit and can only contain lowercase letters, digits, and dashes.";
        QTest::newRow("no role") << "x@school.test,X,class-a," << "line 7: no role for team 'class-a' (use admin, member or viewer)";
        QTest::newRow("role, no team") << "x@school.test,X,,member" << "line 7: role 'member' needs a team";
        QTest::newRow("new team without admin")
                << "x@school.test,X,class-z,member"
                << "line 7: team 'class-z' does not exist and no row makes anyone its admin (the first admin row of a "
                   "new team becomes its owner)";
        QTest::newRow("quote") << "x@school.test,X \"Y\",class-a,member"
                               << "line 7: a quote inside a field that is not quoted (quote the whole field)";
    }

    void badRowRefusesTheWholeRoster()
    {
        QFETCH(QString, row);
        QFETCH(QString, message);
        World w;
        const std::string roster = "email,name,team,role\n"
                                   "t@school.test,T,class-a,admin\n"
                                   "s1@school.test,S1,class-a,member\n"
                                   "s2@school.test,S2,class-a,member\n"
                                   "\n"
                                   "s3@school.test,\"S, 3\",,\n"
                                   + row.toStdString() + "\n"
                                   "s4@school.test,S4,class-a,viewer\n";
        const int64_t accounts = w.count("accounts");
        auto done = w.p->roster().import(roster);
        QVERIFY(!done.ok());
        QCOMPARE(done.error().status, 422);
        QCOMPARE(QString::fromStdString(done.error().message), message);
        QCOMPARE(w.count("accounts"), accounts);
        QCOMPARE(w.count("teams"), int64_t(0));
        QCOMPARE(w.count("team_members"), int64_t(0));
        QCOMPARE(w.count("authorizations"), accounts);
    }

    void headerAndOwnerRulesNameTheirLine()
    {
        World w;
        auto header = w.p->roster().import("mail,name,team,role\na@school.test,A,,\n");
        QCOMPARE(QString::fromStdString(header.error().message),
                 QStringLiteral("line 1: the header must be email,name,team,role, not mail,name,team,role"));
        QVERIFY(w.p->roster().import("email,name,team,role\nt@school.test,T,lab,admin\n").ok());
        auto owner = w.p->roster().import("email,name,team,role\nx@school.test,X,lab,member\nt@school.test,T,lab,member\n");
        QCOMPARE(QString::fromStdString(owner.error().message),
                 QStringLiteral("line 3: t@school.test is the owner of lab; that role cannot change (write admin for the owner)"));
        QVERIFY(!w.store->accounts.byEmail("x@school.test")); // nothing of the refused file stayed
    }

    void quotasLimitMembersNotAdmins()
    {
        World w;
        QVERIFY(w.p->roster().import("email,name,team,role\nt@school.test,T,lab,admin\ns@school.test,S,lab,member\n").ok());
        const Actor teacher = w.actor("t@school.test"), student = w.actor("s@school.test");
        auto quota = w.p->quotas().setTeamQuota("lab", {2, 3, 1});
        QVERIFY(quota.ok());
        QCOMPARE(w.p->quotas().teamQuota("lab")->dynos, std::optional<int64_t>(3));
        QCOMPARE(w.p->quotas().setTeamQuota("nope", {}).error().status, 404);

        // Apps: personal and team apps both count; the third is refused; the teacher is not limited.
        QVERIFY(w.p->apps().createApp(student, {std::string("s-one"), {}, {}, {}, false}).ok());
        QVERIFY(w.p->apps().createApp(student, {std::string("s-two"), {}, {}, std::string("lab"), false}).ok());
        auto third = w.p->apps().createApp(student, {std::string("s-three"), {}, {}, {}, false});
        QVERIFY(!third.ok());
        QCOMPARE(third.error().id, std::string("invalid_params"));
        QCOMPARE(third.error().message, std::string("You've reached your app limit of 2 apps. Delete some apps or ask an "
                                                    "admin of lab to have this limit increased."));
        for (const char *name : {"t-one", "t-two", "t-three"})
            QVERIFY(w.p->apps().createApp(teacher, {std::string(name), {}, {}, {}, false}).ok());

        // Dynos: the formation of every app of the student's, and its one-off dynos.
        QVERIFY(deploy(w, student, "s-one"));                           // web=1
        QVERIFY(w.p->formation().updateFormation(student, "s-one", {{"web", 2, {}, false}}).ok()); // 2
        auto over = w.p->formation().updateFormation(student, "s-two", {{"worker", 2, {}, false}});
        QVERIFY(!over.ok());
        QCOMPARE(over.error().status, 422);
        QCOMPARE(over.error().id, std::string("cannot_run_above_limit"));
        QCOMPARE(over.error().message, std::string("Cannot run more than 3 dynos. Scale down other dynos or ask an admin "
                                                   "of lab to have this limit increased."));
        QVERIFY(w.p->dynos().runOneOff(student, "s-one", {}).ok()); // 3
        auto oneOff = w.p->dynos().runOneOff(student, "s-one", {});
        QVERIFY(!oneOff.ok());
        QCOMPARE(oneOff.error().id, std::string("cannot_run_above_limit"));
        // The teacher scaling the student's team app counts against the student's quota too.
        QCOMPARE(w.p->formation().updateFormation(teacher, "s-two", {{"worker", 1, {}, true}}).error().id,
                 std::string("cannot_run_above_limit"));
        // Scaling down is always allowed, and frees room.
        QVERIFY(w.p->formation().updateFormation(student, "s-one", {{"web", -1, {}, true}}).ok());
        QVERIFY(w.p->dynos().runOneOff(student, "s-one", {}).ok());
        QCOMPARE(w.p->quotas().dynosOf(student.id), int64_t(3));
        // A first deploy at the limit is released, but its web type stays at 0 and the push says why.
        std::optional<std::string> notice;
        QVERIFY(deploy(w, student, "s-two", &notice));
        QCOMPARE(w.p->formation().formationType(student, "s-two", "web")->quantity, int64_t(0));
        QVERIFY(notice && notice->starts_with("web was not scaled to 1: Cannot run more than 3 dynos."));
        QCOMPARE(w.p->quotas().dynosOf(student.id), int64_t(3));

        // Without a limit of that kind, nothing changes: a quota of unlimited dynos.
        QVERIFY(w.p->quotas().setTeamQuota("lab", {{}, -1, {}}).ok());
        QVERIFY(w.p->formation().updateFormation(student, "s-one", {{"web", 10, {}, false}}).ok());
        QCOMPARE(w.p->quotas().teamQuota("lab")->apps, std::optional<int64_t>(2));

        // Add-ons: those of the student's apps count, but not one that failed to provision (the
        // create itself goes through a provider, which this platform has not: tst_labroster).
        QVERIFY(w.p->quotas().allowNewAddon(student.id).ok());
        const auto app = *w.store->apps.byIdOrName("s-one");
        platform::Addon addon{"a1", "postgresql-a1", app.id, app.name, student.id, "heroku-postgresql", "essential-0",
                              "provisioned", "d1", {}, {}, {}, student.id, "t", "t"};
        w.store->addons.insert(addon);
        auto addons = w.p->quotas().allowNewAddon(student.id);
        QVERIFY(!addons.ok());
        QCOMPARE(addons.error().message, std::string("You've reached your add-on limit of 1 add-on. Destroy some add-ons or "
                                                     "ask an admin of lab to have this limit increased."));
        QVERIFY(w.p->quotas().allowNewAddon(teacher.id).ok());
        w.store->db.exec("UPDATE addons SET state = 'deprovisioned'");
        QVERIFY(w.p->quotas().allowNewAddon(student.id).ok());
    }

private:
    static bool deploy(World &w, const Actor &who, const std::string &app, std::optional<std::string> *notice = nullptr)
    {
        auto build = w.p->builds().createBuild(who, app, {});
        if (!build)
            return false;
        platform::BuildOutcome outcome{"slug-" + app, "/nonexistent/slug.tgz", std::string("abc1234"),
                                       {{"web", "node server.js"}, {"worker", "node worker.js"}}, 10, "test"};
        return w.p->builds().completeBuild(build->build.id, outcome, false, notice).ok();
    }
};

QTEST_GUILESS_MAIN(TestRosterImport)
#include "tst_rosterimport.moc"
