// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "secretstore.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace zapito {

class SettingsValues;
class SharedSettings;

// Settings → Integrations: the webhook endpoint and the enabled switch live in the store (shared
// by every seat, see SettingsValues; this machine's settings file without one); the signing secret
// lives in the SecretStore under kSecretKey and never in a settings file or the store.
class WebhookSettings : public QObject
{
    Q_OBJECT
public:
    static constexpr const char* kSecretKey = "webhook/signing-secret";

    // `settingsFile` empty means the application's default QSettings.
    explicit WebhookSettings(SecretStore& secrets, const QString& settingsFile = {},
                             QObject* parent = nullptr);
    // The endpoint and switch in the store's shared settings; changed() follows every seat's.
    WebhookSettings(SecretStore& secrets, SharedSettings& shared, QObject* parent = nullptr);
    // In the store's shared settings when `shared` is given, else in the settings file.
    WebhookSettings(SecretStore& secrets, const QString& settingsFile, SharedSettings* shared,
                    QObject* parent);
    ~WebhookSettings() override;
    Q_DISABLE_COPY_MOVE(WebhookSettings)

    QString endpoint() const; // empty when none is configured
    QUrl endpointUrl() const;
    bool isEnabled() const; // true unless switched off
    // True when an endpoint is set and the webhook is switched on (the secret is not checked).
    bool isActive() const;

    // Refused (returns the reason, nothing stored) when endpointProblem() finds one.
    QString setEndpoint(const QString& url);
    void setEnabled(bool enabled);

    // "" when `url` is a usable endpoint (an empty url means "no webhook" and is valid too),
    // otherwise a sentence saying why it is not.
    static QString endpointProblem(const QString& url);
    // "" when the form can be saved: a valid endpoint and, when one is set, a secret.
    static QString configurationProblem(const QString& url, const QString& secret);

    // Validates, stores the secret (or removes it when `secret` is empty and no endpoint is
    // set), then the endpoint and switch; `done` gets "" once the store has them, or the reason
    // they were not saved.
    void save(const QString& url, bool enabled, const QString& secret, SecretStore::WriteDone done);

    void readSecret(SecretStore::ReadDone done);
    void writeSecret(const QString& secret, SecretStore::WriteDone done);
    SecretStore& secretStore() { return m_secrets; }
    QString settingsFilePath() const;

signals:
    void changed();

private:
    SecretStore& m_secrets;
    std::unique_ptr<SettingsValues> m_settings;
};

} // namespace zapito
