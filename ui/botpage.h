// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flowrule.h"
#include "settingspage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace zapito {

class BotName;
class ConnectorHub;

// Settings → Bot: the bot's name, the flow's ordered rules (keywords or a regular expression →
// reply or hand off; Log to CRM, a pass-through, only on flows that already have it), the
// handoff message, the fallback for
// unmatched messages without a model, and the model (OpenAI-compatible base URL, model name, API key,
// instructions, monthly reply budget with this month's count).
class BotPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit BotPage(ConnectorHub& hub, QWidget* parent = nullptr);

    bool isLoaded() const override { return m_loaded; }
    void apply() override;
    void revert() override;
    // The rules as the table shows them (exposed for tests).
    QList<FlowRule> rules() const;
    void addRule(const FlowRule& rule);

signals:
    void loaded();

protected:
    QString snapshot() const override;

private:
    void load();
    void moveRule(int delta);
    void showUsage();
    // The automatic fallback text for the rules as the table shows them, as the reply field's hint.
    void showFallbackHint();

    ConnectorHub& m_hub;
    BotName* m_botName;
    QLineEdit* m_name;
    QTableWidget* m_rules;
    QLineEdit* m_handoffMessage;
    QComboBox* m_fallback;
    QLineEdit* m_fallbackReply;
    QLineEdit* m_modelBaseUrl;
    QLineEdit* m_modelName;
    QLineEdit* m_apiKey;
    QPlainTextEdit* m_instructions;
    QSpinBox* m_monthly;
    QLabel* m_usage;
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace zapito
