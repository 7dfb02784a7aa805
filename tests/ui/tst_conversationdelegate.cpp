// SPDX-License-Identifier: Apache-2.0
// The conversation list's row in search results: the second line is the matching message's
// snippet, drawn as plain text with the hit in bold; outside a search the row is as it was.
#include "conversationdelegate.h"
#include "inboxroles.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>

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

    void notSearching_rowIsUnchanged()
    {
        // An empty snippet (a name match, or no search) draws the last message as before.
        QCOMPARE(paint(row(QStringLiteral("last message"), QString())),
                 paint(row(QStringLiteral("last message"), {})));
        QVERIFY(inkOfSecondLine(paint(row(QStringLiteral("last message"), QString()))).right > 0);
    }
};

QTEST_MAIN(tst_ConversationDelegate)
#include "tst_conversationdelegate.moc"
