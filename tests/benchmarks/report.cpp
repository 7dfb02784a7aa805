// SPDX-License-Identifier: Apache-2.0
#include "report.h"

namespace zapito::bench {

QString formatValue(double value, const QString& unit)
{
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
    const QString number = QString::number(value, 'f', decimals);
    return unit == QStringLiteral("×") ? QString(u'×' + number) : QString(number + u' ' + unit);
}

namespace {

QString cell(const std::optional<double>& value, const QString& unit)
{
    return value ? formatValue(*value, unit) : QStringLiteral("not measured");
}

bool meets(const Figure& f, double value)
{
    return f.higherIsBetter ? value >= *f.target : value <= *f.target;
}

QString targetText(const Figure& f)
{
    if (!f.target)
        return {};
    return QString((f.higherIsBetter ? QStringLiteral("≥ ") : QStringLiteral("≤ ")) +
                   formatValue(*f.target, f.unit));
}

std::optional<double> flatness(const Figure& f, const QStringList& sizes)
{
    if (!f.interactive || sizes.size() < 2)
        return std::nullopt;
    const auto small = f.product.value(sizes.first());
    const auto large = f.product.value(sizes.last());
    if (!small || !large || *small <= 0)
        return std::nullopt;
    return *large / *small;
}

} // namespace

void Report::add(const QString& size, const QString& name, const QString& unit, std::optional<double> product,
                 std::optional<double> baseline, std::optional<double> target, bool interactive)
{
    if (!m_sizes.contains(size))
        m_sizes.append(size);
    for (Figure& f : m_figures) {
        if (f.name == name && !f.product.contains(QString())) {
            f.product.insert(size, product);
            f.baseline.insert(size, baseline);
            return;
        }
    }
    Figure f;
    f.name = name;
    f.unit = unit;
    f.target = target;
    f.interactive = interactive;
    f.product.insert(size, product);
    f.baseline.insert(size, baseline);
    m_figures.append(f);
}

void Report::add(Figure figure)
{
    m_figures.append(std::move(figure));
}

QString Report::markdown() const
{
    QStringList lines;
    QStringList misses;
    const QString largest = m_sizes.isEmpty() ? QString() : m_sizes.last();
    if (!m_sizes.isEmpty()) {
        QString header = QStringLiteral("| figure | target |");
        QString rule = QStringLiteral("| --- | --- |");
        for (const QString& size : m_sizes) {
            header += u' ' + size + QLatin1String(" |");
            rule += QLatin1String(" ---: |");
        }
        header += QStringLiteral(" flat? | baseline (%1) |").arg(m_sizes.join(QStringLiteral(" · ")));
        rule += QLatin1String(" --- | ---: |");
        lines << header << rule;
        for (const Figure& f : m_figures) {
            if (f.product.contains(QString()))
                continue;
            QString row = QStringLiteral("| %1 | %2 |").arg(f.name, targetText(f));
            for (const QString& size : m_sizes) {
                const auto value = f.product.value(size);
                QString text = cell(value, f.unit);
                if (f.target && value && size == largest) {
                    const bool ok = meets(f, *value);
                    text += ok ? QStringLiteral(" ok") : QStringLiteral(" **miss**");
                    if (!ok)
                        misses << QStringLiteral("- *%1* at %2: %3 against %4 — cause: …")
                                      .arg(f.name, size, formatValue(*value, f.unit), targetText(f));
                } else if (f.target && !value && size == largest) {
                    misses << QStringLiteral("- *%1* at %2: not measured — cause: …").arg(f.name, size);
                }
                row += u' ' + text + QLatin1String(" |");
            }
            QString flat = QStringLiteral("—");
            if (const auto r = flatness(f, m_sizes)) {
                const bool ok = *r <= kFlatnessLimit;
                flat = QStringLiteral("%1 ×%2")
                           .arg(ok ? QStringLiteral("ok") : QStringLiteral("**miss**"))
                           .arg(*r, 0, 'f', 2);
                if (!ok)
                    misses << QStringLiteral(
                                  "- *%1* not flat: ×%2 from %3 to %4 (%5 → %6; ≤ ×%7 allowed) — cause: …")
                                  .arg(f.name)
                                  .arg(*r, 0, 'f', 2)
                                  .arg(m_sizes.first(), largest,
                                       cell(f.product.value(m_sizes.first()), f.unit),
                                       cell(f.product.value(largest), f.unit))
                                  .arg(kFlatnessLimit);
            } else if (f.interactive && m_sizes.size() >= 2) {
                flat = QStringLiteral("not measured");
            }
            QStringList baseline;
            for (const QString& size : m_sizes)
                baseline << cell(f.baseline.value(size), f.unit);
            row += QStringLiteral(" %1 | %2 |").arg(flat, baseline.join(QStringLiteral(" · ")));
            lines << row;
        }
    }
    bool sizeFreeHeader = false;
    for (const Figure& f : m_figures) {
        if (!f.product.contains(QString()))
            continue;
        if (!sizeFreeHeader) {
            lines << QString() << QStringLiteral("| figure | target | Zapito | baseline | limit |")
                  << QStringLiteral("| --- | --- | ---: | ---: | ---: |");
            sizeFreeHeader = true;
        }
        const auto value = f.product.value(QString());
        QString text = cell(value, f.unit);
        if (f.target && value) {
            const bool ok = meets(f, *value);
            text += ok ? QStringLiteral(" ok") : QStringLiteral(" **miss**");
            if (!ok)
                misses << QStringLiteral("- *%1*: %2 against %3 — cause: …")
                              .arg(f.name, formatValue(*value, f.unit), targetText(f));
        }
        lines << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                     .arg(f.name, targetText(f), text,
                          f.baseline.contains(QString()) ? cell(f.baseline.value(QString()), f.unit)
                                                         : QStringLiteral("—"),
                          f.limit ? formatValue(*f.limit, f.unit) : QStringLiteral("—"));
    }
    lines << QString() << QStringLiteral("**Misses** (every one, with its cause):") << QString();
    if (misses.isEmpty())
        lines << QStringLiteral("- none");
    else
        lines << misses;
    for (const QString& note : m_notes)
        lines << QString() << note;
    return lines.join(u'\n') + u'\n';
}

} // namespace zapito::bench
