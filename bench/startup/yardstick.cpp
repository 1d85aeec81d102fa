// The yardstick for bench/startup: a bare QWidget, shown and reported the same way dynodesk
// reports its main window (DYNODESK_REPORT_STARTUP).
#include <QApplication>
#include <QTimer>
#include <QWidget>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QWidget window;
    window.resize(1200, 760);
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        std::fprintf(stderr, "yardstick: window shown\n");
        window.close();
    });
    return QApplication::exec();
}
