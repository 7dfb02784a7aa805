// SPDX-License-Identifier: Apache-2.0
#include "windowinstance.h"

#include "activationtoken.h"
#include "desktoplog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

#include <unistd.h>

namespace zapito {

namespace {
const QByteArray kActivate = QByteArrayLiteral("activate");
const QByteArray kActivated = QByteArrayLiteral("activated\n");
constexpr int kRetryMs = 100;
constexpr qint64 kMaxRequest = 1024;

// The same database however it was named (relative path, symlink); a PostgreSQL URL as given.
QString databaseKey(const QString& database)
{
    if (database.contains(QLatin1String("://")))
        return database;
    const QFileInfo file(database);
    const QString canonical = file.canonicalFilePath();
    return canonical.isEmpty() ? file.absoluteFilePath() : canonical;
}

// The user's runtime folder (0700, per session) where there is one, else the temporary folder,
// where the user id in the name keeps users apart and the socket is the owner's only.
QString runtimeFolder()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir())
        return runtime;
    return QDir::tempPath();
}

bool ownedByUs(const QString& path)
{
    return QFileInfo(path).ownerId() == ::getuid();
}

QString baseName(const QString& database)
{
    // A hash, not the path: a URL may carry a password, and socket paths are short.
    const QByteArray hash =
        QCryptographicHash::hash(databaseKey(database).toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("zapito-inbox-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}
} // namespace

WindowInstance::WindowInstance(const QString& database, QObject* parent)
    : QObject(parent)
    , m_serverName(serverName(database))
    , m_lock(lockPath(database))
{
    m_lock.setStaleLockTime(0); // only a dead owner makes it stale, never its age
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(kHandOffTimeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCDebug(lcDesktop) << "the running window did not answer";
        finishHandOff(false);
    });
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, [this] { connectToFirst(); });
}

WindowInstance::~WindowInstance() = default;

QString WindowInstance::serverName(const QString& database)
{
    return QDir(runtimeFolder()).filePath(baseName(database) + QStringLiteral(".socket"));
}

QString WindowInstance::lockPath(const QString& database)
{
    return QDir(runtimeFolder()).filePath(baseName(database) + QStringLiteral(".lock"));
}

WindowInstance::Claim WindowInstance::claim()
{
    if (m_lock.tryLock(0)) {
        listen();
        return Claim::First;
    }
    // In a shared temporary folder another user could have made the lock (and the socket) to
    // turn our launches away: only ours count.
    if (m_lock.error() == QLockFile::LockFailedError && ownedByUs(m_lock.fileName()))
        return Claim::Second;
    qCWarning(lcDesktop) << "cannot tell whether another window is open:" << m_lock.fileName();
    return Claim::Failed;
}

void WindowInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // Holding the lock means no live window owns the name: whatever socket is there was left
    // by one that died.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName)) {
        qCWarning(lcDesktop) << "a second launch cannot reach this window:" << m_server->errorString();
        return;
    }
    qCDebug(lcDesktop) << "listening for launches at" << m_serverName;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* peer = m_server->nextPendingConnection()) {
            connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
            connect(peer, &QLocalSocket::readyRead, peer, [this, peer] {
                if (!peer->canReadLine()) {
                    if (peer->bytesAvailable() > kMaxRequest)
                        peer->abort();
                    return;
                }
                // "activate", or "activate <the launcher's activation token>".
                const QByteArray line = peer->readLine(kMaxRequest).trimmed();
                const qsizetype space = line.indexOf(' ');
                if (line.left(space < 0 ? line.size() : space) == kActivate) {
                    const QString token = space < 0 ? QString() : QString::fromLatin1(line.mid(space + 1));
                    qCDebug(lcDesktop).noquote()
                        << "brought to the front by a second launch"
                        << (isActivationToken(token) ? "with an activation token" : "");
                    acceptActivationToken(token);
                    emit activationRequested();
                    peer->write(kActivated);
                }
                peer->disconnectFromServer();
            });
        }
    });
}

void WindowInstance::handOff()
{
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        // The token the desktop gave this launch lets the running window take the focus.
        const QString token = launchActivationToken();
        QByteArray request = kActivate;
        if (!token.isEmpty())
            request += ' ' + token.toLatin1();
        m_socket->write(request + '\n');
    });
    connect(m_socket, &QLocalSocket::readyRead, this, [this] {
        if (m_socket->canReadLine() && m_socket->readLine(kMaxRequest) == kActivated)
            finishHandOff(true);
    });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        // The first window holds the lock but may not listen yet (it is starting): try again.
        if (error == QLocalSocket::ServerNotFoundError || error == QLocalSocket::ConnectionRefusedError) {
            if (!m_finished)
                m_retry.start();
            return;
        }
        if (error != QLocalSocket::PeerClosedError)
            qCDebug(lcDesktop) << "cannot reach the running window:" << m_socket->errorString();
    });
    m_deadline.start();
    connectToFirst();
}

void WindowInstance::connectToFirst()
{
    if (QFileInfo::exists(m_serverName) && !ownedByUs(m_serverName)) {
        qCWarning(lcDesktop) << "the socket of the running window belongs to another user:" << m_serverName;
        finishHandOff(false);
        return;
    }
    m_socket->connectToServer(m_serverName);
}

void WindowInstance::finishHandOff(bool ok)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_retry.stop();
    if (m_socket)
        m_socket->abort();
    emit handOffFinished(ok);
}

} // namespace zapito
