#pragma once

#include "apptab.h"

#include <QPointer>

class QPlainTextEdit;

namespace dynodesk::ideplugin {

class BuildsModel;
class StreamReader;

// Activity: the app's builds; the selected build's output, streamed while it runs.
class ActivityTab final : public AppTab {
    Q_OBJECT
public:
    explicit ActivityTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    void poll() override { load(); }
    BuildsModel *model() const { return m_model; }

private:
    void showBuild(const QJsonObject &build);

    BuildsModel *m_model;
    QPlainTextEdit *m_output;
    QPointer<StreamReader> m_stream;
};

} // namespace dynodesk::ideplugin
