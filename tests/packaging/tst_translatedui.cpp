// SPDX-License-Identifier: Apache-2.0
// A translated string in place: the empty inbox under a Brazilian locale speaks Portuguese.
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationstore.h"
#include "modelwait.h"
#include "testdatabase.h"
#include "translations.h"

#include <QApplication>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace zapito;

class tst_TranslatedUi : public QObject
{
    Q_OBJECT

    void removeAllTranslators()
    {
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
        for (QTranslator* t : translators) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

private slots:
    void cleanup() { removeAllTranslators(); }

    void emptyInbox_followsTheLocale_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("loadSamples");
        QTest::addColumn<QString>("connectChannel");
        QTest::newRow("english") << QLocale(QLocale::English, QLocale::UnitedStates)
                                 << QStringLiteral("Load sample conversations")
                                 << QStringLiteral("Connect a channel…");
        QTest::newRow("brazilian-portuguese")
            << QLocale(QLocale::Portuguese, QLocale::Brazil)
            << QStringLiteral("Carregar conversas de exemplo") << QStringLiteral("Conectar um canal…");
    }
    void emptyInbox_followsTheLocale()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, loadSamples);
        QFETCH(QString, connectChannel);
        installTranslations(locale);

        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        ConversationStore store(*db);
        ConversationListModel model(store);
        ConversationListPanel panel(model);
        panel.show();
        QVERIFY(test::waitForList(model)); // the empty state follows the first (empty) page

        auto* load = panel.findChild<QPushButton*>(QStringLiteral("loadSamplesButton"));
        auto* connect = panel.findChild<QPushButton*>(QStringLiteral("connectChannelButton"));
        QVERIFY(load);
        QVERIFY(connect);
        QCOMPARE(load->text(), loadSamples);
        QCOMPARE(connect->text(), connectChannel);
    }
};

QTEST_MAIN(tst_TranslatedUi)
#include "tst_translatedui.moc"
