#include "golden.h"

#include <QFile>
#include <QStringList>

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

QString goldenMismatches(const nlohmann::json &body, const QString &resource)
{
    QFile f(QStringLiteral(DYNODESK_GOLDEN_DIR "/") + resource + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("no golden file for ") + resource;
    const auto golden = nlohmann::json::parse(f.readAll().toStdString());
    if (!body.is_object())
        return QStringLiteral("body is not an object: ") + QString::fromStdString(body.dump());
    QStringList problems;
    for (const auto &[field, types] : golden.items()) {
        const auto dot = field.find('.');
        const nlohmann::json *value = nullptr;
        if (dot == std::string::npos) {
            if (body.contains(field))
                value = &body[field];
        } else {
            const std::string parent = field.substr(0, dot), child = field.substr(dot + 1);
            if (!body.contains(parent) || !body[parent].is_object())
                continue; // the parent is null (allowed by its own entry) or checked there
            if (body[parent].contains(child))
                value = &body[parent][child];
        }
        if (!value)
            problems << QStringLiteral("missing %1").arg(QString::fromStdString(field));
        else if (!typeAllowed(types.get<std::string>(), typeOf(*value)))
            problems << QStringLiteral("%1 is %2, schema says %3")
                                .arg(QString::fromStdString(field), QString::fromStdString(typeOf(*value)),
                                     QString::fromStdString(types.get<std::string>()));
    }
    for (const auto &[field, value] : body.items()) {
        const bool known = golden.contains(field) || kExtensions.count(resource.toStdString() + "." + field);
        if (!known)
            problems << QStringLiteral("unexpected field %1").arg(QString::fromStdString(field));
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace dynodesk::testing
