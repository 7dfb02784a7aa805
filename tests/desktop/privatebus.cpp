// SPDX-License-Identifier: Apache-2.0
#include "privatebus.h"

#include <QFile>
#include <QSignalSpy>

namespace zapito::test {

namespace {
constexpr int kStartTimeoutMs = 10'000;
}

PrivateBus::PrivateBus()
{
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = file.errorString();
        return;
    }
    file.write(
        QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                       "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                       "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
                       "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                       "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
            .arg(m_dir.path())
            .toUtf8());
    file.close();
    QSignalSpy printed(&m_daemon, &QProcess::readyReadStandardOutput);
    m_daemon.start(QStringLiteral("dbus-daemon"),
                   {QStringLiteral("--config-file=") + config, QStringLiteral("--print-address"),
                    QStringLiteral("--nofork")});
    while (!m_daemon.canReadLine()) {
        if (m_daemon.state() == QProcess::NotRunning || !printed.wait(kStartTimeoutMs)) {
            m_error = QStringLiteral("dbus-daemon did not start: %1 %2")
                          .arg(m_daemon.errorString(), QString::fromUtf8(m_daemon.readAllStandardError()));
            return;
        }
    }
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
}

PrivateBus::~PrivateBus()
{
    for (const QString& name : std::as_const(m_names))
        QDBusConnection::disconnectFromBus(name);
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(5000))
            m_daemon.kill();
    }
}

QDBusConnection PrivateBus::connect(const QString& name)
{
    m_names.append(name);
    return QDBusConnection::connectToBus(m_address, name);
}

} // namespace zapito::test
