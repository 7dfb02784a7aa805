// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <random>

namespace zapito::bench {

// Contact names and chat messages the way a busy WhatsApp/Telegram line really looks: Latin
// with accents, Cyrillic, Arabic, CJK and emoji mixed, so text layout and collation in the
// benchmark pay what they pay in the field. Deterministic for a given seed.
class SampleText final
{
public:
    explicit SampleText(quint64 seed);

    QString contactName();
    // A message of exactly `length` UTF-16 code units or one less (a surrogate pair is never cut).
    QString message(int length);
    // 5..400 characters, skewed to short as chat is: most lines are a few words.
    int messageLength();
    // One chat line as the generator writes it: messageLength() characters of phrases; about
    // kCommonWordShare of them start with a phrase holding commonWord(), kRareWordShare with one
    // holding rareWord(), so the search benchmark has a word of each kind at a known rate. No
    // other phrase holds either word, nor noMatchWord().
    QString chatLine();
    enum class Lead
    {
        None,
        CommonWord,
        RareWord,
    };
    // What the last chatLine() started with.
    Lead lastLead() const { return m_lastLead; }

    static constexpr double kCommonWordShare = 0.07;
    static constexpr double kRareWordShare = 1.0 / 20'000;
    static QString commonWord() { return QStringLiteral("gluten"); }
    static QString rareWord() { return QStringLiteral("marzipan"); }
    static QString noMatchWord() { return QStringLiteral("xylophone"); }
    // A last name in the name pool, held by about 2–3 % of the contacts.
    static QString contactNameTerm() { return QStringLiteral("Pereira"); }

    std::mt19937_64& random() { return m_random; }
    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_random); }

private:
    QString message(int length, QStringView lead);

    std::mt19937_64 m_random;
    Lead m_lastLead = Lead::None;
};

} // namespace zapito::bench
