#include "credentialspage.h"

#include "client/netrc.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

CredentialsPage::CredentialsPage(QString netrcPath, QWidget *parent)
    : QWidget(parent), m_netrcPath(std::move(netrcPath)), m_table(new QTableWidget(0, 2, this))
{
    m_table->setObjectName(QStringLiteral("credentialsTable"));
    m_table->setHorizontalHeaderLabels({tr("Machine"), tr("Login")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *remove = new QPushButton(tr("Log Out of Selected"), this);
    remove->setObjectName(QStringLiteral("logOutButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Logins in %1, shared with the official CLI:").arg(m_netrcPath), this));
    layout->addWidget(m_table, 1);
    layout->addWidget(remove, 0, Qt::AlignLeft);
    connect(remove, &QPushButton::clicked, this, &CredentialsPage::removeSelected);
    reload();
}

void CredentialsPage::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    Netrc netrc(m_netrcPath);
    if (netrc.load()) {
        netrc.remove(m_table->item(row, 0)->text());
        netrc.save();
    }
    reload();
}

void CredentialsPage::reload()
{
    Netrc netrc(m_netrcPath);
    netrc.load();
    const auto entries = netrc.entries();
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(entries[row].machine));
        m_table->setItem(row, 1, new QTableWidgetItem(entries[row].login));
    }
}

} // namespace dynodesk::ideplugin
