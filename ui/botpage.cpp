// SPDX-License-Identifier: Apache-2.0
#include "botpage.h"

#include "botname.h"
#include "botsettings.h"
#include "connectorhub.h"
#include "secretstore.h"
#include "settingscatalog.h"
#include "uistyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace zapito {

namespace {
enum Column
{
    MatchColumn,
    PatternColumn,
    ActionColumn,
    TextColumn
};

QComboBox* matchCombo(FlowRule::Match match)
{
    auto* combo = new QComboBox;
    combo->addItem(QObject::tr("Keywords"), int(FlowRule::Match::Keywords));
    combo->addItem(QObject::tr("Regular expression"), int(FlowRule::Match::Regex));
    combo->setCurrentIndex(combo->findData(int(match)));
    return combo;
}

QComboBox* actionCombo(FlowRule::Action action)
{
    auto* combo = new QComboBox;
    combo->addItem(QObject::tr("Reply"), int(FlowRule::Action::Reply));
    combo->addItem(QObject::tr("Hand off to a human"), int(FlowRule::Action::Handoff));
    // Offered only where a flow from an earlier version has it, so that rule stays as it was;
    // a new rule cannot choose an action that does nothing.
    if (action == FlowRule::Action::LogToCrm)
        combo->addItem(QObject::tr("Log to CRM (does nothing)"), int(FlowRule::Action::LogToCrm));
    combo->setCurrentIndex(combo->findData(int(action)));
    return combo;
}
} // namespace

