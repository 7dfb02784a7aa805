// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace zapito::test {

// The built zapito-inbox binary as a real child process, with its settings, data folder and
// 0600 secrets file in a temporary home of its own (no DBus session, so no keychain is asked;
// no display; English messages). run() waits for the end with the event loop running, so the local servers
// of the test keep answering the child meanwhile.
class CliProcess
{
public:
    struct Result
    {
        bool finished = false; // false: still running at the deadline (it was killed)
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    explicit CliProcess(QString binary);

    QString home() const { return m_home.path(); }
    QProcessEnvironment environment() const;

    Result run(const QStringList& arguments, const QByteArray& input = {}, int timeoutMs = 60'000) const;
    // Starts it and leaves it running (the window, --headless); the caller ends it.
    std::unique_ptr<QProcess> start(const QStringList& arguments) const;

private:
    QString m_binary;
    QTemporaryDir m_home;
};

} // namespace zapito::test
