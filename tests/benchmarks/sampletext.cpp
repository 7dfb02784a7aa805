// SPDX-License-Identifier: Apache-2.0
#include "sampletext.h"

#include <QStringView>

#include <algorithm>
#include <array>

namespace zapito::bench {

namespace {

struct NamePool
{
    const QStringView* first;
    int firstCount;
    const QStringView* last;
    int lastCount;
    bool lastNameFirst; // CJK order: family name first
    QStringView separator;
};

constexpr QStringView kLatinFirst[] = {
    u"José",  u"María", u"Zoë",    u"François",   u"Łukasz", u"Søren",  u"Ana",    u"Björn",
    u"Iñaki", u"Chloé", u"Jürgen", u"Małgorzata", u"João",   u"Inês",   u"Renée",  u"Ömer",
    u"Maria", u"John",  u"Lucía",  u"Agnès",      u"Dvořák", u"Noémie", u"Thiago", u"Camila",
};
constexpr QStringView kLatinLast[] = {
    u"Álvarez", u"Müller",  u"Lefèvre",   u"Wróbel", u"Ødegård",  u"Conceição", u"Ångström",
    u"Ibáñez",  u"Šimić",   u"Gonçalves", u"Nuñez",  u"Schröder", u"da Silva",  u"Yılmaz",
    u"Smith",   u"Pereira", u"Kovač",     u"Løvlie", u"García",   u"Côté",
};
constexpr QStringView kCyrillicFirst[] = {u"Анна", u"Дмитрий",   u"Олена", u"Сергей", u"Наталья",
                                          u"Иван", u"Екатерина", u"Юрий",  u"Ольга",  u"Алексей"};
constexpr QStringView kCyrillicLast[] = {u"Смирнова",  u"Иванов", u"Коваленко", u"Петров",  u"Шевченко",
                                         u"Кузнецова", u"Попов",  u"Соколова",  u"Михайлов"};
constexpr QStringView kArabicFirst[] = {u"محمد", u"فاطمة", u"أحمد", u"مريم",
                                        u"علي",  u"نور",   u"يوسف", u"ليلى"};
constexpr QStringView kArabicLast[] = {u"العلي", u"الزهراء", u"حسن", u"الخطيب", u"منصور", u"الحسيني"};
constexpr QStringView kCjkFirst[] = {u"伟",   u"娜",   u"花子", u"太郎", u"민준",
                                     u"서연", u"秀英", u"翔",   u"美咲"};
constexpr QStringView kCjkLast[] = {u"王", u"李", u"佐藤", u"田中", u"김", u"박", u"张", u"鈴木", u"陈"};
constexpr QStringView kEmojiNames[] = {u"Maria 🌸",
                                       u"☕ Coffee Lover",
                                       u"Juan 🇲🇽",
                                       u"🙂",
                                       u"Ana 💅",
                                       u"Léo ⚽️",
                                       u"Tia Cida 🙏🏽",
                                       u"😎 Rafa",
                                       u"👩‍👩‍👧 Família Souza",
                                       u"Dani ✨",
                                       u"🍕 Pizza Night"};

constexpr std::array<NamePool, 4> kPools = {{
    {kLatinFirst, int(std::size(kLatinFirst)), kLatinLast, int(std::size(kLatinLast)), false, u" "},
    {kCyrillicFirst, int(std::size(kCyrillicFirst)), kCyrillicLast, int(std::size(kCyrillicLast)), false,
     u" "},
    {kArabicFirst, int(std::size(kArabicFirst)), kArabicLast, int(std::size(kArabicLast)), false, u" "},
    {kCjkFirst, int(std::size(kCjkFirst)), kCjkLast, int(std::size(kCjkLast)), true, u""},
}};

// Pieces of real support chat in the languages the names come from; joined and cut to length.
constexpr QStringView kPhrases[] = {
    u"Olá, tudo bem?",
    u"Vocês abrem domingo?",
    u"Queria reservar uma mesa para quatro pessoas às 20h.",
    u"Mi pedido llegó frío, ¿qué hacen en estos casos?",
    u"Can I talk to a person?",
    u"Thanks! That was quick 👍",
    u"Is the café open on public holidays?",
    u"My card was charged twice for order #48213, please check.",
    u"Здравствуйте! Можно заказать торт на субботу?",
    u"Спасибо, всё получил.",
    u"مرحبا، هل يمكنني تغيير موعد الحجز؟",
    u"شكرا جزيلا 🙏",
    u"你好，请问今天还有位置吗？",
    u"外卖大概多久能到？",
    u"予約の変更はできますか？",
    u"안녕하세요, 주차 가능한가요?",
    u"😂😂",
    u"ok",
    u"Bonjour, est-ce que la terrasse est ouverte ?",
    u"Grüße aus München! Habt ihr vegane Kuchen?",
    u"The Wi-Fi password doesn't work, it says \"incorrect\".",
    u"Connecting you with a team member right away.",
    u"Our opening hours are Mon–Sat 7:00–19:00, Sun 8:00–14:00.",
    u"I can help with bookings, the menu and orders. What would you like to do?",
    u"Pode mandar o cardápio em PDF?",
    u"☕️🥐",
    u"Sorry, I didn't get that. Could you rephrase?",
    u"Your table for 4 is booked for Friday at 20:00 ✅",
};

// The common word's phrases (in the languages above), one of which starts kCommonWordShare of
// the lines; the rare word's phrase. Kept out of kPhrases so nothing else brings them in.
constexpr QStringView kCommonWordPhrases[] = {
    u"¿Tienen opciones sin gluten?",
    u"Do you have gluten free bread?",
    u"Avez-vous des desserts sans gluten ?",
    u"Is the chocolate cake gluten free? 🍰",
};
constexpr QStringView kRareWordPhrase = u"Do you still make the marzipan cake for Christmas?";

} // namespace

SampleText::SampleText(quint64 seed)
    : m_random(seed)
{}

QString SampleText::contactName()
{
    const double pick = unit();
    if (pick < 0.08)
        return kEmojiNames[uniform(0, int(std::size(kEmojiNames)) - 1)].toString();
    // 55% Latin, 15% Cyrillic, 10% Arabic, 12% CJK.
    const int poolIndex = pick < 0.63 ? 0 : pick < 0.78 ? 1 : pick < 0.88 ? 2 : 3;
    const NamePool& pool = kPools[std::size_t(poolIndex)];
    const QStringView first = pool.first[uniform(0, pool.firstCount - 1)];
    const QStringView last = pool.last[uniform(0, pool.lastCount - 1)];
    QString name =
        pool.lastNameFirst ? QString(last + pool.separator + first) : QString(first + pool.separator + last);
    if (unit() < 0.05)
        name += QStringLiteral(" 🛵");
    return name;
}

int SampleText::messageLength()
{
    const double pick = unit();
    if (pick < 0.70)
        return uniform(5, 60);
    if (pick < 0.92)
        return uniform(61, 200);
    return uniform(201, 400);
}

QString SampleText::chatLine()
{
    const int length = messageLength();
    const double pick = unit();
    if (pick < kCommonWordShare) {
        m_lastLead = Lead::CommonWord;
        return message(length, kCommonWordPhrases[uniform(0, int(std::size(kCommonWordPhrases)) - 1)]);
    }
    if (pick < kCommonWordShare + kRareWordShare) {
        m_lastLead = Lead::RareWord;
        return message(length, kRareWordPhrase);
    }
    m_lastLead = Lead::None;
    return message(length);
}

QString SampleText::message(int length)
{
    return message(length, {});
}

QString SampleText::message(int length, QStringView lead)
{
    QString text = lead.toString();
    // A lead phrase is never cut: its word must be whole to be found.
    length = std::max(length, int(text.size()));
    text.reserve(length + 80);
    while (text.size() < length) {
        if (!text.isEmpty())
            text += u' ';
        text += kPhrases[uniform(0, int(std::size(kPhrases)) - 1)];
    }
    text.truncate(length);
    if (!text.isEmpty() && text.back().isHighSurrogate())
        text.chop(1);
    return text;
}

} // namespace zapito::bench
