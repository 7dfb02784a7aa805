// SPDX-License-Identifier: Apache-2.0
#include "webhooksettings.h"

#include "settingsvalues.h"
#include "sharedsettings.h"

#include <QPointer>

namespace zapito {

namespace {
const QString kEndpointKey = QStringLiteral("webhook/endpoint");
const QString kEnabledKey = QStringLiteral("webhook/enabled");
} // namespace

WebhookSettings::WebhookSettings(SecretStore& secrets, const QString& settingsFile, QObject* parent)
    : WebhookSettings(secrets, settingsFile, nullptr, parent)
{}

WebhookSettings::WebhookSettings(SecretStore& secrets, SharedSettings& shared, QObject* parent)
    : WebhookSettings(secrets, {}, &shared, parent)
{}

WebhookSettings::WebhookSettings(SecretStore& secrets, const QString& settingsFile, SharedSettings* shared,
                                 QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_settings(std::make_unique<SettingsValues>(settingsFile, shared))
{
    // Another seat's save (or the command line's) arrives here as the store's change.
    if (shared)
        connect(shared, &SharedSettings::changed, this, [this](const QStringList& keys) {
            if (keys.contains(kEndpointKey) || keys.contains(kEnabledKey))
                emit changed();
        });
}

WebhookSettings::~WebhookSettings() = default;

QString WebhookSettings::settingsFilePath() const
{
    return m_settings->localFileName();
}

QString WebhookSettings::endpoint() const
{
    return m_settings->value(kEndpointKey).toString();
}

QUrl WebhookSettings::endpointUrl() const
{
    return QUrl(endpoint(), QUrl::StrictMode);
}

bool WebhookSettings::isEnabled() const
{
    return m_settings->value(kEnabledKey, true).toBool();
}

bool WebhookSettings::isActive() const
{
    return isEnabled() && !endpoint().isEmpty() && endpointProblem(endpoint()).isEmpty();
}

QString WebhookSettings::setEndpoint(const QString& url)
{
    const QString trimmed = url.trimmed();
    if (const QString problem = endpointProblem(trimmed); !problem.isEmpty())
        return problem;
    if (trimmed != endpoint())
        m_settings->setAndAnnounce({{kEndpointKey, trimmed}}, [this] { emit changed(); });
    return {};
}

void WebhookSettings::setEnabled(bool enabled)
{
    if (enabled == isEnabled() && m_settings->contains(kEnabledKey))
        return;
    m_settings->setAndAnnounce({{kEnabledKey, enabled}}, [this] { emit changed(); });
}

QString WebhookSettings::endpointProblem(const QString& url)
{
    const QString text = url.trimmed();
    if (text.isEmpty())
        return {};
    for (const QChar c : text) {
        if (c.isSpace())
            return tr("The endpoint URL contains a space; URLs cannot contain spaces (encode them as %20).");
    }
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid())
        return tr("The endpoint is not a valid URL: %1").arg(parsed.errorString());
    const QString scheme = parsed.scheme().toLower();
    if (scheme.isEmpty())
        return tr("The endpoint URL must start with https:// or http://.");
    if (scheme != u"https" && scheme != u"http")
        return tr("The endpoint must be an http or https URL, not %1.").arg(scheme);
    if (parsed.host().isEmpty())
        return tr("The endpoint URL has no host name (for example https://example.com/hooks/zapito).");
    if (!parsed.userInfo().isEmpty())
        return tr("Put no user name or password in the endpoint URL: it would be stored in plain text. "
                  "Receivers authenticate requests by the signature.");
    if (parsed.hasFragment())
        return tr("Remove the #fragment from the endpoint URL: it is never sent to the server.");
    return {};
}

QString WebhookSettings::configurationProblem(const QString& url, const QString& secret)
{
    if (const QString problem = endpointProblem(url); !problem.isEmpty())
        return problem;
    if (!url.trimmed().isEmpty() && secret.isEmpty())
        return tr("A signing secret is required when an endpoint is set, so your endpoint can tell the "
                  "requests are from Zapito. Generate one.");
    return {};
}

void WebhookSettings::save(const QString& url, bool enabled, const QString& secret,
                           SecretStore::WriteDone done)
{
    const QString problem = configurationProblem(url, secret);
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done, problem] { done(problem); }, Qt::QueuedConnection);
        return;
    }
    // The secret first: an endpoint must never be saved without the secret that signs for it.
    auto apply = [self = QPointer<WebhookSettings>(this), url, enabled, done](const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            done(error);
            return;
        }
        const bool wasEqual = self->endpoint() == url.trimmed() && self->isEnabled() == enabled &&
                              self->m_settings->contains(kEnabledKey);
        // The page hears the store's answer: a save the store refused is said, not lost quietly.
        WebhookSettings* const settings = self.get();
        settings->m_settings->setAndAnnounce(
            {{kEndpointKey, url.trimmed()}, {kEnabledKey, enabled}}, [settings] { emit settings->changed(); },
            [done](const Status& stored) { done(stored ? QString() : stored.error()); });
        // The secret may have changed even when the endpoint did not: with a store (whose change
        // announces a new value only) listeners are told to read it again.
        if (wasEqual && self && self->m_settings->shared())
            emit self->changed();
    };
    if (secret.isEmpty())
        m_secrets.remove(QLatin1String(kSecretKey), apply);
    else
        m_secrets.write(QLatin1String(kSecretKey), secret, apply);
}

void WebhookSettings::readSecret(SecretStore::ReadDone done)
{
    m_secrets.read(QLatin1String(kSecretKey), std::move(done));
}

void WebhookSettings::writeSecret(const QString& secret, SecretStore::WriteDone done)
{
    m_secrets.write(QLatin1String(kSecretKey), secret,
                    [self = QPointer<WebhookSettings>(this), done](QString e) {
                        if (self && e.isEmpty())
                            emit self->changed();
                        done(e);
                    });
}

} // namespace zapito
