#include "lockicon.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace dynodesk::ideplugin {

static QPixmap drawnPadlock(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink = QGuiApplication::palette().color(QPalette::Text);
    const qreal unit = size / 16.0;
    // The shackle: an arch over the body.
    p.setPen(QPen(ink, 1.6 * unit));
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(4.5 * unit, 1.5 * unit, 7 * unit, 9 * unit), 0, 180 * 16);
    p.drawLine(QPointF(4.5 * unit, 6 * unit), QPointF(4.5 * unit, 8 * unit));
    p.drawLine(QPointF(11.5 * unit, 6 * unit), QPointF(11.5 * unit, 8 * unit));
    // The body.
    p.setPen(Qt::NoPen);
    p.setBrush(ink);
    p.drawRoundedRect(QRectF(2.5 * unit, 7.5 * unit, 11 * unit, 7.5 * unit), 1.5 * unit, 1.5 * unit);
    return pixmap;
}

QIcon lockIcon()
{
    static const QIcon icon = [] { // made once: the view asks for it on every paint
        QIcon drawn;
        for (int size : {16, 24, 32})
            drawn.addPixmap(drawnPadlock(size));
        return QIcon::fromTheme(QStringLiteral("object-locked"), drawn);
    }();
    return icon;
}

} // namespace dynodesk::ideplugin
