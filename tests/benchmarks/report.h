// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace zapito::bench {

// One line of the results: the product's median beside the naive Qt way and the limit,
// measured in the same run, and the target it is held to.
struct Figure
{
    QString name;
    QString size; // "10k/200k", "100k/2M", or "" for size-free figures
    QString unit; // ms, MiB, µs, /s
    std::optional<double> product;
    std::optional<double> naive;
    std::optional<double> limit;
    std::optional<double> target; // in `unit`
    bool higherIsBetter = false;
    int samples = 0;
};

class Report final
{
public:
    void add(Figure figure) { m_figures.append(std::move(figure)); }
    void addNote(const QString& note) { m_notes.append(note); }
    const QList<Figure>& figures() const { return m_figures; }
    // A Markdown table (README-ready) followed by the notes.
    QString markdown() const;

private:
    QList<Figure> m_figures;
    QStringList m_notes;
};

QString formatValue(double value, const QString& unit);

} // namespace zapito::bench
