#include "golden.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

namespace dynodesk::testing {

// Fields the emulator adds beyond the public schema because the official CLI reads them.
// Add-ons expand their plan with its price (`Accept-Expansion: plan`); attachments include their
// add-on's plan and config vars (`Accept-Inclusion: addon:plan,config_vars`).
static const std::set<std::string> kExtensions = {"app.create_status", "add-on.plan.price", "add-on.addon_service.human_name",
                                                  "add-on-attachment.addon.plan", "add-on-attachment.config_vars"};

static std::string typeOf(const nlohmann::json &v)
{
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "boolean";
    if (v.is_number_integer()) return "integer";
    if (v.is_number()) return "number";
    if (v.is_string()) return "string";
    if (v.is_array()) return "array";
    return "object";
}

static bool typeAllowed(const std::string &types, const std::string &actual)
{
    for (const auto &t : QString::fromStdString(types).split(QLatin1Char('|')))
        if (t.toStdString() == actual || (t == QLatin1String("number") && actual == "integer"))
            return true;
    return false;
}

// `field` or `parent.child` of the body, or null when absent.
static const nlohmann::json *fieldOf(const nlohmann::json &body, const std::string &field, bool *parentMissing)
{
    *parentMissing = false;
    const auto dot = field.find('.');
    if (dot == std::string::npos)
        return body.contains(field) ? &body[field] : nullptr;
    const std::string parent = field.substr(0, dot), child = field.substr(dot + 1);
    if (!body.contains(parent) || !body[parent].is_object()) {
        *parentMissing = true; // the parent is null (allowed by its own entry) or checked there
        return nullptr;
    }
    return body[parent].contains(child) ? &body[parent][child] : nullptr;
}

// The values each VERIFY_GOLDEN call of this test binary saw, recorded once and compared after.
class RecordedValues final {
public:
    static RecordedValues &instance()
    {
        static RecordedValues values;
        return values;
    }

    // The call's key: test function, data row, resource and how many calls of the same came before.
    std::string nextKey(const QString &resource)
    {
        QString key = QString::fromLatin1(QTest::currentTestFunction());
        if (const char *tag = QTest::currentDataTag(); tag && *tag)
            key += QStringLiteral("(%1)").arg(QString::fromLatin1(tag));
        key += QLatin1Char(' ') + resource;
        const int n = ++m_seen[key.toStdString()];
        return (key + QStringLiteral(" #%1").arg(n)).toStdString();
    }

    bool recording() const { return m_recording; }
    bool active() const { return m_recording || m_loaded; }
    const nlohmann::json *find(const std::string &key) const
    {
        return m_values.contains(key) ? &m_values[key] : nullptr;
    }
    void record(const std::string &key, const nlohmann::json &values)
    {
        m_values[key] = values;
        QFile f(m_path);
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(QByteArray::fromStdString(m_values.dump(1) + "\n"));
    }

private:
    RecordedValues()
        : m_path(QStringLiteral(DYNODESK_GOLDEN_DIR "/values/") + QCoreApplication::applicationName() + QStringLiteral(".json")),
          m_recording(qEnvironmentVariableIntValue("DYNODESK_GOLDEN_RECORD") == 1)
    {
        QFile f(m_path);
        if (!m_recording && f.open(QIODevice::ReadOnly)) {
            m_values = nlohmann::json::parse(f.readAll().toStdString());
            m_loaded = true;
        }
    }

    QString m_path;
    bool m_recording = false, m_loaded = false;
    nlohmann::json m_values = nlohmann::json::object();
    std::map<std::string, int> m_seen;
};

// The deterministic fields' values against those recorded for this call. A list's values are
// compared as a set: the API orders lists by id, which differs from one run to the next.
static void compareRecorded(const nlohmann::json &pinned, const QString &resource, QStringList &problems)
{
    auto &recorded = RecordedValues::instance();
    if (!recorded.active())
        return;
    const std::string key = recorded.nextKey(pinned.is_array() ? resource + QStringLiteral("[]") : resource);
    if (recorded.recording())
        return recorded.record(key, pinned);
    const nlohmann::json *expected = recorded.find(key);
    if (!expected) {
        problems << QStringLiteral("no recorded values for \"%1\" (record with tests/api/golden/update --record)")
                            .arg(QString::fromStdString(key));
        return;
    }
    if (pinned.is_array() || expected->is_array()) {
        if (pinned != *expected)
            problems << QStringLiteral("the list's values are %1, golden says %2")
                                .arg(QString::fromStdString(pinned.dump()), QString::fromStdString(expected->dump()));
        return;
    }
    for (const auto &[field, value] : expected->items())
        if (!pinned.contains(field) || pinned[field] != value)
            problems << QStringLiteral("%1 is %2, golden says %3")
                                .arg(QString::fromStdString(field),
                                     QString::fromStdString(pinned.contains(field) ? pinned[field].dump() : "absent"),
                                     QString::fromStdString(value.dump()));
    for (const auto &[field, value] : pinned.items())
        if (!expected->contains(field))
            problems << QStringLiteral("%1 is %2, golden has no value for it")
                                .arg(QString::fromStdString(field), QString::fromStdString(value.dump()));
}

// One object's fields against the golden types; its deterministic fields' values into `pinned`.
static void checkObject(const nlohmann::json &body, const nlohmann::json &golden, const QString &resource,
                        QStringList &problems, nlohmann::json &pinned)
{
    if (!body.is_object()) {
        problems << QStringLiteral("body is not an object: ") + QString::fromStdString(body.dump());
        return;
    }
    for (const auto &[field, spec] : golden.items()) {
        std::string types = spec.get<std::string>();
        const bool deterministic = !types.empty() && types.front() == '=';
        if (deterministic)
            types.erase(0, 1);
        bool parentMissing = false;
        const nlohmann::json *value = fieldOf(body, field, &parentMissing);
        if (parentMissing)
            continue;
        if (!value)
            problems << QStringLiteral("missing %1").arg(QString::fromStdString(field));
        else if (!typeAllowed(types, typeOf(*value)))
            problems << QStringLiteral("%1 is %2, schema says %3")
                                .arg(QString::fromStdString(field), QString::fromStdString(typeOf(*value)),
                                     QString::fromStdString(types));
        else if (deterministic)
            pinned[field] = *value;
    }
    for (const auto &[field, value] : body.items()) {
        const bool known = golden.contains(field) || kExtensions.count(resource.toStdString() + "." + field);
        if (!known)
            problems << QStringLiteral("unexpected field %1").arg(QString::fromStdString(field));
    }
}

QString goldenMismatches(const nlohmann::json &body, const QString &resource, bool compareValues)
{
    QFile f(QStringLiteral(DYNODESK_GOLDEN_DIR "/") + resource + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("no golden file for ") + resource;
    const auto golden = nlohmann::json::parse(f.readAll().toStdString());
    QStringList problems;
    nlohmann::json pinned = nlohmann::json::object();
    if (body.is_array()) {
        pinned = nlohmann::json::array();
        for (const auto &item : body) {
            nlohmann::json itemValues = nlohmann::json::object();
            checkObject(item, golden, resource, problems, itemValues);
            pinned.push_back(itemValues);
        }
        std::sort(pinned.begin(), pinned.end(), [](const nlohmann::json &a, const nlohmann::json &b) { return a.dump() < b.dump(); });
    } else {
        checkObject(body, golden, resource, problems, pinned);
    }
    if (compareValues)
        compareRecorded(pinned, resource, problems);
    return problems.join(QStringLiteral("; "));
}

} // namespace dynodesk::testing
