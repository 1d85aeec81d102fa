#pragma once

#include "setuprunner.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace dynodesk::ideplugin {

// The progress of one app setup, as the platform's deploy page shows it: the steps with their
// state, the build output as it streams, the postdeploy script's output, and the outcome in the
// platform's words (failure_message and each of the manifest_errors).
class SetupProgress final : public QWidget {
    Q_OBJECT
public:
    explicit SetupProgress(QWidget *parent = nullptr);

    // Follows `runner` from now on (resets what was shown).
    void follow(SetupRunner *runner);
    QString result() const;

private:
    void showStep(SetupRunner::Step step, SetupRunner::State state);
    void appendBuild(const QString &line);
    void showPostdeploy(const QString &text);
    void showFailure(const QString &message, const QStringList &errors, const QString &app);

    QListWidget *m_steps;
    QLabel *m_buildLabel;
    QPlainTextEdit *m_build;
    QLabel *m_postdeployLabel;
    QPlainTextEdit *m_postdeploy;
    QLabel *m_result;
    QListWidget *m_errors;
};

} // namespace dynodesk::ideplugin
