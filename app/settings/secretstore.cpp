// SPDX-License-Identifier: Apache-2.0
#include "secretstore.h"

#include "secretsfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <openssl/rand.h>
#include <qt6keychain/keychain.h>

#include <memory>

namespace zapito {

// Where secrets go is said by the dialog; here only on request (zapito.secrets.debug=true).
Q_LOGGING_CATEGORY(lcSecrets, "zapito.secrets", QtInfoMsg)

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString defaultFallbackFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("secrets.json"));
}

// Without a DBus session the Linux keychain backends cannot answer; asking would only wait.
bool keychainReachable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return true;
#endif
}

QThread* s_keychainThread = nullptr;

void stopKeychainThread()
{
    s_keychainThread->quit();
    // A thread stuck on a hung bus cannot be stopped; it is left to the end of the process
    // (destroying a running QThread would abort).
    if (s_keychainThread->wait(1000))
        delete s_keychainThread;
    s_keychainThread = nullptr;
}

// One thread for every QtKeychain job of the process: QtKeychain queues its jobs in a
// singleton that must stay on one living thread.
QThread* keychainThread()
{
    if (!s_keychainThread) {
        s_keychainThread = new QThread;
        s_keychainThread->setObjectName(QStringLiteral("zapito-keychain"));
        s_keychainThread->start();
        qAddPostRoutine(stopKeychainThread);
    }
    return s_keychainThread;
}

} // namespace

SecretStore::SecretStore(QObject* parent)
    : SecretStore(Backend::Automatic, {}, parent)
{}

SecretStore::SecretStore(Backend backend, const QString& fallbackFile, QObject* parent)
    : QObject(parent)
    , m_useFile(backend == Backend::FileOnly || !keychainReachable())
    , m_filePath(fallbackFile.isEmpty() ? defaultFallbackFile() : fallbackFile)
{
    if (m_useFile && backend == Backend::Automatic)
        qCDebug(lcSecrets) << "No DBus session: secrets are kept in" << m_filePath;
}

SecretStore::~SecretStore() = default;

QString SecretStore::storageDescription() const
{
    if (m_useFile)
        return tr("No system keychain is available, so secrets are kept in the file %1, readable only by "
                  "you (mode 0600).")
            .arg(QDir::toNativeSeparators(m_filePath));
    return tr("Secrets are kept in the system keychain (service \u201c%1\u201d).")
        .arg(QLatin1String(kServiceName));
}

QString SecretStore::generateSecret()
{
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return {};
    const QByteArray hex = QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex();
    OPENSSL_cleanse(bytes, sizeof bytes);
    return QString::fromLatin1(hex);
}

void SecretStore::read(const QString& key, ReadDone done)
{
    if (m_useFile)
        runFile(Op::Read, key, {}, done, {});
    else
        runKeychain(Op::Read, key, {}, std::move(done), {});
}

void SecretStore::write(const QString& key, const QString& value, WriteDone done)
{
    if (m_useFile)
        runFile(Op::Write, key, value, {}, done);
    else
        runKeychain(Op::Write, key, value, {}, std::move(done));
}

void SecretStore::remove(const QString& key, WriteDone done)
{
    if (m_useFile)
        runFile(Op::Remove, key, {}, {}, done);
    else
        runKeychain(Op::Remove, key, {}, {}, std::move(done));
}

void SecretStore::switchToFile(const QString& why)
{
    if (m_useFile)
        return;
    qCWarning(lcSecrets).noquote() << QStringLiteral(
                                          "The system keychain did not answer (%1); secrets are kept in %2")
                                          .arg(why, m_filePath);
    m_useFile = true;
    emit storageChanged();
}

