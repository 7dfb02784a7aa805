// SPDX-License-Identifier: Apache-2.0
#include "savedreplies.h"

#include "settingsfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace zapito {

namespace {
const QString kName = QStringLiteral("name");
const QString kText = QStringLiteral("text");
} // namespace

SavedReplies::SavedReplies(const QString& settingsFile, QObject* parent)
    : QObject(parent)
    , m_settings(openSettings(settingsFile))
{}

SavedReplies::~SavedReplies() = default;

QList<SavedReply> SavedReplies::list() const
{
    m_settings->sync(); // another SavedReplies (the Settings page) may have written since
    const QJsonArray stored =
        QJsonDocument::fromJson(m_settings->value(QLatin1String(kSettingKey)).toString().toUtf8()).array();
    QList<SavedReply> replies;
    for (const QJsonValue& item : stored) {
        const QJsonObject o = item.toObject();
        SavedReply reply{cleanedName(o.value(kName).toString()), o.value(kText).toString()};
        if (!reply.name.isEmpty() && !reply.text.trimmed().isEmpty())
            replies << reply;
    }
    return replies;
}

void SavedReplies::setList(const QList<SavedReply>& replies)
{
    QJsonArray stored;
    QSet<QString> names;
    for (const SavedReply& reply : replies) {
        const QString name = cleanedName(reply.name);
        if (name.isEmpty() || reply.text.trimmed().isEmpty() || names.contains(name.toCaseFolded()))
            continue;
        names.insert(name.toCaseFolded());
        stored.append(QJsonObject{{kName, name}, {kText, reply.text}});
    }
    m_settings->setValue(QLatin1String(kSettingKey),
                         QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
    m_settings->sync();
    emit changed();
}

QString SavedReplies::cleanedName(const QString& name)
{
    QString out;
    for (const QChar c : name.trimmed()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_')
            out.append(c);
        else if (c.isSpace() && !out.endsWith(u'-'))
            out.append(u'-');
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    if (out.size() > kMaxNameLength) {
        out.truncate(kMaxNameLength);
        if (out.back().isHighSurrogate())
            out.chop(1);
    }
    return out;
}

QList<SavedReply> SavedReplies::matching(const QList<SavedReply>& replies, const QString& typed)
{
    QList<SavedReply> first;
    QList<SavedReply> then;
    for (const SavedReply& reply : replies) {
        if (reply.name.startsWith(typed, Qt::CaseInsensitive))
            first << reply;
        else if (reply.name.contains(typed, Qt::CaseInsensitive))
            then << reply;
    }
    return first + then;
}

} // namespace zapito
