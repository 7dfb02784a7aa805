// SPDX-License-Identifier: Apache-2.0
#include "report.h"

#include <QStringList>

namespace zapito::bench {

QString formatValue(double value, const QString& unit)
{
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
    return QString(QString::number(value, 'f', decimals) + u' ' + unit);
}

namespace {
QString cell(const std::optional<double>& value, const QString& unit)
{
    return value ? formatValue(*value, unit) : QStringLiteral("not measured");
}

// "×12 slower" beside the naive way; "×1.8 of the limit" beside the limit.
QString ratio(const std::optional<double>& other, const std::optional<double>& product, bool higherIsBetter,
              bool otherIsLimit)
{
    if (!other || !product || *other <= 0 || *product <= 0)
        return {};
    const double r = otherIsLimit ? (higherIsBetter ? *other / *product : *product / *other)
                                  : (higherIsBetter ? *product / *other : *other / *product);
    return QStringLiteral(" (×%1)").arg(r, 0, 'f', r >= 10 ? 0 : 1);
}
} // namespace

QString Report::markdown() const
{
    QStringList lines;
    lines << QStringLiteral("| figure | size | Zapito | naive Qt (naive ÷ Zapito) | limit (Zapito ÷ limit) | "
                            "target | met |")
          << QStringLiteral("| --- | --- | ---: | ---: | ---: | ---: | --- |");
    for (const Figure& f : m_figures) {
        QString met = QStringLiteral("—");
        if (f.target && f.product)
            met = (f.higherIsBetter ? *f.product >= *f.target : *f.product <= *f.target)
                      ? QStringLiteral("yes")
                      : QStringLiteral("**no**");
        const QString target =
            f.target ? QString((f.higherIsBetter ? QStringLiteral("≥ ") : QStringLiteral("≤ ")) +
                               formatValue(*f.target, f.unit))
                     : QString();
        lines << QStringLiteral("| %1 | %2 | %3 | %4%5 | %6%7 | %8 | %9 |")
                     .arg(f.name, f.size, cell(f.product, f.unit), cell(f.naive, f.unit),
                          ratio(f.naive, f.product, f.higherIsBetter, false), cell(f.limit, f.unit),
                          ratio(f.limit, f.product, f.higherIsBetter, true), target, met);
    }
    for (const QString& note : m_notes)
        lines << QString() << note;
    return lines.join(u'\n') + u'\n';
}

} // namespace zapito::bench
