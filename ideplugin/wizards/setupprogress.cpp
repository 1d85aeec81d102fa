#include "setupprogress.h"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

static QString stateText(SetupRunner::State state)
{
    switch (state) {
    case SetupRunner::State::Waiting: return SetupProgress::tr("waiting");
    case SetupRunner::State::Running: return SetupProgress::tr("in progress…");
    case SetupRunner::State::Done: return SetupProgress::tr("done");
    case SetupRunner::State::Failed: return SetupProgress::tr("failed");
    case SetupRunner::State::Skipped: return SetupProgress::tr("not needed");
    }
    return {};
}

static QColor stateColour(SetupRunner::State state)
{
    switch (state) {
    case SetupRunner::State::Done: return QColor(0x2e, 0x7d, 0x32);
    case SetupRunner::State::Failed: return QColor(0xc6, 0x28, 0x28);
    case SetupRunner::State::Running: return QColor(0x15, 0x65, 0xc0);
    default: return QColor(0x75, 0x75, 0x75);
    }
}

SetupProgress::SetupProgress(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("setupProgress"));
    m_steps = new QListWidget(this);
    m_steps->setObjectName(QStringLiteral("stepList"));
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setSpacing(2);
    m_steps->setIconSize(QSize(16, 16));
    for (SetupRunner::Step step : SetupRunner::steps()) {
        auto *item = new QListWidgetItem(m_steps);
        item->setData(Qt::UserRole, int(step));
        showStep(step, SetupRunner::State::Waiting);
    }
    // Every step in sight: rows, the spacing around each, the frame.
    const int rows = int(SetupRunner::steps().size());
    m_steps->setFixedHeight(rows * (m_steps->sizeHintForRow(0) + 2 * m_steps->spacing()) + 2 * m_steps->frameWidth() + 2);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_build = new QPlainTextEdit(this);
    m_build->setObjectName(QStringLiteral("buildLog"));
    m_build->setReadOnly(true);
    m_build->setFont(fixed);
    m_build->setPlaceholderText(tr("The build output appears here when the build starts."));
    m_postdeployLabel = new QLabel(tr("Postdeploy output:"), this);
    m_postdeploy = new QPlainTextEdit(this);
    m_postdeploy->setObjectName(QStringLiteral("postdeployLog"));
    m_postdeploy->setReadOnly(true);
    m_postdeploy->setFont(fixed);
    m_postdeploy->setMaximumHeight(110);
    m_postdeployLabel->hide();
    m_postdeploy->hide();

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors = new QListWidget(this);
    m_errors->setObjectName(QStringLiteral("manifestErrors"));
    m_errors->setWordWrap(true);
    m_errors->setSelectionMode(QAbstractItemView::NoSelection);
    m_errors->setFocusPolicy(Qt::NoFocus);
    m_errors->setSpacing(2);
    m_errors->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_steps);
    m_buildLabel = new QLabel(tr("Build output:"), this);
    layout->addWidget(m_buildLabel);
    layout->addWidget(m_build, 1);
    layout->addWidget(m_postdeployLabel);
    layout->addWidget(m_postdeploy);
    layout->addWidget(m_result);
    layout->addWidget(m_errors);
    layout->addStretch(); // keeps the result at the top when the build log is hidden
}

void SetupProgress::follow(SetupRunner *runner)
{
    m_build->clear();
    m_postdeploy->clear();
    m_result->clear();
    m_result->setStyleSheet(QString());
    m_errors->clear();
    m_errors->hide();
    m_buildLabel->show();
    m_build->show();
    for (SetupRunner::Step step : SetupRunner::steps())
        showStep(step, SetupRunner::State::Waiting);
    connect(runner, &SetupRunner::stepChanged, this, &SetupProgress::showStep);
    connect(runner, &SetupRunner::buildOutput, this, &SetupProgress::appendBuild);
    connect(runner, &SetupRunner::postdeployOutput, this, &SetupProgress::showPostdeploy);
    connect(runner, &SetupRunner::status, m_result, &QLabel::setText);
    // The message names the app asked for, even when the platform refused before making it.
    connect(runner, &SetupRunner::failed, this, [this, runner](const QString &message, const QStringList &errors, const QString &app) {
        showFailure(message, errors, app.isEmpty() ? runner->requestedApp() : app);
    });
    connect(runner, &SetupRunner::succeeded, this, [this, runner] {
        m_result->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold"));
        m_result->setText(tr("Your app %1 was successfully deployed.").arg(runner->app()));
    });
}

QString SetupProgress::result() const { return m_result->text(); }

void SetupProgress::showStep(SetupRunner::Step step, SetupRunner::State state)
{
    QListWidgetItem *item = m_steps->item(SetupRunner::steps().indexOf(step));
    if (!item)
        return;
    item->setText(tr("%1 — %2").arg(SetupRunner::stepText(step), stateText(state)));
    item->setData(Qt::UserRole + 1, int(state));
    item->setForeground(stateColour(state));
    if (state == SetupRunner::State::Running) // the step at work, in place of an earlier status
        m_result->setText(tr("%1…").arg(SetupRunner::stepText(step)));
    const QStyle::StandardPixmap icon = state == SetupRunner::State::Done     ? QStyle::SP_DialogApplyButton
                                        : state == SetupRunner::State::Failed ? QStyle::SP_DialogCancelButton
                                        : state == SetupRunner::State::Running ? QStyle::SP_ArrowRight
                                                                               : QStyle::SP_CustomBase;
    // Waiting steps keep an empty icon of the same size, so the texts line up.
    QPixmap blank(m_steps->iconSize());
    blank.fill(Qt::transparent);
    item->setIcon(icon == QStyle::SP_CustomBase ? QIcon(blank) : style()->standardIcon(icon));
}

void SetupProgress::appendBuild(const QString &line)
{
    QScrollBar *bar = m_build->verticalScrollBar();
    const bool following = bar->value() == bar->maximum();
    m_build->appendPlainText(QString(line).remove(QLatin1Char('\r')));
    if (following)
        bar->setValue(bar->maximum());
}

void SetupProgress::showPostdeploy(const QString &text)
{
    m_postdeployLabel->show();
    m_postdeploy->show();
    if (m_postdeploy->toPlainText() != text)
        m_postdeploy->setPlainText(text);
}

void SetupProgress::showFailure(const QString &message, const QStringList &errors, const QString &app)
{
    m_result->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold"));
    m_result->setText(app.isEmpty() ? tr("There was an issue deploying your app: %1").arg(message)
                                    : tr("There was an issue deploying %1: %2").arg(app, message));
    m_errors->clear();
    m_errors->addItems(errors);
    m_errors->setVisible(!errors.isEmpty());
    // Failed before the build began: no empty build log, the platform's errors get the room.
    const bool built = !m_build->toPlainText().isEmpty();
    m_buildLabel->setVisible(built);
    m_build->setVisible(built);
    // As tall as the errors (up to a few rows beside a build log, more without one).
    const int rows = qMin(m_errors->count(), built ? 4 : 12);
    int height = 2 * m_errors->frameWidth() + 4;
    for (int i = 0; i < rows; ++i)
        height += m_errors->sizeHintForRow(i) + 2 * m_errors->spacing();
    m_errors->setFixedHeight(height);
}

} // namespace dynodesk::ideplugin
