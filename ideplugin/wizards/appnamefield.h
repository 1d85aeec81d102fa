#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;

namespace dynodesk::ideplugin {

class PendingRequest;
class PluginContext;

// The app name of the Button's deploy form: a name the platform refuses is flagged at once, and a
// valid one is checked as you type (debounced) with GET /apps/{name}: 404 is free, 200 or 403
// taken. Blank lets the platform generate a name.
class AppNameField final : public QWidget {
    Q_OBJECT
public:
    enum class State { Blank, Invalid, Checking, Available, Taken, Unknown };

    explicit AppNameField(PluginContext &ctx, QWidget *parent = nullptr);

    QString name() const;
    void setName(const QString &name);
    State state() const { return m_state; }
    // Blank or checked free: a setup may use it.
    bool acceptable() const { return m_state == State::Blank || m_state == State::Available; }
    QLineEdit *edit() const { return m_edit; }
    void setDebounce(int ms);

signals:
    void stateChanged();

private:
    void edited();
    void check();
    void show(State state, const QString &text);

    PluginContext &m_ctx;
    QLineEdit *m_edit;
    QLabel *m_check;
    QTimer *m_debounce;
    QPointer<PendingRequest> m_pending;
    State m_state = State::Blank;
};

} // namespace dynodesk::ideplugin
