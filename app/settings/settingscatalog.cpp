// SPDX-License-Identifier: Apache-2.0
#include "settingscatalog.h"

#include "botname.h"
#include "botsettings.h"
#include "flowrule.h"
#include "postgresdatabase.h"
#include "telegramconfig.h"
#include "webhooksettings.h"
#include "whatsappconfig.h"

#include <QDir>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace zapito {

const QList<SettingInfo>& settingsCatalog()
{
    using T = SettingInfo::Type;
    static const QList<SettingInfo> all = {
        {"database.location", "database/location", T::Text,
         "The inbox: an SQLite file, or postgresql://user@host:port/dbname shared by a team (password in "
         "PGPASSWORD or ~/.pgpass; empty: the default file)"},
        {"webhook.endpoint", "webhook/endpoint", T::Url, "Where handoffs are POSTed (empty: no webhook)"},
        {"webhook.enabled", "webhook/enabled", T::Bool, "Deliver the webhook (true/false)", {}, 0, 0, true},
        {"webhook.signing_secret", WebhookSettings::kSecretKey, T::Secret, "HMAC-SHA256 signing secret"},

        {"telegram.enabled",
         "channels/telegram/enabled",
         T::Bool,
         "Poll Telegram for messages",
         {},
         0,
         0,
         false},
        {"telegram.api_base",
         "channels/telegram/api_base",
         T::Url,
         "Bot API base URL",
         {},
         0,
         0,
         QStringLiteral("https://api.telegram.org")},
        {"telegram.bot_token", TelegramConfig::kSecretKey, T::Secret, "Bot token from @BotFather"},

        {"whatsapp.enabled",
         "channels/whatsapp/enabled",
         T::Bool,
         "Receive and answer WhatsApp",
         {},
         0,
         0,
         false},
        {"whatsapp.listen_address",
         "channels/whatsapp/listen_address",
         T::Address,
         "Address the webhook listener binds to",
         {},
         0,
         0,
         QStringLiteral("127.0.0.1")},
        {"whatsapp.listen_port",
         "channels/whatsapp/listen_port",
         T::Integer,
         "Port of the webhook listener",
         {},
         1,
         65535,
         8787},
        {"whatsapp.graph_base",
         "channels/whatsapp/graph_base",
         T::Url,
         "Graph API base URL",
         {},
         0,
         0,
         QStringLiteral("https://graph.facebook.com/v19.0")},
        {"whatsapp.phone_number_id", "channels/whatsapp/phone_number_id", T::Text, "Phone number id (Meta)"},
        {"whatsapp.verify_token", WhatsAppConfig::kVerifyTokenKey, T::Secret, "Webhook verify token"},
        {"whatsapp.app_secret", WhatsAppConfig::kAppSecretKey, T::Secret, "App secret (X-Hub-Signature-256)"},
        {"whatsapp.access_token", WhatsAppConfig::kAccessTokenKey, T::Secret, "Graph API access token"},

        {"bot.name", BotName::kSettingKey, T::Text,
         "The bot's name in bubbles and webhooks (empty: Telegram's, else \"My bot\")"},
        {"bot.instructions",
         "bot/instructions",
         T::Text,
         "The model's instructions (system prompt)",
         {},
         0,
         0,
         BotConfig().instructions},
        {"bot.rules",
         "bot/rules",
         T::FlowJson,
         "The flow: JSON array of {match,pattern,action,text}",
         {},
         0,
         0,
         QString::fromUtf8(
             QJsonDocument(flowToJson(BotConfig::defaultRules())).toJson(QJsonDocument::Compact))},
        {"bot.handoff_message",
         "bot/handoff_message",
         T::Text,
         "Sent to the customer on a handoff",
         {},
         0,
         0,
         defaultHandoffMessage()},
        {"bot.fallback",
         "bot/fallback",
         T::Choice,
         "Without a model, an unmatched message gets: reply|handoff",
         {QStringLiteral("reply"), QStringLiteral("handoff")},
         0,
         0,
         QStringLiteral("reply")},
        {"bot.fallback_reply", "bot/fallback_reply", T::Text,
         "The fallback reply (empty: automatic, offers a handoff word only if the flow has one)"},
        {"bot.model_base_url", "bot/model_base_url", T::Url,
         "OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1"},
        {"bot.model_name", "bot/model_name", T::Text, "Model name"},
        {"bot.model_api_key", BotSettings::kApiKeySecret, T::Secret, "Model API key (Bearer)"},
        {"bot.model_timeout_ms",
         "bot/model_timeout_ms",
         T::Integer,
         "Model answer deadline in ms",
         {},
         1000,
         600'000,
         60'000},
        {"bot.monthly_model_replies",
         "bot/monthly_model_replies",
         T::Integer,
         "Model replies allowed per month (0: no limit)",
         {},
         0,
         100'000'000,
         0},
        {"agent.maxConcurrentModelCalls",
         "agent/maxConcurrentModelCalls",
         T::Integer,
         "Model calls at the provider at once; the others wait in order",
         {},
         1,
         64,
         4},
    };
    return all;
}

const SettingInfo* findSetting(const QString& name)
{
    for (const SettingInfo& s : settingsCatalog()) {
        if (name == QLatin1String(s.name))
            return &s;
    }
    return nullptr;
}

namespace {

// The settings file is plain text: it may name a PostgreSQL database, never hold its password.
QString databaseLocationProblem(const QString& value)
{
    if (value.isEmpty())
        return {};
    if (PostgresDatabase::isUrl(value)) {
        QString why;
        return PostgresDatabase::parse(value, &why) ? QString() : why;
    }
    if (value.contains(QLatin1String("://")))
        return QStringLiteral("expected a file path or a postgresql:// URL");
    if (!QDir::isAbsolutePath(value))
        return QStringLiteral("expected an absolute file path or a postgresql:// URL");
    return {};
}

} // namespace

std::optional<QVariant> parseSettingValue(const SettingInfo& setting, const QString& text, QString* problem)
{
    using T = SettingInfo::Type;
    const QString value = text.trimmed();
    auto fail = [problem](const QString& why) -> std::optional<QVariant> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    switch (setting.type) {
    case T::Text:
        if (QLatin1String(setting.name) == QLatin1String("database.location")) {
            if (const QString why = databaseLocationProblem(value); !why.isEmpty())
                return fail(why);
            return QVariant(value);
        }
        if (QLatin1String(setting.name) == QLatin1String("bot.name")) {
            if (const QString why = BotName::problem(text); !why.isEmpty())
                return fail(why);
            return QVariant(BotName::cleaned(text));
        }
        return QVariant(text);
    case T::Secret:
        return QVariant(text);
    case T::Bool: {
        const QString v = value.toLower();
        if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes") ||
            v == QLatin1String("on"))
            return QVariant(true);
        if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no") ||
            v == QLatin1String("off"))
            return QVariant(false);
        return fail(QStringLiteral("expected true or false"));
    }
    case T::Integer: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < setting.minimum || n > setting.maximum)
            return fail(QStringLiteral("expected a whole number from %1 to %2")
                            .arg(setting.minimum)
                            .arg(setting.maximum));
        return QVariant(n);
    }
    case T::Choice:
        if (!setting.choices.contains(value))
            return fail(
                QStringLiteral("expected one of: %1").arg(setting.choices.join(QStringLiteral(", "))));
        return QVariant(value);
    case T::Url: {
        if (value.isEmpty())
            return QVariant(QString());
        if (QLatin1String(setting.name) == QLatin1String("webhook.endpoint")) {
            if (const QString why = WebhookSettings::endpointProblem(value); !why.isEmpty())
                return fail(why);
            return QVariant(value);
        }
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return fail(QStringLiteral("expected an http:// or https:// URL"));
        return QVariant(value);
    }
    case T::Address:
        if (QHostAddress address; !address.setAddress(value))
            return fail(QStringLiteral("expected an IP address such as 127.0.0.1"));
        return QVariant(value);
    case T::FlowJson: {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isArray())
            return fail(QStringLiteral("expected a JSON array of rules"));
        const QList<FlowRule> rules = flowFromJson(document.array());
        if (rules.size() != document.array().size())
            return fail(QStringLiteral("a rule has an unknown match or action"));
        for (int i = 0; i < rules.size(); ++i) {
            if (const QString why = rules[i].problem(); !why.isEmpty())
                return fail(QStringLiteral("rule %1: %2").arg(i + 1).arg(why));
        }
        return QVariant(QString::fromUtf8(QJsonDocument(flowToJson(rules)).toJson(QJsonDocument::Compact)));
    }
    }
    return fail(QStringLiteral("unknown setting type"));
}

QString formatSettingValue(const SettingInfo& setting, const QVariant& value)
{
    if (setting.type == SettingInfo::Type::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    // A password someone wrote into the file by hand is not shown (opening refuses it anyway).
    if (QLatin1String(setting.name) == QLatin1String("database.location") &&
        PostgresDatabase::isUrl(value.toString()))
        return QUrl(value.toString()).toDisplayString(QUrl::RemovePassword);
    return value.toString();
}

} // namespace zapito
