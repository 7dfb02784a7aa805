// SPDX-License-Identifier: Apache-2.0
// What the customer reads before anyone edits it (the handoff message, the fallback reply, the
// model's instructions, the bot's name) comes from the translation of the first run and is a
// setting from then on: a later run in another language, a headless service started with
// LANG=C, says the same words.
#include "botconfig.h"
#include "botname.h"
#include "botsettings.h"

#include <QCoreApplication>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace zapito;

namespace {
// Brazilian Portuguese for the first-run defaults, as the pt_BR catalogue says them.
class PortugueseDefaults final : public QTranslator
{
public:
    QString translate(const char* context, const char* source, const char* = nullptr, int = -1) const override
    {
        static const QHash<QString, QString> words = {
            {QStringLiteral("Connecting you with a team member right away."),
             QStringLiteral("Vou te passar para alguém da equipe agora mesmo.")},
            {QStringLiteral("Thanks for your message! I don't have an answer to that here."),
             QStringLiteral("Obrigado pela mensagem! Não tenho uma resposta para isso aqui.")},
            {QStringLiteral("Thanks for your message! I don't have an answer to that here; "
                            "say \"%1\" to talk to a person."),
             QStringLiteral("Obrigado pela mensagem! Não tenho uma resposta para isso aqui; "
                            "diga \"%1\" para falar com uma pessoa.")},
            {QStringLiteral("My bot"), QStringLiteral("Meu robô")},
        };
        const QString key = QString::fromUtf8(source);
        if (QByteArray(context).startsWith("zapito::") && words.contains(key))
            return words.value(key);
        if (QByteArray(context) == "zapito::BotSettings" && key.startsWith(QStringLiteral("You are")))
            return QStringLiteral("Você é um atendente simpático. Responda em poucas palavras.");
        return {};
    }
    bool isEmpty() const override { return false; }
};
} // namespace

class tst_FirstRunDefaults : public QObject
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

    void firstRunInPortuguese_storesPortugueseDefaults_laterRunsKeepThem()
    {
        {
            PortugueseDefaults portuguese;
            QVERIFY(QCoreApplication::installTranslator(&portuguese));
            BotSettings settings(file());
            QVERIFY(settings.storeFirstRunDefaults());
            QCoreApplication::removeTranslator(&portuguese);
        }
        // A later run without the translation (LANG=C): the first run's words are settings.
        BotSettings settings(file());
        QVERIFY(!settings.storeFirstRunDefaults()); // nothing left to store
        const BotConfig config = settings.config();
        QCOMPARE(config.effectiveHandoffMessage(),
                 QStringLiteral("Vou te passar para alguém da equipe agora mesmo."));
        QVERIFY(config.instructions.startsWith(QStringLiteral("Você é")));
        // The automatic fallback in Portuguese, still naming a handoff word only when the flow has one.
        QCOMPARE(
            config.effectiveFallbackReply(),
            QStringLiteral("Obrigado pela mensagem! Não tenho uma resposta para isso aqui; diga \"human\" "
                           "para falar com uma pessoa."));
        BotConfig noHandoff = config;
        noHandoff.rules.clear();
        QCOMPARE(noHandoff.effectiveFallbackReply(),
                 QStringLiteral("Obrigado pela mensagem! Não tenho uma resposta para isso aqui."));
        // The bot's default name too, while the operator has chosen none (so a channel's name
        // can still fill it).
        BotName name(settings);
        QVERIFY(!name.isSet());
        QCOMPARE(name.name(), QStringLiteral("Meu robô"));
        QVERIFY(name.setFromChannel(QStringLiteral("Luna Café")));
        QCOMPARE(name.name(), QStringLiteral("Luna Café"));
    }

    void storedSetting_isNeverOverwritten()
    {
        {
            BotSettings settings(file());
            BotConfig config = settings.config();
            config.handoffMessage = QStringLiteral("Hold on, a person is coming.");
            settings.setConfig(config);
        }
        PortugueseDefaults portuguese;
        QVERIFY(QCoreApplication::installTranslator(&portuguese));
        BotSettings settings(file());
        settings.storeFirstRunDefaults();
        QCoreApplication::removeTranslator(&portuguese);
        QCOMPARE(settings.config().handoffMessage, QStringLiteral("Hold on, a person is coming."));
        // What was not stored yet is the first run's language.
        BotName name(settings);
        QCOMPARE(name.name(), QStringLiteral("Meu robô"));
    }

    void firstRunInEnglish_storesTheEnglishDefaults()
    {
        BotSettings settings(file());
        QVERIFY(settings.storeFirstRunDefaults());
        const BotConfig config = settings.config();
        QCOMPARE(config.effectiveHandoffMessage(), defaultHandoffMessage());
        QCOMPARE(config.instructions, BotConfig().instructions);
        QCOMPARE(config.effectiveFallbackReply(), BotConfig().effectiveFallbackReply());
        QCOMPARE(BotName(settings).name(), BotName::defaultName());
    }
};

QTEST_GUILESS_MAIN(tst_FirstRunDefaults)
#include "tst_firstrundefaults.moc"
