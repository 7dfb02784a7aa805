// SPDX-License-Identifier: Apache-2.0
#include "botname.h"
#include "botsettings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;

// The bot's name as a setting: stored and read back through the settings file, cleaned to one
// line, unset shows the default, and a channel's name is taken only while none is set.
class tst_BotName : public QObject
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

    void freshSettings_isUnsetWithDefaultName()
    {
        BotSettings settings(file());
        BotName name(settings);
        QVERIFY(!name.isSet());
        QCOMPARE(name.name(), BotName::defaultName());
    }

    void set_roundTripsThroughTheSettingsFile()
    {
        {
            BotSettings settings(file());
            BotName name(settings);
            QSignalSpy changed(&name, &BotName::changed);
            name.set(QStringLiteral("Luna Café"));
            QCOMPARE(changed.size(), 1);
            QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("Luna Café"));
            name.set(QStringLiteral("Luna Café")); // the same name again changes nothing
            QCOMPARE(changed.size(), 1);
        }
        BotSettings reopened(file()); // as after a restart
        BotName again(reopened);
        QVERIFY(again.isSet());
        QCOMPARE(again.name(), QStringLiteral("Luna Café"));
        QCOMPARE(reopened.value(QLatin1String(BotName::kSettingKey)).toString(), QStringLiteral("Luna Café"));
    }

    void set_empty_unsetsAndAnnouncesTheDefault()
    {
        BotSettings settings(file());
        BotName name(settings);
        name.set(QStringLiteral("Luna Café"));
        QSignalSpy changed(&name, &BotName::changed);
        name.set(QStringLiteral("   "));
        QVERIFY(!name.isSet());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), BotName::defaultName());
    }

    void setFromChannel_takesItOnlyWhenUnset_data()
    {
        QTest::addColumn<QString>("before"); // empty: unset
        QTest::addColumn<QString>("fromChannel");
        QTest::addColumn<bool>("taken");
        QTest::addColumn<QString>("after");
        QTest::newRow("unset-takes-telegram-name") << ""
                                                   << "Luna Café Bot" << true << "Luna Café Bot";
        QTest::newRow("operator-choice-kept") << "Luna Café"
                                              << "luna_cafe_bot" << false << "Luna Café";
        QTest::newRow("empty-offer-ignored") << ""
                                             << "  " << false << QString(BotName::defaultName());
    }
    void setFromChannel_takesItOnlyWhenUnset()
    {
        QFETCH(QString, before);
        QFETCH(QString, fromChannel);
        QFETCH(bool, taken);
        QFETCH(QString, after);
        BotSettings settings(file());
        BotName name(settings);
        name.set(before);
        QSignalSpy changed(&name, &BotName::changed);
        QCOMPARE(name.setFromChannel(fromChannel), taken);
        QCOMPARE(name.name(), after);
        QCOMPARE(changed.size(), taken ? 1 : 0);
    }

    void setFromChannel_laterConnectKeepsTheFirstName()
    {
        BotSettings settings(file());
        BotName name(settings);
        QVERIFY(name.setFromChannel(QStringLiteral("Luna Café Bot")));
        QVERIFY(!name.setFromChannel(QStringLiteral("Renamed Bot")));
        QCOMPARE(name.name(), QStringLiteral("Luna Café Bot"));
    }

    void twoInstancesOverOneSettings_agree()
    {
        BotSettings settings(file());
        BotName page(settings); // Settings → Bot's own
        BotName app(settings);  // the composition root's, which renames the store's bot
        QSignalSpy appChanged(&app, &BotName::changed);
        page.set(QStringLiteral("Luna Café"));
        QCOMPARE(appChanged.size(), 1);
        QCOMPARE(appChanged.at(0).at(0).toString(), QStringLiteral("Luna Café"));
        QVERIFY(!app.setFromChannel(QStringLiteral("telegram_name_bot")));
    }

    void cleaned_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("stored");
        QTest::newRow("spaces-collapsed") << "  Luna \t Café  "
                                          << "Luna Café";
        QTest::newRow("newline-becomes-space") << "Luna\nCafé"
                                               << "Luna Café";
        QTest::newRow("escape-dropped") << "Luna\x1b[31mCafé"
                                        << "Luna [31mCafé";
        QTest::newRow("line-separator") << QString::fromUtf8("Luna\u2028Café") << "Luna Café";
        QTest::newRow("long-cut-at-64") << QString(70, u'x') << QString(64, u'x');
        QTest::newRow("emoji-kept") << QString::fromUtf8("Luna ☕ 🤖")
                                    << QString::fromUtf8("Luna ☕ 🤖");
    }
    void cleaned()
    {
        QFETCH(QString, given);
        QFETCH(QString, stored);
        QCOMPARE(BotName::cleaned(given), stored);
    }

    void problem_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<bool>("refused");
        QTest::newRow("plain") << "Luna Café" << false;
        QTest::newRow("spaces-trimmed") << "  Luna  Café " << false;
        QTest::newRow("too-long") << QString(65, u'x') << true;
        QTest::newRow("control-character") << "Luna\x07" << true;
    }
    void problem()
    {
        QFETCH(QString, given);
        QFETCH(bool, refused);
        QCOMPARE(!BotName::problem(given).isEmpty(), refused);
    }
};

QTEST_GUILESS_MAIN(tst_BotName)
#include "tst_botname.moc"