BotPage::BotPage(ConnectorHub& hub, QWidget* parent)
    : SettingsPage(parent)
    , m_hub(hub)
    , m_botName(new BotName(hub.botSettings(), this))
    , m_name(new QLineEdit(this))
    , m_rules(new QTableWidget(0, 4, this))
    , m_handoffMessage(new QLineEdit(this))
    , m_fallback(new QComboBox(this))
    , m_fallbackReply(new QLineEdit(this))
    , m_modelBaseUrl(new QLineEdit(this))
    , m_modelName(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_instructions(new QPlainTextEdit(this))
    , m_monthly(new QSpinBox(this))
    , m_usage(ui::plainLabel(QString(), this))
{
    setObjectName(QStringLiteral("botPage"));
    m_name->setObjectName(QStringLiteral("botName"));
    m_name->setMaxLength(BotName::kMaxLength);
    m_name->setPlaceholderText(
        tr("%1 (Telegram's name for the bot once connected)")
            .arg(m_hub.botSettings()
                     .value(QLatin1String(BotSettings::kDefaultBotNameKey), BotName::defaultName())
                     .toString()));
    m_name->setToolTip(tr("Shown on the bot's messages and sent as bot.name in every webhook."));
    m_rules->setObjectName(QStringLiteral("botRules"));
    m_handoffMessage->setObjectName(QStringLiteral("botHandoffMessage"));
    m_fallback->setObjectName(QStringLiteral("botFallback"));
    m_fallbackReply->setObjectName(QStringLiteral("botFallbackReply"));
    m_modelBaseUrl->setObjectName(QStringLiteral("botModelBaseUrl"));
    m_modelName->setObjectName(QStringLiteral("botModelName"));
    m_apiKey->setObjectName(QStringLiteral("botModelApiKey"));
    m_instructions->setObjectName(QStringLiteral("botInstructions"));
    m_monthly->setObjectName(QStringLiteral("botMonthlyReplies"));
    m_usage->setObjectName(QStringLiteral("botUsage"));
    statusLabel()->setObjectName(QStringLiteral("botSaveStatus"));

    m_rules->setHorizontalHeaderLabels(
        {tr("Match"), tr("Keywords or expression"), tr("Then"), tr("Message")});
    m_rules->horizontalHeader()->setSectionResizeMode(PatternColumn, QHeaderView::Stretch);
    m_rules->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_rules->verticalHeader()->setVisible(true);
    // Rows as tall as the combo boxes in them, and room for several: a flow is read as a list.
    {
        const QScopedPointer<QComboBox> probe(actionCombo(FlowRule::Action::Handoff));
        m_rules->verticalHeader()->setDefaultSectionSize(probe->sizeHint().height() + 2);
        m_rules->setMinimumHeight(m_rules->horizontalHeader()->sizeHint().height() +
                                  4 * (probe->sizeHint().height() + 2) + 2 * m_rules->frameWidth());
    }
    // The words and the message keep room for a few words; past that the table scrolls sideways.
    m_rules->horizontalHeader()->setMinimumSectionSize(
        fontMetrics().horizontalAdvance(QStringLiteral("Keywords or")));
    m_rules->horizontalHeader()->setSectionResizeMode(MatchColumn, QHeaderView::Interactive);
    m_rules->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::Interactive);
    m_rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rules->setSelectionMode(QAbstractItemView::SingleSelection);
    auto* add = new QPushButton(tr("Add rule"), this);
    add->setObjectName(QStringLiteral("botAddRule"));
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* up = new QPushButton(tr("Up"), this);
    auto* down = new QPushButton(tr("Down"), this);
    connect(add, &QPushButton::clicked, this, [this] { addRule(FlowRule{}); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_rules->currentRow() >= 0)
            m_rules->removeRow(m_rules->currentRow());
    });
    connect(up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveRule(+1); });
    auto* ruleButtons = new QHBoxLayout;
    for (QPushButton* b : {add, remove, up, down})
        ruleButtons->addWidget(b);
    ruleButtons->addStretch(1);

    auto* flow = new QGroupBox(tr("Flow: tried in order, first match answers"), this);
    auto* flowColumn = new QVBoxLayout(flow);
    flowColumn->addWidget(m_rules, 1);
    flowColumn->addLayout(ruleButtons);
    auto* flowForm = new QFormLayout;
    flowForm->addRow(tr("Handoff message:"), m_handoffMessage);
    m_fallback->addItem(tr("Reply with the message below"), QStringLiteral("reply"));
    m_fallback->addItem(tr("Hand off to a human"), QStringLiteral("handoff"));
    flowForm->addRow(tr("No rule matches and no model:"), m_fallback);
    flowForm->addRow(tr("Fallback reply:"), m_fallbackReply);
    flowColumn->addLayout(flowForm);

    auto* model = new QGroupBox(tr("Model (OpenAI-compatible: OpenAI, llama.cpp server, Ollama …)"), this);
    auto* modelForm = new QFormLayout(model);
    m_modelBaseUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:11434/v1"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("not needed for a local server"));
    m_instructions->setTabChangesFocus(true);
    m_instructions->setMaximumHeight(90);
    m_monthly->setRange(0, 100'000'000);
    m_monthly->setSpecialValueText(tr("no limit"));
    modelForm->addRow(tr("Base URL:"), m_modelBaseUrl);
    modelForm->addRow(tr("Model name:"), m_modelName);
    modelForm->addRow(tr("API key:"), m_apiKey);
    modelForm->addRow(tr("Instructions:"), m_instructions);
    modelForm->addRow(tr("Model replies per month:"), m_monthly);
    modelForm->addRow(QString(), m_usage);

    auto* identity = new QFormLayout;
    identity->addRow(tr("Bot name:"), m_name);

    auto* column = new QVBoxLayout(this);
    column->addLayout(identity);
    column->addWidget(flow, 1);
    column->addWidget(model);
    column->addWidget(statusLabel());

    for (QWidget* field :
         std::initializer_list<QWidget*>{m_name, m_rules, m_handoffMessage, m_fallback, m_fallbackReply,
                                         m_modelBaseUrl, m_modelName, m_apiKey, m_instructions, m_monthly})
        watch(field);
    connect(&m_hub.budget(), &CreditBudget::usedChanged, this, &BotPage::showUsage);
    connect(m_monthly, &QSpinBox::valueChanged, this, &BotPage::showUsage);
    connect(m_rules, &QTableWidget::itemChanged, this, &BotPage::showFallbackHint);
    connect(m_rules->model(), &QAbstractItemModel::rowsRemoved, this, &BotPage::showFallbackHint);
    // A name Telegram reports while the page is open shows up, unless the operator is typing one.
    connect(m_botName, &BotName::changed, this, [this] {
        if (!m_name->isModified())
            m_name->setText(m_botName->isSet() ? m_botName->name() : QString());
    });
    load();
}

