#include "findbar.h"

#include "codeeditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace dynodesk::app {

FindBar::FindBar(std::function<CodeEditor *()> editor, QWidget *parent)
    : QWidget(parent), m_editor(std::move(editor)), m_find(new QLineEdit(this)), m_replace(new QLineEdit(this)),
      m_case(new QCheckBox(tr("Match case"), this)), m_result(new QLabel(this)), m_replaceRow(new QWidget(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    auto *next = new QPushButton(tr("Find Next"), this);
    auto *close = new QToolButton(this);
    close->setText(tr("Close"));
    auto *replaceOne = new QPushButton(tr("Replace"), m_replaceRow);
    auto *replaceEvery = new QPushButton(tr("Replace All"), m_replaceRow);

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(next);
    findRow->addWidget(m_case);
    findRow->addWidget(m_result);
    findRow->addWidget(close);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replaceOne);
    replaceRow->addWidget(replaceEvery);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(next, &QPushButton::clicked, this, &FindBar::findNext);
    connect(replaceOne, &QPushButton::clicked, this, &FindBar::replaceNext);
    connect(replaceEvery, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void FindBar::showFind()
{
    m_replaceRow->hide();
    show();
    if (CodeEditor *e = m_editor(); e && e->textCursor().hasSelection())
        m_find->setText(e->textCursor().selectedText());
    m_find->setFocus();
    m_find->selectAll();
}

void FindBar::showReplace()
{
    showFind();
    m_replaceRow->show();
}

QString FindBar::result() const { return m_result->text(); }

void FindBar::findNext()
{
    CodeEditor *e = m_editor();
    m_result->setText(e && e->findNext(m_find->text(), m_case->isChecked()) ? QString() : tr("Not found"));
}

void FindBar::replaceNext()
{
    CodeEditor *e = m_editor();
    m_result->setText(e && e->replaceNext(m_find->text(), m_replace->text(), m_case->isChecked()) ? QString()
                                                                                                     : tr("Not found"));
}

void FindBar::replaceAll()
{
    CodeEditor *e = m_editor();
    const int n = e ? e->replaceAll(m_find->text(), m_replace->text(), m_case->isChecked()) : 0;
    m_result->setText(tr("Replaced %n occurrence(s)", nullptr, n));
}

} // namespace dynodesk::app
