// SPDX-License-Identifier: Apache-2.0
#include "replycommand.h"

#include "botname.h"
#include "channelregistry.h"
#include "channelsettings.h"
#include "channelstate.h"
#include "commanddatabase.h"
#include "commandparsing.h"
#include "commandsettings.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "leaderlock.h"
#include "operatorname.h"
#include "pipelinestore.h"
#include "ruleagent.h"
#include "secretstore.h"
#include "telegramchannel.h"
#include "terminaltext.h"
#include "untrustedtext.h"
#include "whatsappchannel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

namespace zapito::cli {

namespace {

// Past this the command stops waiting; the reply stays in the outbox and the app sends it when
// it next starts (sends the channels do not answer time out well before).
constexpr std::chrono::minutes kGiveUpAfter{2};

// How often the command looks whether the leader has sent the reply.
constexpr std::chrono::milliseconds kFollowInterval{250};

QString readReplyFromStdin()
{
    if (::isatty(STDIN_FILENO))
        QTextStream(stderr) << tr("Type the reply, then Ctrl+D on a line of its own:") << Qt::endl;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.readAll()).trimmed();
}

// Another process leads: the reply and its outbox row are written here in one transaction, the
// leader sees them through the change log and sends them; this command follows the message's
// send state until the leader has settled it.
int replyThroughLeader(ConversationStore& store, const Conversation& conversation, const QString& text)
{
    if (conversation.isSample) {
        QTextStream(stderr) << tr("This is a sample conversation: there is no customer to reply to.")
                            << Qt::endl;
        return 1;
    }
    PipelineStore pipeline(store);
    const auto recorded = pipeline.recordOperatorReply(conversation.id, text, systemOperatorName(),
                                                       QDateTime::currentMSecsSinceEpoch());
    if (!recorded) {
        QTextStream(stderr) << recorded.error() << Qt::endl;
        return 1;
    }
    const qint64 messageId = recorded->message.id;
    QTimer follow;
    follow.setInterval(kFollowInterval);
    QObject::connect(&follow, &QTimer::timeout, &follow, [&store, &conversation, messageId] {
        const auto message = store.message(messageId);
        if (!message)
            return; // a busy moment: look again
        if (message->sendState == SendState::Sent) {
            QTextStream(stdout) << tr("Sent to %1 through %2 (message %3).")
                                       .arg(terminalText(conversation.id), conversation.channel)
                                       .arg(messageId)
                                << Qt::endl;
            QCoreApplication::exit(0);
        } else if (message->sendState == SendState::Failed) {
            QTextStream(stderr)
                << tr("The reply was not sent: %1").arg(isolated(terminalText(message->sendError)))
                << Qt::endl;
            QCoreApplication::exit(1);
        }
    });
    follow.start();
    QTimer giveUp;
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &giveUp, [] {
        QTextStream(stderr) << tr("The leading process has not sent the reply yet; it stays queued and is "
                                  "sent by whichever process leads.")
                            << Qt::endl;
        QCoreApplication::exit(1);
    });
    giveUp.start(kGiveUpAfter);
    return QCoreApplication::exec();
}

} // namespace

