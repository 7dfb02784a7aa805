// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"

#include <QSignalSpy>

namespace zapito::test {

CliProcess::CliProcess(QString binary)
    : m_binary(std::move(binary))
{}

QProcessEnvironment CliProcess::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain: the 0600 file
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // English messages whatever the machine's locale, so tests can read them.
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LANGUAGE"));
    return env;
}

CliProcess::Result CliProcess::run(const QStringList& arguments, const QByteArray& input, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_binary, arguments);
    if (!process.waitForStarted(30'000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    Result result;
    if (finished.isEmpty() && !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    } else {
        result.finished = true;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

std::unique_ptr<QProcess> CliProcess::start(const QStringList& arguments) const
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment());
    process->start(m_binary, arguments);
    return process;
}

} // namespace zapito::test
