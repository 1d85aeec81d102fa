#include "activitytab.h"

#include "buildsmodel.h"
#include "client/streamreader.h"
#include "editedapp.h"
#include "plugincontext.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

ActivityTab::ActivityTab(EditedApp &app, QWidget *parent) : AppTab(app, parent), m_model(new BuildsModel(this))
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    QTableView *builds = makeTable(splitter, m_model, QStringLiteral("buildsTable"));
    m_output = new QPlainTextEdit(splitter);
    m_output->setObjectName(QStringLiteral("buildOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("Select a build to see its output."));
    splitter->addWidget(builds);
    splitter->addWidget(m_output);
    pageLayout()->setContentsMargins(0, 0, 0, 0);
    pageLayout()->addWidget(splitter);
    connect(builds->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &index) {
        if (index.isValid())
            showBuild(m_model->item(index.row()));
    });
}

void ActivityTab::load() { loadList(QStringLiteral("activity"), m_app.path(QStringLiteral("/builds")), m_model); }

void ActivityTab::showBuild(const QJsonObject &build)
{
    delete m_stream;
    m_output->clear();
    const QString url = build.value(QStringLiteral("output_stream_url")).toString();
    if (url.isEmpty())
        return;
    m_stream = new StreamReader(ctx().client.network(), QUrl(url), StreamReader::Format::PlainText, this);
    connect(m_stream, &StreamReader::line, m_output, &QPlainTextEdit::appendPlainText);
    connect(m_stream, &StreamReader::finished, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_output->appendPlainText(tr("[the output stream broke: %1]").arg(error));
        emit m_app.loaded(QStringLiteral("buildOutput"));
    });
    m_stream->start();
}

} // namespace dynodesk::ideplugin
