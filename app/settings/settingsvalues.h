// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <utility>

class QSettings;

namespace zapito {

class SharedSettings;

// Where the webhook's, the bot's and the channels' settings keep their plain values. With the
// store's SharedSettings (every process on a store has one), the keys every seat must agree on
// (isShared()) are read and written there, so two seats never disagree and the leader follows a
// change made anywhere; without one (a settings class tested on its own) this machine's settings
// file holds them. Secrets are in neither: they are in each machine's keychain.
//
// Nothing is lost for an existing user: the first time a store is opened without a value for a
// shared key, the value this machine's settings file holds for it is copied into the store
// (copyLocalOnce(), run at every open). From then on the store wins: a value already in the store
// is never overwritten by a copy, and the settings file's value is not read again.
class SettingsValues final
{
public:
    // `settingsFile` empty means the application's default QSettings.
    SettingsValues(const QString& settingsFile, SharedSettings* shared);
    ~SettingsValues();
    Q_DISABLE_COPY_MOVE(SettingsValues)

    QVariant value(const QString& key, const QVariant& fallback = {}) const;
    bool contains(const QString& key) const;
    // All of `values` in one write (one statement in the store). They take effect at once; `done`
    // gets the store's answer later (the settings file's at once).
    void set(const QList<std::pair<QString, QVariant>>& values, std::function<void(Status)> done = {});
    // set() for a settings class whose changed() the store announces once it holds the values
    // (SharedSettings::changed, followed by the class). Without a store nothing else would say
    // it, so `announce` runs here, at once, and then `done` with success.
    void setAndAnnounce(const QList<std::pair<QString, QVariant>>& values,
                        const std::function<void()>& announce, std::function<void(Status)> done = {});

    SharedSettings* shared() const { return m_shared; }
    QString localFileName() const;

    // The settings that live in the store: the webhook's endpoint and switch, every bot/ and
    // agent/ key, every channels/ key.
    static bool isShared(const QString& key);
    // How a value is kept in the store: the text the settings file would hold.
    static QString toText(const QVariant& value);
    // Copies into `shared` each shared key the settings file has and the store has not.
    static Status copyLocalOnce(SharedSettings& shared, const QString& settingsFile = {});
    // What copyLocalOnce() would copy (for a reader that may not write).
    static QHash<QString, QString> notYetCopied(const SharedSettings& shared,
                                                const QString& settingsFile = {});

private:
    std::unique_ptr<QSettings> m_local;
    SharedSettings* m_shared;
};

} // namespace zapito