int runReply(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Answers a customer as the operator: the text is read from standard input and sent through "
           "the conversation's channel (Telegram or WhatsApp), as a reply from the window would be. If the "
           "bot has the conversation, the operator takes it over. Exit code: 0 once the channel took the "
           "message, 1 when it could not be sent, 2 on a usage error.\n"
           "Example: echo \"Your table is ready.\" | zapito-inbox reply conv_…"));
    parser.addHelpOption();
    const QCommandLineOption database = databaseOption();
    parser.addOption(database);
    parser.addPositionalArgument(QStringLiteral("CONVERSATION_ID"), tr("The conversation, e.g. conv_…"));
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    const QStringList args = parser.positionalArguments(); // arguments[0] went as the program name
    if (args.size() != 1) {
        err << tr("Usage: echo TEXT | zapito-inbox reply CONVERSATION_ID") << Qt::endl;
        return 2;
    }
    const QString conversationId = args[0];
    const QString text = readReplyFromStdin();
    if (text.isEmpty()) {
        err << tr("The reply is empty: give its text on standard input, e.g. echo TEXT | zapito-inbox "
                  "reply %1")
                   .arg(terminalText(conversationId))
            << Qt::endl;
        return 2;
    }

    auto db = openDatabaseForCommand(parser.value(database), true);
    if (!db)
        return 1;
    ConversationStore store(*db);
    const auto conversation = store.conversation(conversationId);
    if (!conversation) {
        err << conversation.error() << Qt::endl;
        return 1;
    }
    const QString channelName = conversation->channel;
    if (channelName == QLatin1String("preview")) {
        err << tr("%1 is a preview chat conversation; answer it in the window (Tools → Preview chat).")
                   .arg(terminalText(conversationId))
            << Qt::endl;
        return 1;
    }
    // Another process leads (holds the leader lock): it sends the outbox.
    if (LeaderLock::isHeldByAnyone(*db))
        return replyThroughLeader(store, *conversation, text);
    const auto bot = store.ensureBot(BotName::defaultName());
    if (!bot) {
        err << bot.error() << Qt::endl;
        return 1;
    }

    // Only what sending needs: the conversation's channel, an engine on the same store, and no
    // agent at work (the engine is never started here, so nothing is decided).
    ChannelRegistry registry;
    RuleAgent idle;
    ConversationEngine engine(store, idle, registry, *bot);
    // A reply from here is tried twice within seconds and then reported; the app's longer retry
    // schedule is for messages nobody is waiting on. No outbox sweep either: other
    // conversations' messages are the app's to send.
    engine.outbound().setRetryDelays({std::chrono::seconds(2)});
    engine.outbound().setSweepInterval(std::chrono::hours(24));
    ChannelState state(*db);
    TelegramChannel telegram(state);
    WhatsAppChannel whatsapp;
    // The channels' configuration is the store's, as the leader's is.
    const auto shared = sharedSettingsFor(*db);
    if (!shared)
        return 1;
    ChannelSettings channelSettings({}, shared.get());
    SecretStore secrets;

    std::optional<qint64> replyId;
    QObject::connect(
        &engine, &ConversationEngine::outboundSettled, &engine,
        [&](const QString& settledConversation, qint64 messageId, bool sent, const QString& error) {
            if (!replyId || settledConversation != conversationId || messageId != *replyId)
                return; // an earlier queued message of this conversation went first
            if (sent) {
                QTextStream(stdout) << tr("Sent to %1 through %2 (message %3).")
                                           .arg(terminalText(conversationId), channelName)
                                           .arg(messageId)
                                    << Qt::endl;
                QCoreApplication::exit(0);
            } else {
                QTextStream(stderr) << tr("The reply was not sent: %1").arg(isolated(terminalText(error)))
                                    << Qt::endl;
                QCoreApplication::exit(1);
            }
        });

    auto replyNow = [&] {
        // A channel that is off or not set up would only store a reply that can never leave.
        for (ChannelConnector* connector :
             {static_cast<ChannelConnector*>(&telegram), static_cast<ChannelConnector*>(&whatsapp)}) {
            if (connector->name() == channelName && !connector->isConnected()) {
                QTextStream(stderr) << tr("The reply was not sent: %1 Nothing was stored.")
                                           .arg(isolated(terminalText(connector->status().text)))
                                    << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
        }
        const Status replied = engine.replyAsOperator(conversationId, text, systemOperatorName());
        if (!replied) {
            QTextStream(stderr) << replied.error() << Qt::endl;
            QCoreApplication::exit(1);
            return;
        }
        // The reply is the conversation's newest message: nobody leads (or this command would
        // have handed it over), so nothing else writes this conversation meanwhile.
        const auto last = store.lastMessages(conversationId, 1);
        if (!last || last->isEmpty() || last->constLast().role != MessageRole::Operator) {
            QTextStream(stderr) << tr("The reply was stored but cannot be followed; the app sends it when it "
                                      "next starts.")
                                << Qt::endl;
            QCoreApplication::exit(1);
            return;
        }
        replyId = last->constLast().id;
    };

    // Channel secrets come from the keychain asynchronously; the reply is queued once its
    // channel is configured, so the first attempt already has it.
    if (channelName == QLatin1String("telegram")) {
        secrets.read(QLatin1String(TelegramConfig::kSecretKey),
                     [&](std::optional<QString> token, const QString& error) {
                         if (!error.isEmpty()) {
                             QTextStream(stderr)
                                 << tr("The Telegram bot token could not be read: %1").arg(error) << Qt::endl;
                             QCoreApplication::exit(1);
                             return;
                         }
                         TelegramConfig config = channelSettings.telegram();
                         config.botToken = token.value_or(QString());
                         telegram.configure(config);
                         registry.add(&telegram);
                         replyNow();
                     });
    } else if (channelName == QLatin1String("whatsapp")) {
        secrets.read(QLatin1String(WhatsAppConfig::kAccessTokenKey), [&](std::optional<QString> token,
                                                                         const QString& error) {
            if (!error.isEmpty()) {
                QTextStream(stderr) << tr("The WhatsApp access token could not be read: %1").arg(error)
                                    << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            // Without the app secret nothing listens: this process only sends.
            WhatsAppConfig config = channelSettings.whatsapp();
            config.accessToken = token.value_or(QString());
            whatsapp.configure(config);
            registry.add(&whatsapp);
            replyNow();
        });
    } else {
        // The engine names the missing channel.
        QTimer::singleShot(0, &engine, replyNow);
    }

    QTimer giveUp;
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &engine, [] {
        QTextStream(stderr) << tr("The channel did not answer in time; the reply stays queued and the app "
                                  "sends it when it next starts.")
                            << Qt::endl;
        QCoreApplication::exit(1);
    });
    giveUp.start(kGiveUpAfter);
    return QCoreApplication::exec();
}

} // namespace zapito::cli
