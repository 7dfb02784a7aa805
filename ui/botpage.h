// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flowrule.h"

#include <QWidget>

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
// reply, hand off, or the pass-through Log to CRM), the handoff message, the fallback for
// unmatched messages without a model, and the model (OpenAI-compatible base URL, model name, API key,
// instructions, monthly reply budget with this month's count).
class BotPage final : public QWidget
{
    Q_OBJECT
public:
    explicit BotPage(ConnectorHub& hub, QWidget* parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    // The rules as the table shows them (exposed for tests).
    QList<FlowRule> rules() const;
    void addRule(const FlowRule& rule);

signals:
    void loaded();
    void saved();

private:
    void load();
    void save();
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
    QPushButton* m_save;
    QLabel* m_saveStatus;
    bool m_loaded = false;
};

} // namespace zapito
