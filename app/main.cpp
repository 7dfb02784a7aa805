// SPDX-License-Identifier: Apache-2.0
// Wires the layers together and starts the window; everything else lives in the libraries.
#include "appidentity.h"
#include "appoptions.h"
#include "commandlinetool.h"
#include "database.h"
#include "headless.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "sampledata.h"
#include "translations.h"
#include "windowinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    // Command-line tools (verify-signature, settings, list, …) need no window.
    if (zapito::cli::isCommand(argc, argv))
        return zapito::cli::runCommand(argc, argv);
    // Always-on machines: the same services, no window.
    if (zapito::cli::isHeadless(argc, argv))
        return zapito::cli::runHeadless(argc, argv);

    QApplication app(argc, argv);
    zapito::setApplicationIdentity();
    zapito::installTranslations(); // the system locale's, before any text is made
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Zapito Inbox"));
    QGuiApplication::setDesktopFileName(QStringLiteral("app.zapito.Inbox"));
    QGuiApplication::setWindowIcon(QIcon::fromTheme(
        QStringLiteral("app.zapito.Inbox"), QIcon(QStringLiteral(":/icons/app/app.zapito.Inbox.svg"))));

    QCommandLineParser parser;
    const zapito::cli::AppOptions options;
    zapito::cli::describe(parser, options);
    parser.process(app);

    // One window per user and database: a second launch brings the running one to the front
    // and ends. If that window does not answer, this launch opens a window of its own (a seat).
    const QString database = parser.value(options.database);
    zapito::WindowInstance instance(database);
    if (instance.claim() == zapito::WindowInstance::Claim::Second) {
        QObject::connect(&instance, &zapito::WindowInstance::handOffFinished, &app,
                         [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        instance.handOff();
        if (app.exec() == 0)
            return 0;
    }

    zapito::DatabaseOpenError error;
    auto services = zapito::InboxServices::create(database, &error);
    if (!services) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Cannot open the inbox"),
                              error.message);
        return 1;
    }

    if (parser.isSet(options.demo)) {
        auto bot = services->store().ensureBot(QCoreApplication::translate("main", "My bot"));
        const zapito::Status loaded = bot ? zapito::loadSampleConversations(services->store(), *bot)
                                          : zapito::Status::failure(bot.error());
        if (!loaded)
            QMessageBox::warning(nullptr, QCoreApplication::translate("main", "Cannot load the samples"),
                                 loaded.error());
    }

    zapito::MainWindow window(*services);
    QObject::connect(&instance, &zapito::WindowInstance::activationRequested, &window,
                     &zapito::MainWindow::bringToFront);
    window.show();
    return app.exec();
}
