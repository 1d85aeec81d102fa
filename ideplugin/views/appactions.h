#pragma once

#include <QString>

class QWidget;

namespace dynodesk::ideplugin {

class PluginContext;

// The app actions both the My Apps view and the app editor offer, each with the platform's
// confirmation: restart (the question names the app), scale (a spin box per process type),
// destroy (the user types the app's name). Each reports its outcome through the context.
namespace appactions {

void restart(PluginContext &ctx, const QString &app, QWidget *parent, const QString &dyno = {});
void scale(PluginContext &ctx, const QString &app, QWidget *parent);
void destroy(PluginContext &ctx, const QString &app, QWidget *parent);
// Asks the user to type `expected` to confirm something that cannot be undone.
bool confirmByTyping(QWidget *parent, const QString &title, const QString &text, const QString &expected);

} // namespace appactions
} // namespace dynodesk::ideplugin
