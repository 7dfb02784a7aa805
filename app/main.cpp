// Wires the layers together and starts the window; everything else lives in the libraries.
#include "appidentity.h"
#include "appoptions.h"
#include "commandlinetool.h"
#include "database.h"
#include "inboxservices.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    // Command-line tools (verify-signature, settings, list, …) need no window.
    if (zapito::cli::isCommand(argc, argv))
        return zapito::cli::runCommand(argc, argv);

    QApplication app(argc, argv);
    zapito::setApplicationIdentity();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Zapito Inbox"));
    QGuiApplication::setDesktopFileName(QStringLiteral("app.zapito.Inbox"));

    QCommandLineParser parser;
    const zapito::cli::AppOptions options;
    zapito::cli::describe(parser, options);
    parser.process(app);

    zapito::DatabaseOpenError error;
    auto services = zapito::InboxServices::create(parser.value(options.database), &error);
    if (!services) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Cannot open the inbox"),
                              error.message);
        return 1;
    }

    zapito::MainWindow window(*services);
    window.show();
    return app.exec();
}