void SecretStore::runKeychain(Op op, const QString& key, const QString& value, ReadDone readDone,
                              WriteDone writeDone)
{
    // QtKeychain talks to DBus synchronously in places; against a hung bus that blocks its
    // thread for good (measured: the caller's event loop never ran again). So the jobs live
    // on their own thread, and the timer here answers the caller if they do not.
    const quint64 id = ++m_lastRequest;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    m_pending.insert(id, Pending{op, key, value, std::move(readDone), std::move(writeDone), timer});
    connect(timer, &QTimer::timeout, this, [this, id] {
        if (!m_pending.contains(id))
            return;
        const Pending p = m_pending.take(id);
        p.timer->deleteLater();
        // A slow answer is not an absent keychain (KWallet's unlock prompt routinely takes
        // longer): the caller hears "not now" and asks again; the backend stays the keychain, so
        // no secret ever seems to vanish because the file does not have it.
        const QString error = tr("The system keychain did not answer within %1 s (it may be waiting to be "
                                 "unlocked); trying again later.")
                                  .arg(qMax<qint64>(1, m_keychainTimeout.count() / 1000));
        if (p.op == Op::Read)
            p.readDone(std::nullopt, error);
        else
            p.writeDone(error);
    });
    timer->start(m_keychainTimeout);

    QKeychain::Job* job = nullptr;
    const QString service = QLatin1String(kServiceName);
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Op::Write: {
        auto* write = new QKeychain::WritePasswordJob(service);
        write->setTextData(value);
        job = write;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text in QSettings
    job->setKey(key);
    job->moveToThread(keychainThread());

    // Runs on the keychain thread: copy the answer out and post it to the caller's thread
    // through the application object, which outlives this store; the store is looked up there.
    auto self = std::make_shared<QPointer<SecretStore>>(this);
    connect(
        job, &QKeychain::Job::finished, job,
        [self, id, op](QKeychain::Job* finished) {
            const int error = finished->error();
            const QString errorString = finished->errorString();
            QString text;
            if (op == Op::Read && error == QKeychain::NoError)
                text = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, id, error, errorString, text] {
                    if (SecretStore* store = self->data())
                        store->keychainAnswered(id, error, errorString, text);
                },
                Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    QMetaObject::invokeMethod(
        job, [job] { job->start(); }, Qt::QueuedConnection);
}

void SecretStore::keychainAnswered(quint64 id, int errorCode, const QString& errorString, const QString& text)
{
    if (!m_pending.contains(id))
        return; // the timeout answered already
    const Pending p = m_pending.take(id);
    p.timer->stop();
    p.timer->deleteLater();
    const auto error = static_cast<QKeychain::Error>(errorCode);
    // A keychain that answers it is not there (no backend, or a bus that is not running, which
    // says so at once with OtherError) means the file. One that is there but refuses
    // (AccessDenied…) is reported; one that is slow was answered by the timeout above.
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
        error == QKeychain::OtherError) {
        switchToFile(errorString);
        runFile(p.op, p.key, p.value, p.readDone, p.writeDone);
        return;
    }
    if (p.op == Op::Read) {
        if (error == QKeychain::NoError)
            p.readDone(text, {});
        else if (error == QKeychain::EntryNotFound)
            p.readDone(std::nullopt, {});
        else
            p.readDone(std::nullopt,
                       tr("The system keychain refused to read the secret: %1").arg(errorString));
        return;
    }
    if (error == QKeychain::NoError || (p.op == Op::Remove && error == QKeychain::EntryNotFound))
        p.writeDone({});
    else
        p.writeDone(tr("The system keychain refused to store the secret: %1").arg(errorString));
}

void SecretStore::runFile(Op op, const QString& key, const QString& value, const ReadDone& readDone,
                          const WriteDone& writeDone)
{
    // The work is small and done now; the answer still arrives later, like the keychain's.
    auto answer = [this](std::function<void()> call) {
        QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
    };

    QJsonObject secrets;
    QFile in(m_filePath);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly)) {
            const QString error = tr("Cannot read the secrets file %1: %2").arg(m_filePath, in.errorString());
            if (op == Op::Read)
                answer([readDone, error] { readDone(std::nullopt, error); });
            else
                answer([writeDone, error] { writeDone(error); });
            return;
        }
        QString jsonError;
        const std::optional<QJsonObject> stored = parseSecretsFile(in.readAll(), &jsonError);
        in.close();
        if (!stored) {
            // Reading it as empty would let the next write erase every other secret in it.
            const QString error = tr("The secrets file %1 is damaged (%2), so it is neither read nor "
                                     "written. Restore it from a "
                                     "backup, or remove it and enter the secrets again.")
                                      .arg(QDir::toNativeSeparators(m_filePath),
                                           !jsonError.isEmpty() ? jsonError : tr("not a JSON object"));
            if (op == Op::Read)
                answer([readDone, error] { readDone(std::nullopt, error); });
            else
                answer([writeDone, error] { writeDone(error); });
            return;
        }
        secrets = *stored;
    }

    if (op == Op::Read) {
        const QJsonValue stored = secrets.value(key);
        std::optional<QString> result;
        if (stored.isString())
            result = stored.toString();
        answer([readDone, result] { readDone(result, {}); });
        return;
    }

    if (op == Op::Write)
        secrets.insert(key, value);
    else if (!secrets.contains(key)) {
        answer([writeDone] { writeDone({}); });
        return;
    } else
        secrets.remove(key);

    QString error;
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath())) {
        error = tr("Cannot create the folder %1 for the secrets file.").arg(info.absolutePath());
    } else {
        QSaveFile out(m_filePath);
        // The temporary file gets the owner-only mode before any secret is written into it.
        if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(kOwnerOnly) ||
            out.write(QJsonDocument(secrets).toJson(QJsonDocument::Compact)) < 0 || !out.commit())
            error = tr("Cannot write the secrets file %1: %2").arg(m_filePath, out.errorString());
        else if (!QFile::setPermissions(m_filePath, kOwnerOnly))
            error = tr("Cannot make the secrets file %1 private to you.").arg(m_filePath);
    }
    answer([writeDone, error] { writeDone(error); });
}

} // namespace zapito
