// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace zapito::bench {

// Interactive figures at the largest size may take at most this many times what they take at
// the smallest: the inbox must not slow down as it fills.
inline constexpr double kFlatnessLimit = 1.5;

// One line of the results: the product beside the baseline at every size measured, the target
// it is held to (at the largest size) and, for what the operator waits on, whether it stays flat
// from the smallest size to the largest. Size-free figures (the webhook) have one value each
// and a limit beside the baseline.
struct Figure
{
    QString name;
    QString unit; // ms, MiB, µs, /s, ×
    std::optional<double> target;
    bool higherIsBetter = false;
    bool interactive = false;                      // held to the flatness check
    QMap<QString, std::optional<double>> product;  // by size label ("" for size-free figures)
    QMap<QString, std::optional<double>> baseline; // likewise
    std::optional<double> limit;                   // size-free figures only
};

class Report final
{
public:
    // A figure of one size; figures of the same name at other sizes join the same line.
    void add(const QString& size, const QString& name, const QString& unit, std::optional<double> product,
             std::optional<double> baseline, std::optional<double> target, bool interactive);
    // A size-free figure.
    void add(Figure figure);
    void addNote(const QString& note) { m_notes.append(note); }
    const QList<Figure>& figures() const { return m_figures; }
    const QStringList& sizes() const { return m_sizes; }
    // The Markdown tables (README-ready), every miss, then the notes.
    QString markdown() const;

private:
    QList<Figure> m_figures;
    QStringList m_sizes; // in the order they were run: smallest first
    QStringList m_notes;
};

QString formatValue(double value, const QString& unit);

} // namespace zapito::bench
