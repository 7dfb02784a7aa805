// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

namespace zapito {

class BotSettings;

// The bot's name, as bubbles and every webhook's `bot.name` show it: the `bot.name` setting
// (Settings → Bot, `zapito-inbox settings set bot.name`), else defaultName(). A channel that
// knows the bot's own name (Telegram's getMe) offers it through setFromChannel(), which only
// fills a name nobody chose. The store's bots row stays what payloads read: whoever wires the
// app renames it (ConversationStore::renameBot) on changed().
//
// Every BotName over the same BotSettings agrees: each re-reads on BotSettings::changed(), so
// the Bot page's own instance and the composition root's both see a name either one sets.
class BotName final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxLength = 64; // what Telegram allows for a bot's name
    static constexpr const char* kSettingKey = "bot/name";

    explicit BotName(BotSettings& settings, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(BotName)

    // The setting, or while it is unset the default the first run stored (else defaultName()).
    QString name() const;
    bool isSet() const;
    // Stores cleaned(name); an empty name unsets the setting.
    void set(const QString& name);
    // Takes a channel's name for the bot only while none is set, so an operator's choice is never
    // overwritten by a reconnect. True when it was taken.
    bool setFromChannel(const QString& name);

    static QString defaultName();
    // One line without control characters, at most kMaxLength characters: the name reaches
    // bubbles, webhook bodies and the terminal, and a newline or escape there is never wanted.
    static QString cleaned(const QString& name);
    // "" when `name` can be stored as given (after trimming), else why not; for the command line.
    static QString problem(const QString& name);

signals:
    // The name now in effect (defaultName() when the setting was cleared).
    void changed(const QString& name);

private:
    void reread();

    BotSettings& m_settings;
    QString m_current;
};

} // namespace zapito
