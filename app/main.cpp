// Wires the layers together and starts the window; everything else lives in the libraries.
#include "database.h"
#include "inboxservices.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("zapito"));
    QCoreApplication::setApplicationName(QStringLiteral("zapito-inbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ZAPITO_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Zapito Inbox"));
    QGuiApplication::setDesktopFileName(QStringLiteral("app.zapito.Inbox"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Triage the conversations your support bot hands to a human."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QCoreApplication::translate("main", "Use the SQLite database at <file> instead of the default."),
        QCoreApplication::translate("main", "file"), zapito::Database::defaultPath());
    parser.addOption(databaseOption);
    parser.process(app);

    zapito::DatabaseOpenError error;
    auto services = zapito::InboxServices::create(parser.value(databaseOption), &error);
    if (!services) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Cannot open the inbox"), error.message);
        return 1;
    }

    zapito::MainWindow window(*services);
    window.show();
    return app.exec();
}
