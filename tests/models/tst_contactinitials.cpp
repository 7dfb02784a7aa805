// SPDX-License-Identifier: Apache-2.0
// The avatar's letters for names in every script the inbox meets: whole graphemes, upper case
// only where a script has it, one letter where a second would mislead.
#include "contacttitle.h"

#include <QTest>

using namespace zapito;

class TestContactInitials final : public QObject
{
    Q_OBJECT
private slots:
    void initials_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("expected");
        QTest::newRow("latin-two-words") << u"Maria Silva"_qs << u"MS"_qs;
        QTest::newRow("latin-lower-case") << u"maria silva"_qs << u"MS"_qs;
        QTest::newRow("latin-one-word") << u"Zoë"_qs << u"Z"_qs;
        QTest::newRow("arabic-one-letter-no-case")
            << QString::fromUtf16(u"فاطمة الزهراء") << QString::fromUtf16(u"ف");
        QTest::newRow("hebrew-two-letters-no-case")
            << QString::fromUtf16(u"דוד לוי") << QString::fromUtf16(u"דל");
        QTest::newRow("turkish-dotted-capital-i-kept")
            << QString::fromUtf16(u"İlkay Şahin") << QString::fromUtf16(u"İŞ");
        QTest::newRow("turkish-dotless-i") << QString::fromUtf16(u"ılgaz ağaç") << QString::fromUtf16(u"IA");
        QTest::newRow("german-sharp-s-not-doubled") << QString::fromUtf16(u"ßen") << QString::fromUtf16(u"ß");
        QTest::newRow("chinese-family-name") << QString::fromUtf16(u"李娜") << QString::fromUtf16(u"李");
        QTest::newRow("japanese-kana") << QString::fromUtf16(u"さくら") << QString::fromUtf16(u"さ");
        QTest::newRow("korean-hangul") << QString::fromUtf16(u"김민준") << QString::fromUtf16(u"김");
        QTest::newRow("mixed-scripts-first-only") << QString::fromUtf16(u"Kenji 健二") << u"K"_qs;
        QTest::newRow("cyrillic") << QString::fromUtf16(u"Олег Петров") << QString::fromUtf16(u"ОП");
        QTest::newRow("combining-acute-kept-whole")
            << QString::fromUtf16(u"e\u0301mile zola") << QString::fromUtf16(u"E\u0301Z");
        QTest::newRow("devanagari-syllable-kept-whole")
            << QString::fromUtf16(u"प्रिया शर्मा") << QString::fromUtf16(u"प्रिश");
        QTest::newRow("emoji-before-name-skipped") << QString::fromUtf16(u"🎉 Ana Lima") << u"AL"_qs;
        QTest::newRow("emoji-only-name")
            << QString::fromUtf16(u"👩‍💻") << QString::fromUtf16(u"👩‍💻");
        QTest::newRow("flag-only-name") << QString::fromUtf16(u"🇧🇷") << QString::fromUtf16(u"🇧🇷");
        QTest::newRow("punctuation-only") << u"<>"_qs << u"?"_qs;
        QTest::newRow("empty") << QString() << u"?"_qs;
    }

    void initials()
    {
        QFETCH(QString, title);
        QFETCH(QString, expected);
        QCOMPARE(contactInitials(title), expected);
    }
};

QTEST_GUILESS_MAIN(TestContactInitials)
#include "tst_contactinitials.moc"
