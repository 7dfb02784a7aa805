// SPDX-License-Identifier: Apache-2.0
// Not a test: a seat in a process of its own for tst_presence. It opens the store as the window
// does, says which conversation its operator views (and, with --typing, keeps typing there), and
// runs until it is killed:
//
//   zapito_presence_peer --database URL --operator NAME --view CONVERSATION [--typing]
//                        [--heartbeat-ms N]
#include "appidentity.h"
#include "inboxservices.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace zapito;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("The store."),
                                      QStringLiteral("path or URL"));
    const QCommandLineOption name(QStringLiteral("operator"), QStringLiteral("The operator's name."),
                                  QStringLiteral("name"));
    const QCommandLineOption view(QStringLiteral("view"), QStringLiteral("The conversation viewed."),
                                  QStringLiteral("id"));
    const QCommandLineOption typing(QStringLiteral("typing"), QStringLiteral("Keep typing there."));
    const QCommandLineOption heartbeat(QStringLiteral("heartbeat-ms"), QStringLiteral("The heartbeat."),
                                       QStringLiteral("ms"), QStringLiteral("3000"));
    parser.addOptions({database, name, view, typing, heartbeat});
    parser.process(app);

    SeatTimings timings;
    timings.heartbeat = std::chrono::milliseconds(parser.value(heartbeat).toInt());
    DatabaseOpenError error;
    auto services =
        InboxServices::create(parser.value(database), &error, nullptr, Leadership::Mode::Window, timings);
    if (!services) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    services->presence().setOperatorName(parser.value(name));
    services->presence().setViewing(parser.value(view));
    QTimer keys;
    if (parser.isSet(typing)) {
        keys.setInterval(timings.typingThrottle / 4);
        QObject::connect(&keys, &QTimer::timeout, &app, [&services] { services->presence().typed(); });
        keys.start();
        services->presence().typed();
    }
    return app.exec();
}