void BotPage::showUsage()
{
    const int used = m_hub.budget().usedThisMonth();
    m_usage->setText(m_monthly->value() > 0 ? tr("%n of %1 used this month", "", used).arg(m_monthly->value())
                                            : tr("%n used this month", "", used));
}

void BotPage::addRule(const FlowRule& rule)
{
    const int row = m_rules->rowCount();
    m_rules->insertRow(row);
    QComboBox* match = matchCombo(rule.match);
    QComboBox* action = actionCombo(rule.action);
    m_rules->setCellWidget(row, MatchColumn, match);
    m_rules->setItem(row, PatternColumn, new QTableWidgetItem(rule.pattern));
    m_rules->setCellWidget(row, ActionColumn, action);
    m_rules->setItem(row, TextColumn, new QTableWidgetItem(rule.text));
    for (QComboBox* combo : {match, action}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &BotPage::showFallbackHint);
        connect(combo, &QComboBox::currentIndexChanged, this, &BotPage::edited);
    }
    // Wide enough for their longest choice ("Hand off to a human", "Regular expression").
    for (const auto& [column, combo] :
         {std::pair{int(MatchColumn), match}, std::pair{int(ActionColumn), action}})
        m_rules->setColumnWidth(column, qMax(m_rules->columnWidth(column), combo->sizeHint().width() + 2));
    showFallbackHint();
}

void BotPage::showFallbackHint()
{
    BotConfig config = m_hub.botSettings().config(); // the automatic wordings as stored
    config.rules = rules();
    config.fallbackReply.clear();
    m_fallbackReply->setPlaceholderText(config.effectiveFallbackReply());
}

QList<FlowRule> BotPage::rules() const
{
    QList<FlowRule> out;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        FlowRule rule;
        // A row being built by addRule() has no combo boxes yet; it counts as a default rule.
        if (auto* match = qobject_cast<QComboBox*>(m_rules->cellWidget(row, MatchColumn)))
            rule.match = FlowRule::Match(match->currentData().toInt());
        if (auto* action = qobject_cast<QComboBox*>(m_rules->cellWidget(row, ActionColumn)))
            rule.action = FlowRule::Action(action->currentData().toInt());
        rule.pattern =
            m_rules->item(row, PatternColumn) ? m_rules->item(row, PatternColumn)->text() : QString();
        rule.text = m_rules->item(row, TextColumn) ? m_rules->item(row, TextColumn)->text() : QString();
        out.append(rule);
    }
    return out;
}

void BotPage::moveRule(int delta)
{
    const int row = m_rules->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_rules->rowCount())
        return;
    QList<FlowRule> all = rules();
    all.move(row, target);
    m_rules->setRowCount(0);
    for (const FlowRule& rule : std::as_const(all))
        addRule(rule);
    m_rules->selectRow(target);
}

