// SPDX-License-Identifier: Apache-2.0
#include "testeventcommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "commandsettings.h"
#include "database.h"
#include "deliverystore.h"
#include "secretstore.h"
#include "terminaltext.h"
#include "untrustedtext.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrl>

namespace zapito::cli {

namespace {

void print(const TestEventResult& result)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (result.httpStatus > 0)
        out << tr("HTTP %1 in %2 ms").arg(result.httpStatus).arg(result.latencyMs) << Qt::endl;
    if (!result.bodyExcerpt.isEmpty()) {
        // Whatever the endpoint answered is untrusted: printed without its control characters.
        out << tr("Answer (first %1 bytes):").arg(WebhookDispatcher::kExcerptBytes) << Qt::endl;
        const QString body = terminalText(result.bodyExcerpt);
        out << body;
        if (!body.endsWith(u'\n'))
            out << Qt::endl;
    }
    if (!result.ok()) {
        const QString why = result.error.isEmpty() ? tr("HTTP %1").arg(result.httpStatus)
                                                   : isolated(terminalText(result.error));
        if (result.httpStatus > 0)
            err << tr("The test event failed: %1").arg(why) << Qt::endl;
        else
            err << tr("The test event failed after %1 ms: %2").arg(result.latencyMs).arg(why) << Qt::endl;
    }
    out.flush();
}

} // namespace

int runTestEvent(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Posts a sample lead (reason \"test\") to the webhook endpoint, signed with the signing secret, "
           "exactly as Settings → Integrations → Send test event does, and prints the HTTP status, the "
           "latency and the first 1 KB of the answer, or the error. The secret is never printed.\n"
           "Exit code: 0 on a 2xx answer, 1 otherwise, 2 when no endpoint or secret is configured."));
    parser.addHelpOption();
    parser.addOption(databaseOption());
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    if (!parser.positionalArguments().isEmpty()) { // parse() takes arguments[0] as the program name
        err << tr("Usage: zapito-inbox test-event") << Qt::endl;
        return 2;
    }

    // The endpoint and switch are the inbox's (read-only: the command never creates or upgrades it).
    const auto shared = openCommandSettings(parser.value(QStringLiteral("database")), false);
    if (!shared)
        return 1;
    SecretStore secrets;
    WebhookSettings settings(secrets, {}, shared->shared.get(), nullptr);
    const QString endpoint = settings.endpoint().trimmed();
    if (endpoint.isEmpty()) {
        err << tr("No webhook endpoint is configured. Set one in Settings → Integrations or with: "
                  "zapito-inbox settings set webhook.endpoint URL")
            << Qt::endl;
        return 2;
    }
    if (const QString why = WebhookSettings::endpointProblem(endpoint); !why.isEmpty()) {
        err << tr("The configured webhook endpoint cannot be used: %1").arg(why) << Qt::endl;
        return 2;
    }
    if (!settings.isEnabled())
        err << tr("Note: the webhook is switched off, so handoffs are not delivered; the test event is "
                  "sent anyway.")
            << Qt::endl;
    // The dispatcher is the one the app delivers with. It keeps deliveries in a store, but a test
    // event records nothing, so it gets an empty scratch one: the inbox is only read for the
    // settings, and the command works beside a running app and before the app ever ran.
    QTemporaryDir scratch;
    Database::Options scratchOptions;
    scratchOptions.takeInstanceLock = false;
    DatabaseOpenError scratchError;
    auto db = scratch.isValid() ? Database::open(scratch.filePath(QStringLiteral("test-event.sqlite")),
                                                 scratchOptions, &scratchError)
                                : nullptr;
    if (!db) {
        err << tr("A scratch database for the test event could not be made: %1")
                   .arg(scratch.isValid() ? scratchError.message : scratch.errorString())
            << Qt::endl;
        return 1;
    }
    DeliveryStore deliveries(*db);
    WebhookDispatcher dispatcher(deliveries, settings);
    QObject::connect(&dispatcher, &WebhookDispatcher::testEventFinished, &dispatcher,
                     [](const TestEventResult& result) {
                         print(result);
                         QCoreApplication::exit(result.ok() ? 0 : 1);
                     });

    // Read first so a missing secret is named as missing configuration (exit 2), then the very
    // call the Integrations page makes with its form's endpoint and secret.
    settings.readSecret([&dispatcher, endpoint](std::optional<QString> secret, const QString& error) {
        QTextStream err(stderr);
        if (!error.isEmpty()) {
            err << tr("The signing secret could not be read: %1").arg(error) << Qt::endl;
            QCoreApplication::exit(1);
            return;
        }
        if (!secret || secret->isEmpty()) {
            err << tr("No signing secret is configured, and nothing is ever sent unsigned. Generate one in "
                      "Settings → Integrations or give one on standard input to: "
                      "zapito-inbox settings set webhook.signing_secret")
                << Qt::endl;
            QCoreApplication::exit(2);
            return;
        }
        QTextStream(stdout) << tr("Posting a test event to %1 …")
                                   .arg(terminalText(QUrl(endpoint).toDisplayString(QUrl::RemoveUserInfo)))
                            << Qt::endl;
        dispatcher.sendTestEvent(endpoint, *secret);
    });
    return QCoreApplication::exec();
}

} // namespace zapito::cli
