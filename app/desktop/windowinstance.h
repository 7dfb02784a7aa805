// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace zapito {

// One inbox window per user and database: the first launch holds a lock file and listens on a
// local socket named after both; a second launch finds the lock held, asks the first over the
// socket to come to the front and ends. The lock (QLockFile: released by the kernel when its
// process dies, taken over when its pid is gone) says who is first, so a crashed window's
// leftover socket never turns a launch away.
class WindowInstance final : public QObject
{
    Q_OBJECT
public:
    enum class Claim
    {
        First,  // this process shows the window; activationRequested() when another launch asks
        Second, // another window runs: handOff() to it
        Failed, // neither (the runtime folder is unusable): show the window anyway
    };

    static constexpr int kHandOffTimeoutMs = 5000;

    // `database` is the path or URL as given; only a hash of it ends up in the names.
    explicit WindowInstance(const QString& database, QObject* parent = nullptr);
    ~WindowInstance() override;
    Q_DISABLE_COPY_MOVE(WindowInstance)

    // The socket's name and the lock's path, from the user, the database and the runtime folder.
    static QString serverName(const QString& database);
    static QString lockPath(const QString& database);

    [[nodiscard]] Claim claim();
    // Asks the first window to come to the front; handOffFinished(true) once it said so, false
    // when it cannot be reached within kHandOffTimeoutMs.
    void handOff();

signals:
    void activationRequested();
    void handOffFinished(bool ok);

private:
    void listen();
    void connectToFirst();
    void finishHandOff(bool ok);

    const QString m_serverName;
    QLockFile m_lock;
    QLocalServer* m_server = nullptr;
    QLocalSocket* m_socket = nullptr;
    QTimer m_deadline;
    QTimer m_retry;
    bool m_finished = false;
};

} // namespace zapito
