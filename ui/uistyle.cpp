// SPDX-License-Identifier: Apache-2.0
#include "uistyle.h"

#include "contacttitle.h"

#include <QApplication>
#include <QDateTime>
#include <QHash>
#include <QLabel>
#include <QLocale>

namespace zapito::ui {

namespace {
// Hours and minutes in the user's order and separators; seconds are noise in an inbox.
QString shortTime(const QTime& time)
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")).remove(QStringLiteral(".ss"));
    return QLocale().toString(time, format);
}
} // namespace

QIcon resourceIcon(const QString& name)
{
    // One QIcon per file: each new one parses its SVG again and renders its pixmaps afresh, and
    // the list's delegate asks for a channel icon on every row it paints. GUI thread only.
    static QHash<QString, QIcon> icons;
    auto found = icons.constFind(name);
    if (found == icons.constEnd())
        found = icons.insert(name, QIcon(QString(QLatin1String(":/icons/") + name + QLatin1String(".svg"))));
    return *found;
}

QIcon channelIcon(const QString& channel)
{
    if (channel == QLatin1String("whatsapp") || channel == QLatin1String("telegram") ||
        channel == QLatin1String("preview"))
        return resourceIcon(channel);
    return resourceIcon(QStringLiteral("conversation"));
}

QIcon appIcon()
{
    const QIcon set = QApplication::windowIcon();
    if (!set.isNull() && !set.availableSizes().isEmpty())
        return set;
    return QIcon::fromTheme(QStringLiteral("app.zapito.Inbox"), resourceIcon(QStringLiteral("inbox")));
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor blend(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor reasonColor(HandoffReason reason, const QPalette& palette)
{
    QColor c;
    switch (reason) {
    case HandoffReason::Escalate:
        c = QColor(0xC2, 0x5E, 0x00); // orange: a person asked
        break;
    case HandoffReason::Handoff:
        c = QColor(0x3B, 0x5B, 0xDB); // blue: the flow meant it
        break;
    case HandoffReason::ModelError:
        c = QColor(0xC9, 0x2A, 0x2A); // red: something broke
        break;
    case HandoffReason::OutOfCredits:
        c = QColor(0x8E, 0x44, 0xAD); // purple: billing
        break;
    }
    return isDark(palette) ? c.lighter(175) : c;
}

QColor avatarColor(const QString& seed)
{
    static const QColor colours[] = {QColor(0x5C, 0x6B, 0xC0), QColor(0x00, 0x89, 0x7B),
                                     QColor(0xE6, 0x4A, 0x19), QColor(0x8E, 0x24, 0xAA),
                                     QColor(0x43, 0xA0, 0x47), QColor(0xD8, 0x1B, 0x60),
                                     QColor(0x1E, 0x88, 0xE5), QColor(0x6D, 0x4C, 0x41)};
    return colours[qHash(seed) % (sizeof(colours) / sizeof(colours[0]))];
}

QString initials(const QString& title)
{
    return contactInitials(title);
}

QString relativeTime(qint64 atMs, qint64 nowMs)
{
    const qint64 seconds = (nowMs - atMs) / 1000;
    if (seconds < 60)
        return QApplication::translate("zapito", "now");
    if (seconds < 3600)
        return QApplication::translate("zapito", "%1 min").arg(seconds / 60);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    const QLocale locale;
    if (at.date() == today)
        return shortTime(at.time());
    if (at.date() == today.addDays(-1))
        return QApplication::translate("zapito", "Yesterday");
    if (at.date() > today.addDays(-7))
        return locale.dayName(at.date().dayOfWeek(), QLocale::ShortFormat);
    if (at.date().year() == today.year())
        return locale.toString(at.date(), QStringLiteral("d MMM"));
    return locale.toString(at.date(), QStringLiteral("d MMM yyyy"));
}

QString clockTime(qint64 atMs)
{
    return shortTime(QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime().time());
}

QString messageTime(qint64 atMs, qint64 nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    const QLocale locale;
    const QString time = shortTime(at.time());
    if (at.date() == today)
        return time;
    if (at.date() == today.addDays(-1))
        return QApplication::translate("zapito", "Yesterday %1").arg(time);
    if (at.date().year() == today.year())
        return QString(locale.toString(at.date(), QStringLiteral("d MMM")) + u' ' + time);
    return QString(locale.toString(at.date(), QStringLiteral("d MMM yyyy")) + u' ' + time);
}

QString deliveryOutcomeText(DeliveryOutcome outcome, int attempts)
{
    switch (outcome) {
    case DeliveryOutcome::Sent:
        return QApplication::translate("zapito", "Sent");
    case DeliveryOutcome::Failed:
        // "%n": the translation picks the plural form the count asks for.
        return attempts == 1 ? QApplication::translate("zapito", "Failed after 1 attempt")
                             : QApplication::translate("zapito", "Failed after %n attempts", "", attempts);
    case DeliveryOutcome::Skipped:
        return QApplication::translate("zapito", "Skipped (no webhook was configured)");
    case DeliveryOutcome::Pending:
        if (attempts == 0)
            return QApplication::translate("zapito", "Sending…");
        return attempts == 1
                   ? QApplication::translate("zapito", "Pending retry (the first attempt failed)")
                   : QApplication::translate("zapito", "Pending retry (%n attempts failed)", "", attempts);
    }
    return {};
}

QLabel* plainLabel(const QString& text, QWidget* parent, bool selectable)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    if (selectable)
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

void drawRowPanel(QPainter* painter, QStyleOptionViewItem option)
{
    option.text.clear();
    option.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);
}

RowColors rowColors(const QStyleOptionViewItem& option, qreal selectedMix)
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    return {text, selected ? blend(text, pal.color(QPalette::Highlight), selectedMix)
                           : blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45)};
}

QColor mutedText(const QPalette& palette)
{
    return blend(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.4);
}

QColor errorText(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xFF, 0x8A, 0x80) : QColor(0xB3, 0x26, 0x1E);
}

QColor successText(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x81, 0xC9, 0x95) : QColor(0x1E, 0x7E, 0x34);
}

QColor bubbleColor(MessageRole role, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    switch (role) {
    case MessageRole::User:
        return blend(base, palette.color(QPalette::Text), isDark(palette) ? 0.10 : 0.06);
    case MessageRole::Assistant:
        return blend(base, QColor(0x00, 0x96, 0x88), isDark(palette) ? 0.28 : 0.14);
    case MessageRole::Operator:
        return blend(base, palette.color(QPalette::Highlight), isDark(palette) ? 0.45 : 0.22);
    }
    return base;
}

} // namespace zapito::ui
