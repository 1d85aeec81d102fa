#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace dynodesk::ideplugin {

// A table model over a list of Platform API resources: each column has a header and a function
// from the resource to what a role shows. Each resource the app editor shows has its own subclass
// (ReleasesModel, DomainsModel, ...) that defines the columns.
class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Column {
        QString header;
        std::function<QVariant(const QJsonObject &, int role)> value;
    };

    explicit JsonTableModel(QList<Column> columns, QObject *parent = nullptr)
        : QAbstractTableModel(parent), m_columns(std::move(columns))
    {
    }

    void setItems(const QJsonArray &items)
    {
        beginResetModel();
        m_items = items;
        endResetModel();
    }
    QJsonObject item(int row) const { return m_items.at(row).toObject(); }
    const QJsonArray &items() const { return m_items; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_items.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_columns.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_items.size())
            return {};
        return m_columns[index.column()].value(item(index.row()), role);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
            return m_columns[section].header;
        return {};
    }

    // A column showing one (dotted) field of the resource as text.
    static Column field(const QString &header, const QString &path)
    {
        return {header, [path](const QJsonObject &o, int role) -> QVariant {
                    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                        return {};
                    QJsonValue v = o;
                    for (const QString &part : path.split(QLatin1Char('.')))
                        v = v.toObject().value(part);
                    return v.isDouble() ? QVariant(v.toVariant()) : QVariant(v.toVariant().toString());
                }};
    }

private:
    QList<Column> m_columns;
    QJsonArray m_items;
};

} // namespace dynodesk::ideplugin
