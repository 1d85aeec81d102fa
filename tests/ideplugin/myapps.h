#pragma once

// My Apps and the app editor as the plugin's GUI tests drive them: the table found by object
// name, a row by app name, the context menu's entries clicked as a right-click would, and the
// editor's tabs and tables.
#include "pluginfixture.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>

namespace plugintest {

// The app editor's tabs and the tables in them.
struct Editor {
    QTabWidget *tabs = nullptr;
    template <typename T>
    T *child(const char *name) const { return tabs->findChild<T *>(QLatin1String(name)); }
    QAbstractItemModel *model(const char *table) const { return child<QTableView>(table)->model(); }
    QString status() const { return tabs->parentWidget()->findChild<QLabel *>(QStringLiteral("editorStatus"))->text(); }
    QString cell(const char *table, int row, int column) const { return model(table)->index(row, column).data().toString(); }
    int rows(const char *table) const { return model(table)->rowCount(); }
    // Selects the row whose `column` shows `text`.
    bool select(const char *table, int column, const QString &text) const
    {
        for (int r = 0; r < rows(table); ++r)
            if (cell(table, r, column) == text) {
                child<QTableView>(table)->selectRow(r);
                return true;
            }
        return false;
    }
    QPushButton *button(const char *name) const { return child<QPushButton>(name); }
};

struct MyApps {
    const Fixture &f;

    QTableView *table() const { return f.find<QTableView>(QStringLiteral("appsTable")); }

    // The row of `app` in My Apps (as shown: filtered and sorted), or -1.
    int row(const QString &app) const
    {
        QAbstractItemModel *m = table()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data().toString() == app)
                return r;
        return -1;
    }
    QModelIndex index(const QString &app, int column) const
    {
        const int r = row(app);
        return r < 0 ? QModelIndex() : table()->model()->index(r, column);
    }
    QString cell(const QString &app, int column) const { return index(app, column).data().toString(); }

    // Clicks the context-menu entry `action` for `app` in My Apps, as a right-click would.
    void contextAction(const QString &app, const QString &action) const
    {
        const int r = row(app);
        QVERIFY(r >= 0);
        QTableView *view = table();
        const QRect cellRect = view->visualRect(view->model()->index(r, 0));
        QTimer::singleShot(0, [action] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            menu->findChild<QAction *>(action)->trigger();
            menu->close();
        });
        emit view->customContextMenuRequested(cellRect.center());
        QTest::qWait(50);
    }

    Editor openEditor(const QString &app) const
    {
        contextAction(app, QStringLiteral("appInfoAction"));
        Editor e;
        const QString name = QStringLiteral("appEditor:") + app;
        (void)QTest::qWaitFor([&] { return f.window->findChild<QWidget *>(name) != nullptr; }, 5000);
        if (auto *editor = f.window->findChild<QWidget *>(name))
            e.tabs = editor->findChild<QTabWidget *>(QStringLiteral("appEditorTabs"));
        return e;
    }
};

} // namespace plugintest
