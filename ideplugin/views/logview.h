#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace dynodesk::ideplugin {

class PluginContext;
class StreamReader;

// A live log view of one app: a tailing log session (POST /apps/{app}/log-sessions, then its
// event stream; no polling), filtered by source and dyno on the server, searched here, with
// pause/resume. Lines are coloured by source; a router line with at=error stands out.
class LogView final : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxLines = 5000;

    LogView(PluginContext &ctx, const QString &app, QWidget *parent = nullptr);
    ~LogView() override;

    QString app() const { return m_app; }
    QPlainTextEdit *text() const { return m_text; }
    QStringList lines() const { return m_lines; }
    bool isStreaming() const;
    // Starts (or restarts, after a filter change) the log session.
    void restart();
    void setPaused(bool paused);

    // How a line is shown: its colour and weight, from its source.
    enum class Kind { Router, RouterError, App, Platform, Other };
    static Kind kindOf(const QString &line);

signals:
    void lineShown(const QString &line);

private:
    void addLine(const QString &line);
    void show(const QString &line);
    void redraw();
    bool matches(const QString &line) const;

    PluginContext &m_ctx;
    QString m_app;
    QComboBox *m_source;
    QLineEdit *m_dyno;
    QLineEdit *m_search;
    QPushButton *m_pause;
    QLabel *m_status;
    QPlainTextEdit *m_text;
    QPointer<StreamReader> m_reader;
    QStringList m_lines;   // everything received (bounded)
    QStringList m_waiting; // received while paused
    bool m_paused = false;
    int m_generation = 0;
};

} // namespace dynodesk::ideplugin
