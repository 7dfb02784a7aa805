// SPDX-License-Identifier: Apache-2.0
#include "botsettings.h"

#include "settingsvalues.h"
#include "sharedsettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace zapito {

namespace {
const QString kInstructions = QStringLiteral("bot/instructions");
const QString kRules = QStringLiteral("bot/rules");
const QString kHandoffMessage = QStringLiteral("bot/handoff_message");
const QString kFallback = QStringLiteral("bot/fallback");
const QString kFallbackReply = QStringLiteral("bot/fallback_reply");
const QString kModelBaseUrl = QStringLiteral("bot/model_base_url");
const QString kModelName = QStringLiteral("bot/model_name");
const QString kModelTimeout = QStringLiteral("bot/model_timeout_ms");
const QString kMonthly = QStringLiteral("bot/monthly_model_replies");
const QString kAutomaticFallback = QStringLiteral("bot/automatic_fallback_reply");
const QString kAutomaticFallbackWithWord = QStringLiteral("bot/automatic_fallback_reply_with_word");
} // namespace

BotSettings::BotSettings(const QString& settingsFile, QObject* parent)
    : BotSettings(settingsFile, nullptr, parent)
{}

BotSettings::BotSettings(const QString& settingsFile, SharedSettings* shared, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<SettingsValues>(settingsFile, shared))
{
    // Another seat's save (or the command line's) arrives here as the store's change.
    if (shared)
        connect(shared, &SharedSettings::changed, this, [this](const QStringList& keys) {
            for (const QString& key : keys) {
                if (key.startsWith(QLatin1String("bot/")) || key.startsWith(QLatin1String("agent/"))) {
                    emit changed();
                    return;
                }
            }
        });
}

SharedSettings* BotSettings::shared() const
{
    return m_settings->shared();
}

BotSettings::~BotSettings() = default;

BotConfig BotSettings::config() const
{
    BotConfig c;
    c.instructions = m_settings->value(kInstructions, c.instructions).toString();
    // No stored flow is a fresh install: it gets the default rules. A stored one, even "[]",
    // is the operator's and is kept as it is.
    if (m_settings->contains(kRules))
        c.rules =
            flowFromJson(QJsonDocument::fromJson(m_settings->value(kRules).toString().toUtf8()).array());
    c.handoffMessage = m_settings->value(kHandoffMessage, c.handoffMessage).toString();
    c.fallback = m_settings->value(kFallback).toString() == QLatin1String("handoff")
                     ? BotConfig::Fallback::Handoff
                     : BotConfig::Fallback::Reply;
    c.fallbackReply = m_settings->value(kFallbackReply, c.fallbackReply).toString();
    if (c.fallbackReply == BotConfig::legacyFallbackReply())
        c.fallbackReply.clear(); // an earlier version's fixed text: automatic from now on
    c.automaticFallbackReply = m_settings->value(kAutomaticFallback, c.automaticFallbackReply).toString();
    c.automaticFallbackReplyWithWord =
        m_settings->value(kAutomaticFallbackWithWord, c.automaticFallbackReplyWithWord).toString();
    c.modelBaseUrl = m_settings->value(kModelBaseUrl).toString();
    c.modelName = m_settings->value(kModelName).toString();
    c.modelTimeoutMs = qBound(1000, m_settings->value(kModelTimeout, c.modelTimeoutMs).toInt(), 600'000);
    c.monthlyModelReplies = qMax(0, m_settings->value(kMonthly, 0).toInt());
    return c;
}

void BotSettings::setConfig(const BotConfig& c, std::function<void(Status)> done)
{
    // One write: another seat sees the whole flow and its texts change together.
    const QList<std::pair<QString, QVariant>> values = {
        {kInstructions, c.instructions},
        {kRules, QString::fromUtf8(QJsonDocument(flowToJson(c.rules)).toJson(QJsonDocument::Compact))},
        {kHandoffMessage, c.handoffMessage},
        {kFallback,
         c.fallback == BotConfig::Fallback::Handoff ? QStringLiteral("handoff") : QStringLiteral("reply")},
        {kFallbackReply, c.fallbackReply},
        {kModelBaseUrl, c.modelBaseUrl.trimmed()},
        {kModelName, c.modelName.trimmed()},
        {kModelTimeout, c.modelTimeoutMs},
        {kMonthly, c.monthlyModelReplies},
    };
    m_settings->setAndAnnounce(
        values, [this] { emit changed(); }, std::move(done));
}

bool BotSettings::storeFirstRunDefaults()
{
    // What the customer reads, in the language of whoever started the inbox first: from then on
    // they are settings, so a headless service started in another locale says the same words.
    const QList<std::pair<QString, QString>> defaults = {
        {kHandoffMessage, tr("Connecting you with a team member right away.")},
        {kInstructions, tr("You are a friendly customer-support assistant. Answer briefly. "
                           "If the customer asks for a person, call request_human.")},
        {kAutomaticFallback, tr("Thanks for your message! I don't have an answer to that here.")},
        {kAutomaticFallbackWithWord, tr("Thanks for your message! I don't have an answer to that here; "
                                        "say \"%1\" to talk to a person.")},
        {QLatin1String(kDefaultBotNameKey), QCoreApplication::translate("zapito::BotName", "My bot")},
    };
    QList<std::pair<QString, QVariant>> missing;
    for (const auto& [key, text] : defaults) {
        if (!m_settings->contains(key))
            missing.append({key, text});
    }
    if (missing.isEmpty())
        return false;
    m_settings->set(missing);
    if (!m_settings->shared())
        emit changed();
    return true;
}

QVariant BotSettings::value(const QString& key, const QVariant& fallback) const
{
    return m_settings->value(key, fallback);
}

void BotSettings::setValue(const QString& key, const QVariant& value)
{
    m_settings->set({{key, value}});
    if (!m_settings->shared())
        emit changed();
}

} // namespace zapito
