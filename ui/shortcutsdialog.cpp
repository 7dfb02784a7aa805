// SPDX-License-Identifier: Apache-2.0
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QStringList>
#include <QTableWidget>
#include <QVBoxLayout>

namespace zapito {

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutGroup>& groups, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    struct Row
    {
        QString keys;
        QString what;
        bool heading = false;
    };
    QList<Row> rows;
    for (const ShortcutGroup& group : groups) {
        QList<Row> keys;
        for (const auto& [k, what] : group.fixed)
            keys.append({k, what});
        for (QAction* action : group.actions) {
            if (action->shortcuts().isEmpty())
                continue;
            QStringList all;
            for (const QKeySequence& key : action->shortcuts())
                all << key.toString(QKeySequence::NativeText);
            //: Between two keys that do the same, e.g. "Alt+Down or J".
            keys.append({all.join(tr(" or ")), action->text().remove(u'&').remove(QStringLiteral("…"))});
        }
        if (keys.isEmpty())
            continue;
        rows.append({QString(), group.task, true});
        rows.append(keys);
    }
    auto* table = new QTableWidget(int(rows.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setShowGrid(false);
    for (int i = 0; i < rows.size(); ++i) {
        const Row& row = rows.at(i);
        if (row.heading) {
            auto* item = new QTableWidgetItem(row.what);
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
            table->setItem(i, 0, item);
            table->setItem(i, 1, new QTableWidgetItem);
            table->setSpan(i, 0, 1, 2);
            continue;
        }
        table->setItem(i, 0, new QTableWidgetItem(row.keys));
        table->setItem(i, 1, new QTableWidgetItem(row.what));
    }
    table->resizeColumnToContents(0);
    table->setColumnWidth(0, table->columnWidth(0) + 24);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* column = new QVBoxLayout(this);
    column->addWidget(table);
    column->addWidget(buttons);
    resize(520, 640);
}

} // namespace zapito
