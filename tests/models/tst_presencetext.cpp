// SPDX-License-Identifier: Apache-2.0
#include "presence.h"

#include <QTest>

using namespace zapito;

namespace {
const QString kOpen = QStringLiteral("\u2068");
const QString kClose = QStringLiteral("\u2069");
QString iso(const QString& name)
{
    return kOpen + name + kClose;
}
} // namespace

// The line that says who else is on a conversation: its sentence for one, two and more operators,
// viewing and typing, and what a hostile name can and cannot do to it.
class tst_PresenceText : public QObject
{
    Q_OBJECT

private slots:
    void sentence_data()
    {
        QTest::addColumn<QList<PresenceEntry>>("entries");
        QTest::addColumn<QString>("expected");
        using L = QList<PresenceEntry>;
        const QString carla = QStringLiteral("Carla");
        const QString ana = QStringLiteral("Ana");
        const QString bea = QStringLiteral("Bea");
        const QString dora = QStringLiteral("Dora");
        QTest::newRow("nobody") << L{} << QString();
        QTest::newRow("one viewing") << L{{carla, false}} << iso(carla) + QStringLiteral(" is viewing");
        QTest::newRow("one typing") << L{{carla, true}} << iso(carla) + QStringLiteral(" is typing…");
        // By name, whatever order the seats' rows came in.
        QTest::newRow("two viewing") << L{{carla, false}, {ana, false}}
                                     << iso(ana) + QStringLiteral(" and ") + iso(carla) +
                                            QStringLiteral(" are viewing");
        QTest::newRow("two typing") << L{{carla, true}, {ana, true}}
                                    << iso(ana) + QStringLiteral(" and ") + iso(carla) +
                                           QStringLiteral(" are typing…");
        QTest::newRow("three viewing") << L{{carla, false}, {ana, false}, {bea, false}}
                                       << iso(ana) + QStringLiteral(" and 2 others are viewing");
        QTest::newRow("four typing") << L{{carla, true}, {ana, true}, {bea, true}, {dora, true}}
                                     << iso(ana) + QStringLiteral(" and 3 others are typing…");
        QTest::newRow("typing and viewing")
            << L{{carla, true}, {ana, false}, {bea, false}}
            << iso(carla) + QStringLiteral(" is typing… · ") + iso(ana) + QStringLiteral(" and ") + iso(bea) +
                   QStringLiteral(" are viewing");
        // Untrusted names: isolated, one line, plain characters, cut to whole characters.
        QTest::newRow("right-to-left override")
            << L{{QStringLiteral("Eve\u202Egnp.exe"), false}}
            << iso(QStringLiteral("Eve\u202Egnp.exe")) + QStringLiteral(" is viewing");
        QTest::newRow("stray closing isolate")
            << L{{QStringLiteral("Eve\u2069 is typing… Mallory"), false}}
            << iso(QStringLiteral("Eve is typing… Mallory")) + QStringLiteral(" is viewing");
        QTest::newRow("line breaks and tabs")
            << L{{QStringLiteral("Eve\n\nis\tin"), false}}
            << iso(QStringLiteral("Eve is in")) + QStringLiteral(" is viewing");
        QTest::newRow("control characters") << L{{QStringLiteral("Ev\u0007e\u001b[31m"), false}}
                                            << iso(QStringLiteral("Eve[31m")) + QStringLiteral(" is viewing");
        QTest::newRow("markup stays characters")
            << L{{QStringLiteral("<b>Eve</b> <img src=x>"), true}}
            << iso(QStringLiteral("<b>Eve</b> <img src=x>")) + QStringLiteral(" is typing…");
        QTest::newRow("placeholders stay characters")
            << L{{QStringLiteral("%1 %2 %n"), false}, {QStringLiteral("%1"), false}}
            << iso(QStringLiteral("%1")) + QStringLiteral(" and ") + iso(QStringLiteral("%1 %2 %n")) +
                   QStringLiteral(" are viewing");
        // Our own words for a seat without a name: nothing to isolate.
        QTest::newRow("empty name") << L{{QString(), false}} << QStringLiteral("Another operator is viewing");
        QTest::newRow("name of spaces and controls")
            << L{{QStringLiteral(" \u0007\n "), true}} << QStringLiteral("Another operator is typing…");
        QTest::newRow("long name cut")
            << L{{QStringLiteral("Bartholomew Alexander Fitzgerald-Smythe"), true}}
            << iso(QStringLiteral("Bartholomew Alexander Fi…")) + QStringLiteral(" is typing…");
        // 30 flags (each two code points outside the BMP, four UTF-16 units, one character): the
        // cut keeps 24 whole flags.
        QString flags;
        for (int i = 0; i < 30; ++i)
            flags += QStringLiteral("🇧🇷");
        QTest::newRow("long name of emoji cut between characters")
            << L{{flags, false}}
            << iso(flags.left(4 * kPresenceNameCharacters) + QStringLiteral("…")) +
                   QStringLiteral(" is viewing");
        QString exactly;
        for (int i = 0; i < kPresenceNameCharacters; ++i)
            exactly += QChar(u'a' + i % 26);
        QTest::newRow("name exactly at the limit")
            << L{{exactly, false}} << iso(exactly) + QStringLiteral(" is viewing");
    }
    void sentence()
    {
        QFETCH(QList<PresenceEntry>, entries);
        QFETCH(QString, expected);
        Presence presence;
        for (const PresenceEntry& e : entries)
            presence.add(QStringLiteral("conv_1"), e.operatorName, e.typing);
        QCOMPARE(presenceText(presence.of(QStringLiteral("conv_1"))), expected);
    }

    // Typing first, then by name; one entry per name, typing winning; the same operators in any
    // order compare equal, and only conversations whose operators changed are reported.
    void presence_ordersMergesAndComparesByConversation()
    {
        Presence a;
        a.add(QStringLiteral("c1"), QStringLiteral("Dora"), false);
        a.add(QStringLiteral("c1"), QStringLiteral("ana"), false);
        a.add(QStringLiteral("c1"), QStringLiteral("Bea"), true);
        a.add(QStringLiteral("c1"), QStringLiteral("Dora"), true);
        a.add(QStringLiteral("c1"), QStringLiteral("Bea"), false);
        a.add(QStringLiteral("c2"), QStringLiteral("Carla"), false);
        a.add(QString(), QStringLiteral("Nobody"), false);
        const QList<PresenceEntry> c1{
            {QStringLiteral("Bea"), true}, {QStringLiteral("Dora"), true}, {QStringLiteral("ana"), false}};
        QCOMPARE(a.of(QStringLiteral("c1")), c1);
        QCOMPARE(a.conversations().size(), 2);

        Presence b;
        b.add(QStringLiteral("c2"), QStringLiteral("Carla"), false);
        b.add(QStringLiteral("c1"), QStringLiteral("ana"), false);
        b.add(QStringLiteral("c1"), QStringLiteral("Dora"), true);
        b.add(QStringLiteral("c1"), QStringLiteral("Bea"), true);
        QVERIFY(a == b);
        QCOMPARE(Presence::changedBetween(a, b), QStringList());

        b.add(QStringLiteral("c3"), QStringLiteral("Eve"), false);
        b.add(QStringLiteral("c2"), QStringLiteral("Carla"), true);
        QStringList changed = Presence::changedBetween(a, b);
        changed.sort();
        QCOMPARE(changed, (QStringList{QStringLiteral("c2"), QStringLiteral("c3")}));
        QCOMPARE(Presence::changedBetween(a, Presence()).size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_PresenceText)
#include "tst_presencetext.moc"
