#include "addbuildpackdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

AddBuildpackDialog::AddBuildpackDialog(QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this)), m_url(new QLineEdit(this))
{
    setObjectName(QStringLiteral("addBuildpackDialog"));
    setWindowTitle(tr("Add buildpack"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Officially supported buildpacks:"), this));
    m_list->setObjectName(QStringLiteral("registryBuildpacks"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Buildpack"), tr("Description")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_list);
    auto *form = new QFormLayout;
    m_url->setObjectName(QStringLiteral("buildpackUrl"));
    m_url->setPlaceholderText(tr("https://github.com/owner/buildpack.git or file:///path/to/buildpack"));
    form->addRow(tr("Or enter a buildpack URL:"), m_url);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Save changes"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &AddBuildpackDialog::updateOk);
    connect(m_url, &QLineEdit::textChanged, this, &AddBuildpackDialog::updateOk);
    resize(640, 380);
    updateOk();
}

void AddBuildpackDialog::setRegistry(const QJsonArray &buildpacks)
{
    m_list->clear();
    for (const QJsonValue &value : buildpacks) {
        const QJsonObject b = value.toObject();
        const QString name = b.value(QStringLiteral("namespace")).toString() + QLatin1Char('/')
                + b.value(QStringLiteral("name")).toString();
        auto *item = new QTreeWidgetItem(m_list, {name, b.value(QStringLiteral("description")).toString()});
        item->setToolTip(1, item->text(1));
    }
    m_list->sortItems(0, Qt::AscendingOrder);
}

QString AddBuildpackDialog::buildpack() const
{
    const QString url = m_url->text().trimmed();
    if (!url.isEmpty())
        return url;
    const auto picked = m_list->selectedItems();
    return picked.isEmpty() ? QString() : picked.first()->text(0);
}

void AddBuildpackDialog::updateOk() { m_ok->setEnabled(!buildpack().isEmpty()); }

} // namespace dynodesk::ideplugin
