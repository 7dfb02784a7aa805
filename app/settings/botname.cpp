// SPDX-License-Identifier: Apache-2.0
#include "botname.h"

#include "botsettings.h"

#include <QCoreApplication>

namespace zapito {

BotName::BotName(BotSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_current(name())
{
    connect(&m_settings, &BotSettings::changed, this, &BotName::reread);
}

QString BotName::name() const
{
    const QString stored = cleaned(m_settings.value(QLatin1String(kSettingKey)).toString());
    if (!stored.isEmpty())
        return stored;
    // The default as the first run stored it, in that run's language.
    const QString firstRun =
        cleaned(m_settings.value(QLatin1String(BotSettings::kDefaultBotNameKey)).toString());
    return firstRun.isEmpty() ? defaultName() : firstRun;
}

bool BotName::isSet() const
{
    return !cleaned(m_settings.value(QLatin1String(kSettingKey)).toString()).isEmpty();
}

void BotName::set(const QString& name)
{
    const QString value = cleaned(name);
    if (value == cleaned(m_settings.value(QLatin1String(kSettingKey)).toString()))
        return;
    m_settings.setValue(QLatin1String(kSettingKey), value); // emits BotSettings::changed → reread()
}

bool BotName::setFromChannel(const QString& name)
{
    if (isSet() || cleaned(name).isEmpty())
        return false;
    set(name);
    return true;
}

QString BotName::defaultName()
{
    return QCoreApplication::translate("zapito::BotName", "My bot");
}

QString BotName::cleaned(const QString& name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name)
        out.append(c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line ||
                           c.category() == QChar::Separator_Paragraph
                       ? QChar(u' ')
                       : c);
    out = out.simplified();
    if (out.size() > kMaxLength) {
        out.truncate(kMaxLength);
        if (out.back().isHighSurrogate()) // never cut a character in half
            out.chop(1);
        out = out.trimmed();
    }
    return out;
}

QString BotName::problem(const QString& name)
{
    QString simple = name.simplified();
    if (simple.size() > kMaxLength)
        return QCoreApplication::translate("zapito::BotName", "at most %1 characters").arg(kMaxLength);
    if (cleaned(name) != simple)
        return QCoreApplication::translate("zapito::BotName", "control characters are not allowed");
    return {};
}

void BotName::reread()
{
    const QString now = name();
    if (now == m_current)
        return;
    m_current = now;
    emit changed(now);
}

} // namespace zapito
