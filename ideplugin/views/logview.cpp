#include "logview.h"

#include "client/streamreader.h"
#include "plugincontext.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

LogView::LogView(PluginContext &ctx, const QString &app, QWidget *parent)
    : QWidget(parent), m_ctx(ctx), m_app(app), m_source(new QComboBox(this)), m_dyno(new QLineEdit(this)),
      m_search(new QLineEdit(this)), m_pause(new QPushButton(tr("Pause"), this)), m_status(new QLabel(this)),
      m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("logView:") + app);
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_source->setObjectName(QStringLiteral("logSource"));
    m_source->addItem(tr("All sources"), QString());
    m_source->addItem(tr("App"), QStringLiteral("app"));
    m_source->addItem(tr("Platform (heroku)"), QStringLiteral("heroku"));
    m_dyno->setObjectName(QStringLiteral("logDyno"));
    m_dyno->setPlaceholderText(tr("Dyno (web, web.1, router)"));
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_pause->setObjectName(QStringLiteral("logPause"));
    m_pause->setCheckable(true);
    bar->addWidget(new QLabel(tr("Source:"), this));
    bar->addWidget(m_source);
    bar->addWidget(m_dyno);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_pause);
    layout->addLayout(bar);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(maxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text);
    m_status->setObjectName(QStringLiteral("logStatus"));
    layout->addWidget(m_status);

    connect(m_source, &QComboBox::currentIndexChanged, this, &LogView::restart);
    connect(m_dyno, &QLineEdit::editingFinished, this, &LogView::restart);
    connect(m_search, &QLineEdit::textChanged, this, &LogView::redraw);
    connect(m_pause, &QPushButton::toggled, this, &LogView::setPaused);
    restart();
}

LogView::~LogView() = default;

bool LogView::isStreaming() const { return m_reader && m_reader->isRunning(); }

void LogView::restart()
{
    delete m_reader;
    m_lines.clear();
    m_waiting.clear();
    m_text->clear();
    const int generation = ++m_generation;
    QJsonObject body{{QStringLiteral("tail"), true}, {QStringLiteral("lines"), 200}};
    if (const QString source = m_source->currentData().toString(); !source.isEmpty())
        body.insert(QStringLiteral("source"), source);
    if (const QString dyno = m_dyno->text().trimmed(); !dyno.isEmpty())
        body.insert(QStringLiteral("dyno"), dyno);
    m_status->setText(tr("Connecting…"));
    m_ctx.client.post(QStringLiteral("/apps/%1/log-sessions").arg(PlatformClient::pathPart(m_app)), body, this,
                      [this, generation](const Reply &r) {
                          if (generation != m_generation)
                              return;
                          if (!r.ok()) {
                              m_status->setText(r.error);
                              return;
                          }
                          m_reader = new StreamReader(m_ctx.client.network(),
                                                      QUrl(r.object().value(QStringLiteral("logplex_url")).toString()),
                                                      StreamReader::Format::EventStream, this);
                          connect(m_reader, &StreamReader::line, this, &LogView::addLine);
                          connect(m_reader, &StreamReader::finished, this, [this](const QString &error) {
                              m_status->setText(error.isEmpty() ? tr("The log stream ended.")
                                                                : tr("The log stream broke: %1").arg(error));
                          });
                          m_reader->start();
                          m_status->setText(tr("Streaming the logs of %1.").arg(m_app));
                      });
}

void LogView::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused) {
        for (const QString &line : std::exchange(m_waiting, {}))
            show(line);
        m_status->setText(tr("Streaming the logs of %1.").arg(m_app));
    } else {
        m_status->setText(tr("Paused: new lines wait until you resume."));
    }
}

LogView::Kind LogView::kindOf(const QString &line)
{
    // "2026-11-23T10:00:00.123456+00:00 heroku[router]: at=error code=H12 …"
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    const QStringView rest = QStringView(line).mid(space + 1);
    if (rest.startsWith(u"heroku[router]:"))
        return rest.contains(u" at=error") || rest.contains(u": at=error") ? Kind::RouterError : Kind::Router;
    if (rest.startsWith(u"heroku[") || rest.startsWith(u"app[api]"))
        return Kind::Platform;
    if (rest.startsWith(u"app["))
        return Kind::App;
    return Kind::Other;
}

bool LogView::matches(const QString &line) const
{
    const QString search = m_search->text();
    return search.isEmpty() || line.contains(search, Qt::CaseInsensitive);
}

void LogView::addLine(const QString &line)
{
    m_lines.append(line);
    if (m_lines.size() > maxLines)
        m_lines.removeFirst();
    if (m_paused) {
        m_waiting.append(line);
        if (m_waiting.size() > maxLines)
            m_waiting.removeFirst();
        m_status->setText(tr("Paused: %n new line(s) waiting.", nullptr, int(m_waiting.size())));
        return;
    }
    show(line);
}

void LogView::show(const QString &line)
{
    if (!matches(line))
        return;
    QTextCharFormat format;
    switch (kindOf(line)) {
    case Kind::Router: format.setForeground(QColor(0x1f, 0x6f, 0xb5)); break;
    case Kind::RouterError:
        format.setForeground(QColor(0xb0, 0x00, 0x20));
        format.setFontWeight(QFont::Bold);
        format.setBackground(QColor(0xfd, 0xe7, 0xea));
        break;
    case Kind::Platform: format.setForeground(QColor(0x6a, 0x3d, 0x9a)); break;
    case Kind::App:
    case Kind::Other: break;
    }
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_text->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(line, format);
    if (atEnd)
        bar->setValue(bar->maximum());
    emit lineShown(line);
}

void LogView::redraw()
{
    m_text->clear();
    for (const QString &line : std::as_const(m_lines))
        show(line);
}

} // namespace dynodesk::ideplugin
