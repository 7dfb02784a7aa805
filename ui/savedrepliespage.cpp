// SPDX-License-Identifier: Apache-2.0
#include "savedrepliespage.h"

#include "uistyle.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace zapito {

SavedRepliesPage::SavedRepliesPage(SavedReplies* replies, QWidget* parent)
    : SettingsPage(parent)
    , m_replies(replies ? replies : new SavedReplies(QString(), this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_text(new QPlainTextEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_status(ui::plainLabel(QString(), this))
{
    setObjectName(QStringLiteral("savedRepliesPage"));
    m_list->setObjectName(QStringLiteral("savedRepliesList"));
    m_name->setObjectName(QStringLiteral("savedReplyName"));
    m_text->setObjectName(QStringLiteral("savedReplyText"));
    m_add->setObjectName(QStringLiteral("addSavedReplyButton"));
    m_remove->setObjectName(QStringLiteral("removeSavedReplyButton"));
    m_status->setObjectName(QStringLiteral("savedRepliesStatus"));
    m_name->setMaxLength(SavedReplies::kMaxNameLength);
    m_name->setPlaceholderText(tr("hours"));
    m_text->setPlaceholderText(tr("We are open Monday to Friday, 8:00 to 18:00."));
    m_text->setTabChangesFocus(true);
    m_list->setUniformItemSizes(true);

    auto* heading = ui::plainLabel(tr("Saved replies"), this);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    heading->setFont(f);
    auto* help = ui::plainLabel(tr("Answers you give often. In the reply box, type / and the start of a name "
                                   "(/hours), then Enter or Tab puts the text in; Esc closes the list. "
                                   "Plain text only."),
                                this);
    help->setWordWrap(true);
    QPalette muted = help->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
    help->setPalette(muted);
    m_status->setPalette(muted);

    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto* listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list, 1);
    listColumn->addLayout(listButtons);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Text"), m_text);
    auto* editor = new QVBoxLayout;
    editor->addLayout(form, 1);

    auto* body = new QHBoxLayout;
    body->addLayout(listColumn, 2);
    body->addLayout(editor, 3);

    auto* column = new QVBoxLayout(this);
    column->addWidget(heading);
    column->addWidget(help);
    column->addSpacing(6);
    column->addLayout(body, 1);
    column->addWidget(m_status);

    connect(m_list, &QListWidget::currentRowChanged, this, &SavedRepliesPage::showRow);
    connect(m_add, &QPushButton::clicked, this, &SavedRepliesPage::addReply);
    connect(m_remove, &QPushButton::clicked, this, &SavedRepliesPage::removeReply);
    connect(m_name, &QLineEdit::textEdited, this, &SavedRepliesPage::editCurrent);
    connect(m_text, &QPlainTextEdit::textChanged, this, &SavedRepliesPage::editCurrent);
    revert();
}

QString SavedRepliesPage::itemText(const SavedReply& reply) const
{
    const QString name = SavedReplies::cleanedName(reply.name);
    return name.isEmpty() ? tr("(no name)") : u'/' + name;
}

void SavedRepliesPage::revert()
{
    m_edited = m_replies->list();
    m_list->clear();
    for (const SavedReply& reply : std::as_const(m_edited))
        m_list->addItem(itemText(reply));
    m_list->setCurrentRow(m_edited.isEmpty() ? -1 : 0);
    showRow(m_list->currentRow());
    setModified(false);
}

void SavedRepliesPage::apply()
{
    m_replies->setList(m_edited);
    const qsizetype kept = m_replies->list().size();
    const qsizetype dropped = m_edited.size() - kept;
    revert();
    m_status->setText(dropped > 0 ? tr("Saved. %n without a name or a text, or with a name used twice, "
                                       "was left out.",
                                       "", int(dropped))
                                  : tr("Saved."));
    emit applied(true);
}

void SavedRepliesPage::showRow(int row)
{
    m_showing = true;
    const bool valid = row >= 0 && row < m_edited.size();
    m_name->setText(valid ? m_edited.at(row).name : QString());
    m_text->setPlainText(valid ? m_edited.at(row).text : QString());
    m_name->setEnabled(valid);
    m_text->setEnabled(valid);
    m_remove->setEnabled(valid);
    m_showing = false;
}

void SavedRepliesPage::addReply()
{
    m_edited.append(SavedReply{});
    m_list->addItem(itemText(m_edited.constLast()));
    m_list->setCurrentRow(int(m_edited.size() - 1));
    setModified(true);
    m_name->setFocus(Qt::OtherFocusReason);
}

void SavedRepliesPage::removeReply()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_edited.size())
        return;
    m_edited.removeAt(row);
    delete m_list->takeItem(row);
    showRow(m_list->currentRow());
    setModified(true);
}

void SavedRepliesPage::editCurrent()
{
    const int row = m_list->currentRow();
    if (m_showing || row < 0 || row >= m_edited.size())
        return;
    m_edited[row] = SavedReply{m_name->text(), m_text->toPlainText()};
    m_list->item(row)->setText(itemText(m_edited.at(row)));
    setModified(true);
}

void SavedRepliesPage::setModified(bool modified)
{
    if (modified)
        m_status->clear(); // "Saved." is about what was there before this edit
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
    emit changesChanged();
}

} // namespace zapito
