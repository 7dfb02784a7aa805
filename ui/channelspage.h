// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "settingspage.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace zapito {

class ChannelConnector;
class ConnectorHub;
struct ConnectorStatus;

// Settings → Channels: Telegram (bot token, API base URL) and WhatsApp Cloud API (listener
// address and port, Graph base URL, phone number id, verify token, app secret, access token),
// each with its live status ("Telegram refused the bot token …"). Tokens are masked and kept
// in the SecretStore; OK / Apply stores everything and restarts the connectors.
class ChannelsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit ChannelsPage(ConnectorHub& hub, QWidget* parent = nullptr);

    bool isLoaded() const override { return m_loaded; }
    void apply() override;
    void revert() override;

signals:
    void loaded(); // the stored secrets are in the form

protected:
    QString snapshot() const override;

private:
    void load();
    QString problem() const;
    void showStatus(QLabel* label, const ConnectorStatus& status);

    ConnectorHub& m_hub;
    QCheckBox* m_telegramEnabled;
    QLineEdit* m_telegramApiBase;
    QLineEdit* m_telegramToken;
    QLabel* m_telegramStatus;
    QCheckBox* m_whatsappEnabled;
    QLineEdit* m_whatsappAddress;
    QSpinBox* m_whatsappPort;
    QLineEdit* m_whatsappGraphBase;
    QLineEdit* m_whatsappPhoneNumberId;
    QLineEdit* m_whatsappVerifyToken;
    QLineEdit* m_whatsappAppSecret;
    QLineEdit* m_whatsappAccessToken;
    QLabel* m_whatsappStatus;
    bool m_saving = false;
    bool m_loaded = false;
};

} // namespace zapito
