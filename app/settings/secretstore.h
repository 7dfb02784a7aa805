// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

class QTimer;

namespace zapito {

// Where the app keeps secrets (the webhook signing secret, channel tokens, the model API key):
// the system keychain through QtKeychain (service "zapito-inbox"), or, where no keychain
// answers (a headless machine without a DBus session), a file with mode 0600 in the app's data
// folder. Every call is asynchronous and its callback runs later from the event loop, never
// inside the call. Secret values are never logged.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend
    {
        Automatic, // the keychain, falling back to the file when it does not answer
        FileOnly,  // always the file (tests, or a user who prefers it)
    };

    using ReadDone = std::function<void(std::optional<QString> value, QString error)>;
    using WriteDone = std::function<void(QString error)>; // empty error on success

    static constexpr const char* kServiceName = "zapito-inbox";

    explicit SecretStore(QObject* parent = nullptr);
    // `fallbackFile` empty means secrets.json in QStandardPaths::AppDataLocation.
    explicit SecretStore(Backend backend, const QString& fallbackFile = {}, QObject* parent = nullptr);
    ~SecretStore() override;
    Q_DISABLE_COPY_MOVE(SecretStore)

    // `value` is std::nullopt (and `error` empty) when no secret is stored under `key`. A
    // non-empty `error` means the secret cannot be read right now (a keychain that is slow or
    // refuses, a damaged file): a condition to retry, never "no secret".
    void read(const QString& key, ReadDone done);
    void write(const QString& key, const QString& value, WriteDone done);
    void remove(const QString& key, WriteDone done);

    // True once secrets live in the 0600 file instead of the keychain.
    bool usesFileFallback() const { return m_useFile; }
    // A sentence for the settings dialog saying where secrets are kept.
    QString storageDescription() const;
    QString fallbackFilePath() const { return m_filePath; }

    // How long the keychain may take to answer before the caller is told to try again later.
    void setKeychainTimeout(std::chrono::milliseconds timeout) { m_keychainTimeout = timeout; }

    // 32 random bytes from OpenSSL RAND_bytes as 64 lowercase hex characters.
    static QString generateSecret();

signals:
    // The keychain said it does not exist here, so secrets now go to the file;
    // storageDescription() changed.
    void storageChanged();

private:
    enum class Op
    {
        Read,
        Write,
        Remove
    };
    void runKeychain(Op op, const QString& key, const QString& value, ReadDone readDone, WriteDone writeDone);
    void runFile(Op op, const QString& key, const QString& value, const ReadDone& readDone,
                 const WriteDone& writeDone);
    void switchToFile(const QString& why);
    void keychainAnswered(quint64 id, int errorCode, const QString& errorString, const QString& text);

    // A keychain request waiting for its answer or its timeout, whichever comes first.
    struct Pending
    {
        Op op;
        QString key;
        QString value;
        ReadDone readDone;
        WriteDone writeDone;
        QTimer* timer;
    };

    bool m_useFile = false;
    QString m_filePath;
    std::chrono::milliseconds m_keychainTimeout{3000};
    QHash<quint64, Pending> m_pending;
    quint64 m_lastRequest = 0;
};

} // namespace zapito
