// SPDX-License-Identifier: Apache-2.0
#include "headless.h"

#include "appidentity.h"
#include "appoptions.h"
#include "commandparsing.h"
#include "inboxservices.h"
#include "terminaltext.h"
#include "translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace zapito::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here; the event loop reads the byte and quits.
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

QString stateName(ConnectorStatus::State state)
{
    switch (state) {
    case ConnectorStatus::State::Off:
        return QStringLiteral("off");
    case ConnectorStatus::State::Connecting:
        return QStringLiteral("connecting");
    case ConnectorStatus::State::Connected:
        return QStringLiteral("connected");
    case ConnectorStatus::State::Problem:
        return QStringLiteral("problem");
    }
    return {};
}

} // namespace

bool isHeadless(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0)
            return true;
    }
    return false;
}

int runHeadless(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslations();
    QCommandLineParser parser;
    const AppOptions options;
    describe(parser, options);
    parser.process(app);

    QTextStream err(stderr);
    DatabaseOpenError error;
    // On a store another process leads, this one waits as a standby and takes over when it goes.
    auto services =
        InboxServices::create(parser.value(options.database), &error, nullptr, Leadership::Mode::Standby);
    if (!services) {
        err << error.message << Qt::endl;
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalPipe[1], &byte, 1);
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }

    ConnectorHub& hub = services->connectors();
    for (ChannelConnector* connector :
         {static_cast<ChannelConnector*>(&hub.telegram()), static_cast<ChannelConnector*>(&hub.whatsapp())}) {
        QObject::connect(connector, &ChannelConnector::statusChanged, &app,
                         [&err, name = connector->name()](const ConnectorStatus& status) {
                             err << name << ": " << stateName(status.state) << ": " << status.text
                                 << Qt::endl;
                         });
    }
    QObject::connect(&hub, &ConnectorHub::problem, &app, [&err](const QString& message) {
        err << "problem: " << terminalText(message) << Qt::endl;
    });
    QObject::connect(&services->engine(), &ConversationEngine::problem, &app,
                     [&err](const QString& conversationId, const QString& message) {
                         err << conversationId << ": " << terminalText(message) << Qt::endl;
                     });
    QObject::connect(&services->engine(), &ConversationEngine::handoffRecorded, &app,
                     [&err](qint64 eventId, const QString& conversationId) {
                         err << conversationId << ": " << tr("handed to a human (handoff %1)").arg(eventId)
                             << Qt::endl;
                     });
    Leadership& leadership = services->leadership();
    auto sayRole = [&err, &leadership](Leadership::Role role) {
        switch (role) {
        case Leadership::Role::Leader:
            err << tr("This process leads: it runs the channels, the bot and webhook delivery.") << Qt::endl;
            break;
        case Leadership::Role::Standby:
            err << tr("Another process leads this inbox; this one waits as a standby and takes over when it "
                      "goes.")
                << Qt::endl;
            break;
        case Leadership::Role::Seat:
            break; // the notice says why
        }
    };
    QObject::connect(&leadership, &Leadership::roleChanged, &app, sayRole);
    QObject::connect(&leadership, &Leadership::notice, &app,
                     [&err](const QString& text) { err << terminalText(text) << Qt::endl; });
    err << tr("Zapito Inbox is running without a window on %1; stop it with Ctrl+C.")
               .arg(services->database().path())
        << Qt::endl;
    sayRole(leadership.role());
    if (!leadership.ineligibleReason().isEmpty())
        err << terminalText(leadership.ineligibleReason()) << Qt::endl;
    return app.exec();
}

} // namespace zapito::cli
