// SPDX-License-Identifier: Apache-2.0
#include "savedreplies.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;

// Saved replies as a setting: stored and read back through the settings file, names cleaned
// to what may follow a "/", and the order the reply box lists them in.
class tst_SavedReplies : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString file() const { return m_dir->filePath(QStringLiteral("zapito-inbox.conf")); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void fresh_isEmpty() { QVERIFY(SavedReplies(file()).list().isEmpty()); }

    void stored_isReadBackByAnother()
    {
        const QList<SavedReply> replies{{QStringLiteral("hours"), QStringLiteral("We open at 8.\nSee you!")},
                                        {QStringLiteral("olá"), QStringLiteral("Olá! Como posso ajudar?")}};
        SavedReplies writer(file());
        QSignalSpy changed(&writer, &SavedReplies::changed);
        writer.setList(replies);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(SavedReplies(file()).list(), replies);
    }

    void emptyAndRepeated_areDropped()
    {
        SavedReplies replies(file());
        replies.setList({{QStringLiteral("hours"), QStringLiteral("8 to 18")},
                         {QString(), QStringLiteral("no name")},
                         {QStringLiteral("blank"), QStringLiteral("  \n")},
                         {QStringLiteral("HOURS"), QStringLiteral("the same name again")}});
        QCOMPARE(replies.list(), (QList<SavedReply>{{QStringLiteral("hours"), QStringLiteral("8 to 18")}}));
    }

    void cleanedName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("cleaned");
        QTest::newRow("plain") << QStringLiteral("hours") << QStringLiteral("hours");
        QTest::newRow("spaces") << QStringLiteral("  opening   times ") << QStringLiteral("opening-times");
        QTest::newRow("slash-and-punctuation") << QStringLiteral("/refund?!") << QStringLiteral("refund");
        QTest::newRow("accents") << QStringLiteral("horário") << QStringLiteral("horário");
        QTest::newRow("underscore-dash") << QStringLiteral("a_b-c") << QStringLiteral("a_b-c");
        QTest::newRow("newline") << QStringLiteral("two\nlines") << QStringLiteral("two-lines");
        QTest::newRow("too-long") << QString(40, u'x') << QString(SavedReplies::kMaxNameLength, u'x');
        QTest::newRow("nothing-left") << QStringLiteral("?!") << QString();
    }
    void cleanedName()
    {
        QFETCH(QString, name);
        QFETCH(QString, cleaned);
        QCOMPARE(SavedReplies::cleanedName(name), cleaned);
    }

    void matching_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("everything") << QString() << QStringList{"hours", "refund", "shipping-hours"};
        QTest::newRow("exact") << QStringLiteral("refund") << QStringList{"refund"};
        QTest::newRow("prefix-first-then-inside")
            << QStringLiteral("h") << QStringList{"hours", "shipping-hours"};
        QTest::newRow("inside") << QStringLiteral("ours") << QStringList{"hours", "shipping-hours"};
        QTest::newRow("ignores-case") << QStringLiteral("REF") << QStringList{"refund"};
        QTest::newRow("none") << QStringLiteral("zzz") << QStringList{};
    }
    void matching()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, names);
        const QList<SavedReply> all{{QStringLiteral("hours"), QStringLiteral("a")},
                                    {QStringLiteral("refund"), QStringLiteral("b")},
                                    {QStringLiteral("shipping-hours"), QStringLiteral("c")}};
        QStringList got;
        for (const SavedReply& reply : SavedReplies::matching(all, typed))
            got << reply.name;
        QCOMPARE(got, names);
    }
};

QTEST_GUILESS_MAIN(tst_SavedReplies)
#include "tst_savedreplies.moc"
