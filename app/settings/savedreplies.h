// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSettings;

namespace zapito {

// One canned answer: typed as "/" and its name in the reply box, replaced by its text.
struct SavedReply
{
    QString name; // one word, no spaces: what follows the "/"
    QString text; // plain text, inserted as it is
    bool operator==(const SavedReply&) const = default;
};

// Settings → Saved replies: the team's canned answers (Chatwoot's canned responses), kept in
// QSettings as a JSON list. Every SavedReplies over the same settings agrees: the reply box reads
// the list each time "/" opens its list, so a reply saved on the page is offered at once.
class SavedReplies final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char* kSettingKey = "replies/saved";
    static constexpr int kMaxNameLength = 32;

    // `settingsFile` empty means the application's default QSettings.
    explicit SavedReplies(const QString& settingsFile = {}, QObject* parent = nullptr);
    ~SavedReplies() override;
    Q_DISABLE_COPY_MOVE(SavedReplies)

    QList<SavedReply> list() const;
    // Stores the replies with cleaned names; those left without a name or a text are dropped,
    // and of two with the same name (ignoring case) the first is kept.
    void setList(const QList<SavedReply>& replies);

    // What may follow the "/": letters, digits, '-' and '_' (a space or a line break ends it),
    // at most kMaxNameLength characters.
    static QString cleanedName(const QString& name);
    // The replies whose name starts with `typed` (ignoring case), in their order, then those
    // whose name contains it elsewhere.
    static QList<SavedReply> matching(const QList<SavedReply>& replies, const QString& typed);

signals:
    void changed();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace zapito
