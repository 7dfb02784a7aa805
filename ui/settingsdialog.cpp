// SPDX-License-Identifier: Apache-2.0
#include "settingsdialog.h"

#include "settingspage.h"
#include "uistyle.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <memory>

namespace zapito {

namespace {
QWidget* pageIn(QWidget* slot)
{
    auto* scroll = qobject_cast<QScrollArea*>(slot);
    return scroll ? scroll->widget() : slot;
}
} // namespace

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this))
    , m_ok(m_buttons->button(QDialogButtonBox::Ok))
    , m_apply(m_buttons->button(QDialogButtonBox::Apply))
    , m_cancel(m_buttons->button(QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_list->setObjectName(QStringLiteral("settingsPageList"));
    m_list->setIconSize(QSize(20, 20));
    m_list->setFixedWidth(180);
    m_list->setSpacing(2);
    connect(m_list, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_ok->setObjectName(QStringLiteral("settingsOkButton"));
    m_apply->setObjectName(QStringLiteral("settingsApplyButton"));
    m_cancel->setObjectName(QStringLiteral("settingsCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this] { applyChanges(); });
    // The style's fallback icons on these buttons are dark glyphs: on a dark palette they all
    // but vanish, and the words say it all.
    if (ui::isDark(palette()))
        for (QPushButton* b : {m_ok, m_apply, m_cancel})
            b->setIcon(QIcon());

    auto* row = new QHBoxLayout;
    row->setSpacing(12);
    row->addWidget(m_list);
    row->addWidget(m_pages, 1);
    auto* column = new QVBoxLayout(this);
    column->addLayout(row, 1);
    column->addWidget(m_buttons);
    // As large as the font asks for (a 1.5× font gets a 1.5× dialog), within the screen.
    const qreal scale = qMax(1.0, fontMetrics().height() / 17.0);
    QSize size(qRound(920 * scale), qRound(620 * scale));
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 0.95);
    resize(size);
    updateButtons();
}

void SettingsDialog::addPage(QWidget* page, const QIcon& icon, const QString& title)
{
    auto* scroll = new QScrollArea(m_pages);
    scroll->setObjectName(page->objectName() + QStringLiteral("Scroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(page);
    m_pages->addWidget(scroll);
    // The selected row draws the icon's Selected mode, which the style makes by tinting it
    // towards the highlight: a grey glyph on the highlight all but vanishes. Selected is the
    // glyph's shape in the highlighted text's colour instead, as the row's words are.
    QIcon shown;
    const QColor onHighlight = m_list->palette().color(QPalette::HighlightedText);
    for (const QSize& size : {QSize(20, 20), QSize(40, 40)}) {
        const QPixmap normal = icon.pixmap(size, QIcon::Normal);
        QPixmap selected = normal;
        selected.fill(Qt::transparent);
        QPainter painter(&selected);
        painter.drawPixmap(0, 0, normal);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(selected.rect(), onHighlight);
        painter.end();
        shown.addPixmap(normal, QIcon::Normal);
        shown.addPixmap(selected, QIcon::Selected);
    }
    auto* item = new QListWidgetItem(shown, title, m_list);
    item->setData(Qt::UserRole, page->objectName());
    item->setSizeHint(QSize(0, 34));
    if (auto* settingsPage = qobject_cast<SettingsPage*>(page))
        connect(settingsPage, &SettingsPage::changesChanged, this, &SettingsDialog::updateButtons);
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

bool SettingsDialog::showPage(const QString& objectName)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == objectName) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QWidget* SettingsDialog::currentPage() const
{
    return m_pages->currentWidget() ? pageIn(m_pages->currentWidget()) : nullptr;
}

QWidget* SettingsDialog::page(const QString& objectName) const
{
    for (int i = 0; i < m_pages->count(); ++i)
        if (QWidget* p = pageIn(m_pages->widget(i)); p && p->objectName() == objectName)
            return p;
    return nullptr;
}

QList<SettingsPage*> SettingsDialog::pages() const
{
    QList<SettingsPage*> out;
    for (int i = 0; i < m_pages->count(); ++i)
        if (auto* p = qobject_cast<SettingsPage*>(pageIn(m_pages->widget(i))))
            out << p;
    return out;
}

bool SettingsDialog::hasChanges() const
{
    for (const SettingsPage* p : pages())
        if (p->hasChanges())
            return true;
    return false;
}

void SettingsDialog::updateButtons()
{
    m_apply->setEnabled(m_outstanding == 0 && hasChanges());
    m_ok->setEnabled(m_outstanding == 0);
}

void SettingsDialog::applyChanges(std::function<void()> done)
{
    if (m_outstanding > 0)
        return; // the pages are still storing the last Apply
    QList<SettingsPage*> changed;
    for (SettingsPage* p : pages())
        if (p->hasChanges())
            changed << p;
    if (changed.isEmpty()) {
        if (done)
            done();
        return;
    }
    struct Round
    {
        bool failed = false;
        std::function<void()> done;
    };
    auto round = std::make_shared<Round>();
    round->done = std::move(done);
    m_outstanding = int(changed.size());
    updateButtons();
    QPointer<SettingsDialog> self(this);
    for (SettingsPage* p : changed) {
        // One answer from each page: applied() may come at once or after a secret is written.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(p, &SettingsPage::applied, this, [self, p, round, connection](bool ok) {
            QObject::disconnect(*connection);
            if (!self)
                return;
            if (!ok && !round->failed) {
                round->failed = true;
                self->showPage(p->objectName()); // where the reason is
            }
            if (--self->m_outstanding > 0)
                return;
            self->updateButtons();
            if (round->failed)
                return;
            emit self->applied();
            if (round->done)
                round->done();
        });
        p->apply();
    }
}

void SettingsDialog::accept()
{
    QPointer<SettingsDialog> self(this);
    applyChanges([self] {
        if (self)
            self->QDialog::accept();
    });
}

void SettingsDialog::reject()
{
    if (hasChanges()) {
        askToDiscard();
        return;
    }
    QDialog::reject();
}

void SettingsDialog::askToDiscard()
{
    if (m_discard)
        return;
    QStringList titles;
    for (int i = 0; i < m_list->count(); ++i)
        if (auto* p = qobject_cast<SettingsPage*>(page(m_list->item(i)->data(Qt::UserRole).toString()));
            p && p->hasChanges())
            titles << m_list->item(i)->text();
    m_discard = new QMessageBox(QMessageBox::Question, tr("Discard changes?"), tr("Discard changes?"),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    m_discard->setObjectName(QStringLiteral("discardChangesBox"));
    m_discard->setInformativeText(tr("These settings pages have changes that are not saved: %1.")
                                      .arg(QLocale().createSeparatedList(titles)));
    m_discard->setDefaultButton(QMessageBox::Cancel);
    m_discard->button(QMessageBox::Discard)->setObjectName(QStringLiteral("discardChangesButton"));
    m_discard->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("keepEditingButton"));
    m_discard->button(QMessageBox::Cancel)->setText(tr("Keep editing"));
    m_discard->setAttribute(Qt::WA_DeleteOnClose);
    QMessageBox* box = m_discard;
    connect(m_discard, &QMessageBox::finished, this, [this, box] {
        m_discard = nullptr;
        if (box->clickedButton() == box->button(QMessageBox::Discard))
            discardAndClose();
    });
    m_discard->open(); // window-modal, no event loop of its own
}

void SettingsDialog::discardAndClose()
{
    for (SettingsPage* p : pages())
        if (p->hasChanges())
            p->revert();
    QDialog::reject();
}

} // namespace zapito
