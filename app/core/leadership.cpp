// SPDX-License-Identifier: Apache-2.0
#include "leadership.h"

#include "channelsettings.h"
#include "database.h"
#include "leaderlock.h"
#include "leadershipworker.h"
#include "seatpresence.h"
#include "secretstore.h"
#include "webhooksettings.h"

#include <QDateTime>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace zapito {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The secrets a leader needs: the signing secret while a webhook endpoint is active, and the
// tokens of the enabled channels. A process that cannot read one of them would lead an inbox
// whose leads go out unsigned or whose channel is dead, so it does not lead.
struct NeededSecret
{
    QString key;
    QString what;
};

} // namespace

Leadership::Leadership(Database& database, SecretStore& secrets, WebhookSettings& webhook,
                       ChannelSettings& channels, Mode mode, const SeatTimings& timings, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_webhook(webhook)
    , m_channels(channels)
{
    m_thread.setObjectName(QStringLiteral("leadership"));
    // The lock is made here, where the store's own connection may be read; it is used only on
    // the worker's thread from now on.
    m_worker =
        new LeadershipWorker(database, LeaderLock::forDatabase(database), mode,
                             QUuid::createUuid().toString(QUuid::WithoutBraces), nowMs(), timings, this);
    m_presence = std::make_unique<SeatPresence>(m_worker->presence());
    m_worker->moveToThread(&m_thread); // its presence worker, a child, goes with it
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

Leadership::~Leadership()
{
    *m_alive = false;
    m_presence.reset(); // nothing more is queued for the worker, which goes next
    // The worker goes when its thread ends: it deletes this process's row and lets go of the
    // lead (ends its PostgreSQL session) before anything of the owner stops.
    m_thread.quit();
    m_thread.wait();
}

QString Leadership::roleName(Role role)
{
    switch (role) {
    case Role::Leader:
        return QStringLiteral("leader");
    case Role::Standby:
        return QStringLiteral("standby");
    case Role::Seat:
        break;
    }
    return QStringLiteral("seat");
}

void Leadership::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->start(); }, Qt::QueuedConnection);
}

void Leadership::askEligibility()
{
    checkEligibility([this](const QString& reason) {
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, reason] { worker->eligibilityChecked(reason); },
            Qt::QueuedConnection);
    });
}

void Leadership::applyRole(Role role, const QString& note)
{
    m_note = note;
    if (m_role == role)
        return;
    m_role = role;
    emit roleChanged(role);
}

void Leadership::applyLeader(const std::optional<SeatRow>& leader, bool changed)
{
    m_leader = leader;
    if (changed)
        emit leaderChanged();
}

void Leadership::lost()
{
    emit leadershipLost(tr("This process lost its hold on the lead of the inbox (its connection to the "
                           "database ended), so another process may lead now; it stops, so that "
                           "nothing is sent twice."));
}

void Leadership::checkEligibility(std::function<void(QString reason)> done)
{
    QList<NeededSecret> needed;
    if (m_webhook.isActive())
        needed.append({QLatin1String(WebhookSettings::kSecretKey), tr("the webhook signing secret")});
    if (m_channels.telegram().enabled)
        needed.append({QLatin1String(TelegramConfig::kSecretKey), tr("the Telegram bot token")});
    if (m_channels.whatsapp().enabled) {
        needed.append({QLatin1String(WhatsAppConfig::kAccessTokenKey), tr("the WhatsApp access token")});
        needed.append({QLatin1String(WhatsAppConfig::kAppSecretKey), tr("the WhatsApp app secret")});
    }
    if (needed.isEmpty()) {
        done({});
        return;
    }
    // Read one after the other; the first that cannot be read is the reason. Each pending read
    // holds the next step, so the chain lives exactly as long as a read is outstanding.
    auto step = std::make_shared<std::function<void(qsizetype)>>();
    *step = [this, alive = std::weak_ptr<bool>(m_alive), needed, done = std::move(done),
             self = std::weak_ptr<std::function<void(qsizetype)>>(step)](qsizetype i) {
        if (i == needed.size()) {
            done({});
            return;
        }
        auto next = self.lock();
        m_secrets.read(needed[i].key, [this, alive, needed, done, next, i](std::optional<QString> value,
                                                                           const QString& error) {
            if (alive.expired())
                return;
            if (!error.isEmpty() || !value || value->isEmpty()) {
                done(tr("This process cannot lead: %1 cannot be read here (%2). It stays a seat.")
                         .arg(needed[i].what, error.isEmpty() ? tr("not set") : error));
                return;
            }
            (*next)(i + 1);
        });
    };
    (*step)(0);
}

Expected<QList<Leadership::SeatRow>> Leadership::online(const QSqlDatabase& db, qint64 now)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, host, pid, role, started_at_ms, COALESCE(leading_since_ms, 0), "
                             "heartbeat_at_ms, note FROM seats WHERE heartbeat_at_ms >= ? "
                             "ORDER BY CASE role WHEN 'leader' THEN 0 WHEN 'standby' THEN 1 ELSE 2 END, "
                             "started_at_ms, id"));
    q.addBindValue(now - kGoneAfterMs);
    if (!q.exec())
        return Expected<QList<SeatRow>>::failure(q.lastError().text());
    QList<SeatRow> rows;
    while (q.next()) {
        rows.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                     q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                     q.value(6).toLongLong(), q.value(7).toString()});
    }
    return rows;
}

QString Leadership::summary() const
{
    if (m_role == Role::Leader)
        return tr("This window leads: it runs the channels, the bot and the webhook.");
    if (!m_leader)
        return m_note.isEmpty() ? tr("No process leads this inbox: nothing is received or sent.") : m_note;
    const QString since =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_leader->leadingSinceMs), QLocale::ShortFormat);
    return tr("Led by %1, since %2").arg(m_leader->host, since);
}

} // namespace zapito
