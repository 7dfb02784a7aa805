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

    std::mt19937_64& random() { return m_random; }
    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_random); }

private:
    std::mt19937_64 m_random;
};

} // namespace zapito::bench