void BotPage::load()
{
    const BotConfig config = m_hub.botSettings().config();
    m_name->setText(m_botName->isSet() ? m_botName->name() : QString());
    m_name->setModified(false);
    m_rules->setRowCount(0);
    for (const FlowRule& rule : config.rules)
        addRule(rule);
    m_handoffMessage->setText(config.handoffMessage);
    m_fallback->setCurrentIndex(config.fallback == BotConfig::Fallback::Handoff ? 1 : 0);
    m_fallbackReply->setText(config.fallbackReply);
    m_modelBaseUrl->setText(config.modelBaseUrl);
    m_modelName->setText(config.modelName);
    m_instructions->setPlainText(config.instructions);
    m_monthly->setValue(config.monthlyModelReplies);
    // Long texts show their beginning, not the end the cursor was left at.
    for (QLineEdit* field : {m_handoffMessage, m_fallbackReply, m_modelBaseUrl, m_modelName})
        field->setCursorPosition(0);
    showUsage();
    m_loaded = false; // until the API key is in the form, saving would erase it
    QPointer<BotPage> self(this);
    m_hub.secrets().read(QLatin1String(BotSettings::kApiKeySecret),
                         [self](std::optional<QString> value, QString) {
                             if (!self)
                                 return;
                             self->m_apiKey->setText(value.value_or(QString()));
                             self->m_loaded = true;
                             self->markStored();
                             emit self->loaded();
                         });
}

QString BotPage::snapshot() const
{
    QStringList fields{m_name->text().trimmed(),
                       QString::fromUtf8(QJsonDocument(flowToJson(rules())).toJson(QJsonDocument::Compact)),
                       m_handoffMessage->text(),
                       m_fallback->currentData().toString(),
                       m_fallbackReply->text(),
                       m_modelBaseUrl->text().trimmed(),
                       m_modelName->text().trimmed(),
                       m_apiKey->text().trimmed(),
                       m_instructions->toPlainText(),
                       QString::number(m_monthly->value())};
    return fields.join(QChar(0));
}

void BotPage::revert()
{
    load();
}

void BotPage::apply()
{
    if (!hasChanges() || m_saving) {
        emit applied(!m_saving);
        return;
    }
    BotConfig config = m_hub.botSettings().config();
    config.rules = rules();
    for (int i = 0; i < config.rules.size(); ++i) {
        if (const QString why = config.rules[i].problem(); !why.isEmpty()) {
            setStatus(tr("Rule %1: %2").arg(i + 1).arg(why), true);
            m_rules->selectRow(i);
            emit applied(false);
            return;
        }
    }
    QString why;
    if (!parseSettingValue(*findSetting(QStringLiteral("bot.model_base_url")), m_modelBaseUrl->text(),
                           &why)) {
        setStatus(tr("Model base URL: %1").arg(why), true);
        emit applied(false);
        return;
    }
    config.handoffMessage = m_handoffMessage->text();
    config.fallback = m_fallback->currentData().toString() == QLatin1String("handoff")
                          ? BotConfig::Fallback::Handoff
                          : BotConfig::Fallback::Reply;
    config.fallbackReply = m_fallbackReply->text();
    config.modelBaseUrl = m_modelBaseUrl->text().trimmed();
    config.modelName = m_modelName->text().trimmed();
    config.instructions = m_instructions->toPlainText();
    config.monthlyModelReplies = m_monthly->value();

    m_saving = true;
    QPointer<BotPage> self(this);
    auto stored = [self, config](const QString& error) {
        if (!self)
            return;
        self->m_saving = false;
        if (!error.isEmpty()) {
            self->finishApply(error);
            return;
        }
        self->m_botName->set(self->m_name->text());
        self->m_name->setModified(false);
        // In effect at once; saved once the store (shared by every seat) has it.
        self->m_saving = true;
        self->m_hub.botSettings().setConfig(config, [self](const Status& written) {
            if (!self)
                return;
            self->m_saving = false;
            self->finishApply(written ? QString() : written.error());
        });
        self->m_hub.reload();
    };
    const QString key = m_apiKey->text().trimmed();
    if (key.isEmpty())
        m_hub.secrets().remove(QLatin1String(BotSettings::kApiKeySecret), stored);
    else
        m_hub.secrets().write(QLatin1String(BotSettings::kApiKeySecret), key, stored);
}

} // namespace zapito
