#include "configvarstab.h"

#include "configvarsmodel.h"
#include "dotenv.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace dynodesk::ideplugin {

ConfigVarsTab::ConfigVarsTab(EditedApp &app, QWidget *parent)
    : AppTab(app, parent), m_model(new ConfigVarsModel(this)), m_view(addTable(m_model, QStringLiteral("configTable")))
{
    auto *add = addButton(QStringLiteral("addConfigVar"), QStringLiteral("+"), tr("Add variables: one KEY=value per line"));
    auto *edit = addButton(QStringLiteral("editConfigVar"), tr("Edit"));
    auto *remove = addButton(QStringLiteral("removeConfigVar"), QStringLiteral("-"));
    auto *import = addButton(QStringLiteral("importEnv"), tr("Import .env…"));
    auto *reveal = new QCheckBox(tr("Reveal values"), this);
    reveal->setObjectName(QStringLiteral("revealValues"));
    addToButtonRow(reveal);
    connect(reveal, &QCheckBox::toggled, m_model, &ConfigVarsModel::setRevealed);
    connect(add, &QPushButton::clicked, this, &ConfigVarsTab::addLines);
    connect(edit, &QPushButton::clicked, this, &ConfigVarsTab::editSelected);
    connect(remove, &QPushButton::clicked, this, &ConfigVarsTab::removeSelected);
    connect(import, &QPushButton::clicked, this, &ConfigVarsTab::importFile);
}

void ConfigVarsTab::load()
{
    ctx().client.get(m_app.path(QStringLiteral("/config-vars")), this, [this](const Reply &r) {
        if (!r.ok())
            return;
        m_model->setVars(r.object());
        emit m_app.loaded(QStringLiteral("config"));
    });
}

void ConfigVarsTab::setConfigVars(const QJsonObject &changes, const QString &what)
{
    ctx().client.patch(m_app.path(QStringLiteral("/config-vars")), changes, this, [this, what](const Reply &r) {
        if (!r.ok())
            return ctx().fail(what, r);
        m_app.reportRelease(what);
    });
}

void ConfigVarsTab::setFromDotEnv(const QString &text)
{
    const DotEnv env = parseDotEnv(text);
    if (!env.errors.isEmpty()) {
        QStringList lines;
        for (const DotEnvError &e : env.errors)
            lines << tr("Line %1: %2").arg(e.line).arg(e.text);
        const QString skipped = tr("These lines are not KEY=value and are skipped:\n\n%1").arg(lines.join(QLatin1Char('\n')));
        if (env.vars.isEmpty())
            return void(QMessageBox::warning(this, tr("Add config vars"), skipped));
        if (QMessageBox::question(this, tr("Add config vars"), skipped + QStringLiteral("\n\n") + tr("Set the others?"))
            != QMessageBox::Yes)
            return;
    }
    QJsonObject vars;
    for (const auto &[key, value] : env.vars)
        vars.insert(key, value);
    if (!vars.isEmpty())
        setConfigVars(vars, tr("Set %1 config vars").arg(vars.keys().join(QStringLiteral(", "))));
}

void ConfigVarsTab::addLines()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Add config vars"),
                                                        tr("One KEY=value per line (you can paste several):"), {}, &ok);
    if (ok)
        setFromDotEnv(text);
}

void ConfigVarsTab::editSelected()
{
    const QJsonObject var = selected(m_view, m_model);
    if (var.isEmpty())
        return;
    const QString key = var.value(QStringLiteral("key")).toString();
    bool ok = false;
    const QString value = QInputDialog::getText(this, tr("Edit %1").arg(key), tr("Value:"), QLineEdit::Normal,
                                                var.value(QStringLiteral("value")).toString(), &ok);
    if (ok)
        setConfigVars({{key, value}}, tr("Set %1 config vars").arg(key));
}

void ConfigVarsTab::removeSelected()
{
    const QString key = selected(m_view, m_model).value(QStringLiteral("key")).toString();
    if (key.isEmpty() || QMessageBox::question(this, tr("Remove config var"),
                                               tr("Remove %1 from %2? The app restarts.").arg(key, m_app.name()))
                                 != QMessageBox::Yes)
        return;
    setConfigVars({{key, QJsonValue::Null}}, tr("Remove %1 config vars").arg(key));
}

void ConfigVarsTab::importFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import .env"), ctx().host.currentProject(),
                                                      tr(".env files (.env *.env);;All files (*)"));
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return;
    setFromDotEnv(QString::fromUtf8(f.readAll()));
}

} // namespace dynodesk::ideplugin
