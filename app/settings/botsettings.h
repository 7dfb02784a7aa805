// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "botconfig.h"
#include "expected.h"

#include <QObject>

#include <functional>
#include <memory>

namespace zapito {

class SettingsValues;
class SharedSettings;

// Settings → Bot: the flow, instructions, fallback, model endpoint and monthly budget, in the
// store's shared settings (every seat and the leader agree; see SettingsValues), or this machine's
// settings file without a store. The model's API key is NOT here: it lives in the SecretStore
// under kApiKeySecret.
class BotSettings final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char* kApiKeySecret = "model/api-key";
    // The bot's name while the operator has chosen none (BotName's default), as first stored.
    static constexpr const char* kDefaultBotNameKey = "bot/default_name";

    // `settingsFile` empty means the application's default QSettings.
    explicit BotSettings(const QString& settingsFile = {}, QObject* parent = nullptr);
    // In the store's shared settings when `shared` is given; changed() follows every seat's.
    BotSettings(const QString& settingsFile, SharedSettings* shared, QObject* parent = nullptr);
    ~BotSettings() override;
    Q_DISABLE_COPY_MOVE(BotSettings)

    BotConfig config() const;
    // In effect here at once; `done` gets the store's answer (at once without a store).
    void setConfig(const BotConfig& config, std::function<void(Status)> done = {});

    // On the first run, stores the customer-facing defaults (handoff message, instructions, the
    // automatic fallback's wordings, the bot's default name) as the installed translation says
    // them; a setting already stored is left alone. True when something was stored.
    bool storeFirstRunDefaults();

    QVariant value(const QString& key, const QVariant& fallback = {}) const;
    void setValue(const QString& key, const QVariant& value);
    SharedSettings* shared() const;

signals:
    void changed();

private:
    std::unique_ptr<SettingsValues> m_settings;
};

} // namespace zapito
