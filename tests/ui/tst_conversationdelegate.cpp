// SPDX-License-Identifier: Apache-2.0
// The conversation list's row in search results: the second line is the matching message's
// snippet, drawn as plain text with the hit in bold; outside a search the row is as it was. And
// the first line's parts (name, Sample tag, assignee, waiting time) never run into each other.
#include "conversationdelegate.h"
#include "inboxroles.h"
#include "translations.h"
#include "untrustedtext.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTest>
#include <QtMath>

#include <algorithm>

using namespace zapito;

namespace {

constexpr int kRowWidth = 900; // wide enough that nothing in these rows is elided

struct Ink
{
    int right = -1;  // the rightmost column with ink in the row's lower half, -1 for none
    qint64 dark = 0; // how much ink: the sum of every pixel's darkness there
};

} // namespace

class tst_ConversationDelegate : public QObject
{
    Q_OBJECT

    QStandardItemModel m_model;

    QModelIndex row(const QString& preview, const QVariant& snippet)
    {
        m_model.clear();
        auto* item = new QStandardItem;
        item->setData(QStringLiteral("Ana"), ConversationRoles::TitleRole);
        item->setData(QStringLiteral("whatsapp"), ConversationRoles::ChannelRole);
        item->setData(preview, ConversationRoles::LastMessageRole);
        item->setData(qint64(0), ConversationRoles::LastActivityMsRole);
        item->setData(0, ConversationRoles::UnreadCountRole);
        if (snippet.isValid())
            item->setData(snippet, ConversationRoles::SearchSnippetRole);
        m_model.appendRow(item);
        return m_model.index(0, 0);
    }

    QImage paint(const QModelIndex& index)
    {
        ConversationDelegate delegate;
        delegate.setClock([] { return qint64(0); });
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.palette = QApplication::palette();
        option.state = QStyle::State_Enabled;
        option.direction = Qt::LeftToRight;
        const QSize size(kRowWidth, delegate.sizeHint(option, index).height());
        option.rect = QRect(QPoint(0, 0), size);
        QImage image(size, QImage::Format_RGB32);
        image.fill(option.palette.color(QPalette::Base));
        QPainter painter(&image);
        delegate.paint(&painter, option, index);
        return image;
    }

    QModelIndex headerRow(const QString& title, const QString& assignee, bool sample, int waitedMinutes)
    {
        m_model.clear();
        auto* item = new QStandardItem;
        item->setData(title, ConversationRoles::TitleRole);
        item->setData(QStringLiteral("whatsapp"), ConversationRoles::ChannelRole);
        item->setData(QStringLiteral("Connecting you with a team member right away."),
                      ConversationRoles::LastMessageRole);
        item->setData(qint64(0), ConversationRoles::LastActivityMsRole);
        item->setData(1, ConversationRoles::UnreadCountRole);
        item->setData(sample, ConversationRoles::IsSampleRole);
        if (!assignee.isEmpty())
            item->setData(assignee, ConversationRoles::AssigneeRole);
        if (waitedMinutes >= 0)
            item->setData(-qint64(waitedMinutes) * 60'000, ConversationRoles::HandoffAtMsRole);
        m_model.appendRow(item);
        return m_model.index(0, 0);
    }

    static int advance(const QFont& font, const QString& text)
    {
        return qCeil(QFontMetricsF(font).horizontalAdvance(text));
    }

    // The second line's ink: the lower half of the row, above the hairline between rows.
    static Ink inkOfSecondLine(const QImage& image)
    {
        Ink ink;
        const QRgb background = image.pixel(image.width() - 1, image.height() / 2);
        for (int y = image.height() / 2; y < image.height() - 2; ++y)
            for (int x = 60; x < image.width(); ++x) { // right of the avatar
                const QRgb pixel = image.pixel(x, y);
                if (pixel == background)
                    continue;
                ink.right = qMax(ink.right, x);
                ink.dark += qAbs(qGray(background) - qGray(pixel));
            }
        return ink;
    }

private slots:
    void snippet_isPlainTextWithTheHitAsARange()
    {
        const QModelIndex index =
            row(QStringLiteral("last message"), QStringLiteral("…about \uE000<b>x</b>\uE001 and <i>y</i>"));
        const SnippetLine line = ConversationDelegate::searchSnippet(index);
        QVERIFY(line.text.contains(QLatin1String("about <b>x</b> and <i>y</i>")));
        QCOMPARE(line.hits.size(), 1);
        QCOMPARE(line.text.mid(line.hits.constFirst().start, line.hits.constFirst().length),
                 QStringLiteral("<b>x</b>"));
        QVERIFY(ConversationDelegate::searchSnippet(row(QStringLiteral("last message"), {})).text.isEmpty());
    }

    void snippet_markupIsDrawnAsItsCharacters()
    {
        // The same characters drawn by the preview path (plain drawText) and by the snippet path
        // end at the same place; read as markup they would be far shorter ("x shows as text").
        const QString markup = QStringLiteral("<b>x</b> shows <i>as</i> text");
        const Ink asSnippet = inkOfSecondLine(paint(row(QStringLiteral("last message"), markup)));
        const Ink asPreview = inkOfSecondLine(paint(row(markup, {})));
        const Ink asMarkup = inkOfSecondLine(paint(row(QStringLiteral("x shows as text"), {})));
        QVERIFY(asSnippet.right > 0 && asMarkup.right > 0);
        QVERIFY2(qAbs(asSnippet.right - asPreview.right) <= 3,
                 qPrintable(QStringLiteral("%1 vs %2").arg(asSnippet.right).arg(asPreview.right)));
        QVERIFY2(asSnippet.right > asMarkup.right + 20,
                 qPrintable(QStringLiteral("%1 vs %2").arg(asSnippet.right).arg(asMarkup.right)));
    }

    void snippet_hitIsBold()
    {
        const Ink plain =
            inkOfSecondLine(paint(row(QStringLiteral("p"), QStringLiteral("say gluten please"))));
        const Ink marked =
            inkOfSecondLine(paint(row(QStringLiteral("p"), QStringLiteral("say \uE000gluten\uE001 please"))));
        QVERIFY2(marked.dark > plain.dark,
                 qPrintable(QStringLiteral("%1 vs %2").arg(marked.dark).arg(plain.dark)));
    }

    void snippet_elidedToTheRow()
    {
        // A snippet wider than the row ends in "…" inside it instead of running past its edge.
        QString longSnippet;
        for (int i = 0; i < 60; ++i)
            longSnippet += QStringLiteral("word%1 ").arg(i);
        const QImage image = paint(row(QStringLiteral("p"), QString(u'\uE000' + longSnippet + u'\uE001')));
        const int right = inkOfSecondLine(image).right;
        QVERIFY2(right > kRowWidth / 2 && right < kRowWidth - 10, qPrintable(QString::number(right)));
    }

    void header_partsNeverCollide_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("assignee");
        QTest::addColumn<bool>("sample");
        QTest::addColumn<int>("waited"); // minutes; -1: not waiting (the time of the last message)
        const QString longName = QStringLiteral("Maria Fernanda Albuquerque de Souza");
        for (const QString& locale : {QStringLiteral("en_US"), QStringLiteral("pt_BR")}) {
            const auto row = [&locale](const char* name) -> QTestData& {
                return QTest::newRow(qPrintable(locale + u'-' + QLatin1String(name)));
            };
            // The screenshot's row: "Carla Mende…aiting 2 min" before the parts were laid out apart.
            row("carla-waiting") << locale << QStringLiteral("Zoë O'Brien") << QStringLiteral("Carla Mendes")
                                 << false << 2;
            row("long-assignee") << locale << QStringLiteral("Jürgen Müller") << longName << false << 260;
            row("long-both") << locale << QStringLiteral("Αλέξης Παπαδόπουλος-Καραμανλής") << longName
                             << false << 45;
            row("sample") << locale << QStringLiteral("Ana Beatriz") << QStringLiteral("Carla Mendes") << true
                          << 12;
            row("no-assignee") << locale << QStringLiteral("Priya शर्मा") << QString() << false << 600;
            row("not-waiting") << locale << QStringLiteral("Oliver Smith") << longName << false << -1;
        }
    }
    void header_partsNeverCollide()
    {
        QFETCH(QString, locale);
        QFETCH(QString, title);
        QFETCH(QString, assignee);
        QFETCH(bool, sample);
        QFETCH(int, waited);
        installTranslations(QLocale(locale));
        const QModelIndex index = headerRow(title, assignee, sample, waited);
        ConversationDelegate delegate;
        delegate.setClock([] { return qint64(0); });
        const QString time = waited >= 0 ? delegate.waitingText(index) : delegate.timeText(index);
        QVERIFY(!time.isEmpty());
        // From the narrowest the list pane gets (the window at its minimum width) to a wide one,
        // at the usual font and a larger one.
        for (const qreal scale : {1.0, 1.5}) {
            for (const int width : {280, 300, 336, 376, 420, 460, 600, 900}) {
                const QString where = QStringLiteral("%1 px at %2×").arg(width).arg(scale);
                QStyleOptionViewItem option;
                option.font = QApplication::font();
                option.font.setPointSizeF(option.font.pointSizeF() * scale);
                option.direction = Qt::LeftToRight;
                option.rect = QRect(0, 0, width, delegate.sizeHint(option, index).height());
                const ConversationHeaderLayout l = delegate.headerLayout(option, index);

                // The time, or how long the handoff has waited, is whole and inside the row.
                QCOMPARE(l.time, time);
                QVERIFY2(l.timeRect.width() >= advance(l.fonts.time, l.time), qPrintable(where));
                QVERIFY2(option.rect.contains(l.timeRect), qPrintable(where));
                QVERIFY2(l.titleRect.left() >= 50, qPrintable(where)); // right of the avatar

                // Each part fits its rectangle, and the rectangles keep apart.
                QVERIFY2(advance(l.fonts.title, l.title) <= l.titleRect.width() + 1, qPrintable(where));
                const QRect nameEnd = l.tagRect.isEmpty() ? l.titleRect : l.titleRect.united(l.tagRect);
                QVERIFY2(!l.titleRect.intersects(l.timeRect), qPrintable(where));
                QVERIFY2(nameEnd.right() + ConversationHeaderLayout::kGap <= l.timeRect.left(),
                         qPrintable(where));
                // Only narrower than the list's usual width and at the larger font may the time and
                // the tag not fit side by side; the time stays whole, the transcript still says the
                // conversation is a sample.
                if (width >= 376 || scale == 1.0)
                    QVERIFY2(l.tagRect.isEmpty() == !sample, qPrintable(where));
                QVERIFY2(sample || l.tagRect.isEmpty(), qPrintable(where));
                if (l.assigneeRect.isEmpty()) {
                    QVERIFY2(l.assignee.isEmpty(), qPrintable(where));
                } else {
                    QVERIFY(!assignee.isEmpty());
                    QVERIFY2(advance(l.fonts.meta, l.assignee) <= l.assigneeRect.width(), qPrintable(where));
                    QVERIFY2(!l.assigneeRect.intersects(l.timeRect), qPrintable(where));
                    QVERIFY2(!l.assigneeRect.intersects(nameEnd), qPrintable(where));
                    QVERIFY2(
                        nameEnd.right() + ConversationHeaderLayout::kGap <= l.assigneeRect.left(),
                        qPrintable(
                            where +
                            QStringLiteral(": %1 then %2").arg(nameEnd.right()).arg(l.assigneeRect.left())));
                    // A visible gap, with the "·" in it, between the assignee and the time.
                    QVERIFY2(l.timeRect.left() - l.assigneeRect.right() - 1 >= 8, qPrintable(where));
                    QVERIFY2(l.separatorRect.left() > l.assigneeRect.right() &&
                                 l.separatorRect.right() < l.timeRect.left(),
                             qPrintable(where));
                    // Never a lone "…": a few letters of the name at least.
                    const auto letters = std::count_if(l.assignee.cbegin(), l.assignee.cend(),
                                                       [](QChar c) { return c.isLetter(); });
                    QVERIFY2(letters >= 3, qPrintable(where + u' ' + l.assignee));
                }
                if (width == 900 && scale == 1.0) {
                    // With room, nothing is elided.
                    QCOMPARE(l.title, title);
                    QCOMPARE(l.assignee, assignee.isEmpty() ? QString() : isolated(assignee));
                }
            }
        }
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void header_assigneeGivesWayBeforeTheContact()
    {
        // Short of room the assignee's name is elided while the contact's stays whole.
        ConversationDelegate delegate;
        delegate.setClock([] { return qint64(0); });
        const QModelIndex index = headerRow(QStringLiteral("Zoë O'Brien"),
                                            QStringLiteral("Maria Fernanda Albuquerque de Souza"), false, 2);
        QStyleOptionViewItem option;
        option.font = QApplication::font();
        option.rect = QRect(0, 0, 376, delegate.sizeHint(option, index).height());
        const ConversationHeaderLayout l = delegate.headerLayout(option, index);
        QCOMPARE(l.title, QStringLiteral("Zoë O'Brien"));
        QVERIFY(!l.assigneeRect.isEmpty());
        QVERIFY2(l.assignee.contains(QChar(0x2026)), qPrintable(l.assignee));
    }

    void notSearching_rowIsUnchanged()
    {
        // An empty snippet (a name match, or no search) draws the last message as before.
        QCOMPARE(paint(row(QStringLiteral("last message"), QString())),
                 paint(row(QStringLiteral("last message"), {})));
        QVERIFY(inkOfSecondLine(paint(row(QStringLiteral("last message"), QString()))).right > 0);
    }

    void presence_isDrawnInsteadOfThePreview()
    {
        // Another seat's operator on the row: "… is typing…" where the preview goes, as plain
        // text, and the row as before once nobody is there.
        const QModelIndex alone = row(QStringLiteral("x"), {});
        QVERIFY(ConversationDelegate::presenceText(alone).isEmpty());
        const QImage before = paint(alone);
        m_model.item(0)->setData(QStringLiteral("\u2068<b>Carla</b>\u2069 is typing… and more words than x"),
                                 ConversationRoles::PresenceTextRole);
        const QModelIndex here = m_model.index(0, 0);
        QCOMPARE(ConversationDelegate::presenceText(here),
                 QStringLiteral("\u2068<b>Carla</b>\u2069 is typing… and more words than x"));
        const Ink withPresence = inkOfSecondLine(paint(here));
        QVERIFY2(withPresence.right > inkOfSecondLine(before).right + 50,
                 qPrintable(
                     QStringLiteral("%1 vs %2").arg(withPresence.right).arg(inkOfSecondLine(before).right)));
        m_model.item(0)->setData(QString(), ConversationRoles::PresenceTextRole);
        QCOMPARE(paint(m_model.index(0, 0)), before);
    }

    void presence_cutAfterItsEllipsis_showsOneEllipsis()
    {
        // "Carla is typing… · Ana is viewing" cut at every width: never "typing……".
        const QString text = QStringLiteral("\u2068Carla Mendes\u2069 is typing\u2026 \u00b7 \u2068Ana "
                                            "Beatriz\u2069 is viewing");
        const QFontMetrics metrics(QApplication::font());
        // An ellipsis, then at most spaces, "·" and isolates, then another.
        const QRegularExpression twice(QStringLiteral("\u2026[\\s\u00b7\u2068\u2069]*\u2026"));
        int cutAfterEllipsis = 0;
        for (int width = 1; width <= metrics.horizontalAdvance(text) + 4; ++width) {
            const QString shown = ConversationDelegate::elidedPresence(metrics, text, width);
            QVERIFY2(!shown.contains(twice), qPrintable(QStringLiteral("%1 px: %2").arg(width).arg(shown)));
            if (metrics.elidedText(text, Qt::ElideRight, width).contains(twice))
                ++cutAfterEllipsis;
        }
        QVERIFY(cutAfterEllipsis > 0); // the case this is about was met
    }
};

QTEST_MAIN(tst_ConversationDelegate)
#include "tst_conversationdelegate.moc"
