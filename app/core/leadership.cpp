// SPDX-License-Identifier: Apache-2.0
#include "leadership.h"

#include "channelsettings.h"
#include "database.h"
#include "leaderlock.h"
#include "secretstore.h"
#include "webhooksettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

Q_LOGGING_CATEGORY(lcLeadership, "zapito.leadership")

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
                       ChannelSettings& channels, Mode mode, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
    , m_webhook(webhook)
    , m_channels(channels)
    , m_mode(mode)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_startedAtMs(nowMs())
    , m_lock(LeaderLock::forDatabase(database))
{
    m_poll.setInterval(kLockPoll);
    connect(&m_poll, &QTimer::timeout, this, &Leadership::contend);
    m_heartbeat.setInterval(kHeartbeat);
    connect(&m_heartbeat, &QTimer::timeout, this, &Leadership::beat);
    m_holding.setInterval(kLockPoll);
    connect(&m_holding, &QTimer::timeout, this, &Leadership::checkStillLeading);
}

Leadership::~Leadership()
{
    *m_alive = false;
    // A clean exit leaves no row behind; a crash leaves one that ages out.
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("DELETE FROM seats WHERE id = ?"));
    q.addBindValue(m_id);
    (void)q.exec();
    if (m_lock->isLocked())
        m_lock->unlock();
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
    if (m_mode == Mode::Window) {
        // The window leads only a store nobody leads when it opens; otherwise it is a seat for
        // its whole session (a --headless standby is what takes over from a leader that goes).
        if (!m_lock->tryLock()) {
            m_lock->unlock(); // a window never asks again: no PostgreSQL session kept for it
            setRole(Role::Seat);
            beat();
            m_heartbeat.start();
            return;
        }
        checkEligibility([this](const QString& reason) {
            if (reason.isEmpty()) {
                becomeLeader();
                return;
            }
            m_lock->unlock();
            m_note = reason;
            setRole(Role::Seat);
            emit notice(reason);
            beat();
        });
        if (m_role != Role::Leader)
            beat();
        m_heartbeat.start();
        return;
    }
    setRole(Role::Standby);
    beat();
    m_heartbeat.start();
    m_poll.start();
    // Said at once, not only when the leader goes: a standby that could never lead is a seat.
    m_lastEligibilityCheckMs = nowMs();
    checkEligibility([this](const QString& reason) {
        if (reason.isEmpty()) {
            contend();
            return;
        }
        m_note = reason;
        setRole(Role::Seat);
        emit notice(reason);
        beat();
    });
}

void Leadership::contend()
{
    if (m_role == Role::Leader || m_checking)
        return;
    // Ineligible: ask for the secrets again now and then (a keychain unlocked since).
    if (!m_note.isEmpty() && nowMs() - m_lastEligibilityCheckMs < kEligibilityRetry.count())
        return;
    if (m_note.isEmpty() && !m_lock->tryLock())
        return;
    m_lastEligibilityCheckMs = nowMs();
    checkEligibility([this](const QString& reason) {
        if (reason.isEmpty()) {
            const bool wasIneligible = !m_note.isEmpty();
            m_note.clear();
            if (wasIneligible && !m_lock->tryLock()) {
                setRole(Role::Standby);
                beat();
                return;
            }
            becomeLeader();
            return;
        }
        if (m_lock->isLocked())
            m_lock->unlock();
        const bool changed = m_note != reason;
        m_note = reason;
        setRole(Role::Seat);
        if (changed)
            emit notice(reason);
        beat();
    });
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
    m_checking = true;
    // Read one after the other; the first that cannot be read is the reason. Each pending read
    // holds the next step, so the chain lives exactly as long as a read is outstanding.
    auto step = std::make_shared<std::function<void(qsizetype)>>();
    *step = [this, alive = std::weak_ptr<bool>(m_alive), needed, done = std::move(done),
             self = std::weak_ptr<std::function<void(qsizetype)>>(step)](qsizetype i) {
        if (i == needed.size()) {
            m_checking = false;
            done({});
            return;
        }
        auto next = self.lock();
        m_secrets.read(needed[i].key, [this, alive, needed, done, next, i](std::optional<QString> value,
                                                                           const QString& error) {
            if (alive.expired())
                return;
            if (!error.isEmpty() || !value || value->isEmpty()) {
                m_checking = false;
                done(tr("This process cannot lead: %1 cannot be read here (%2). It stays a seat.")
                         .arg(needed[i].what, error.isEmpty() ? tr("not set") : error));
                return;
            }
            (*next)(i + 1);
        });
    };
    (*step)(0);
}

void Leadership::becomeLeader()
{
    m_poll.stop();
    m_leadingSinceMs = nowMs();
    qCInfo(lcLeadership) << "this process leads" << m_database.path();
    // A leader row still beating its last seconds is a process that died holding the lock (this
    // one could take it over only then): it no longer leads.
    QSqlQuery gone(m_database.connection());
    gone.prepare(QStringLiteral("DELETE FROM seats WHERE role = 'leader' AND id <> ?"));
    gone.addBindValue(m_id);
    (void)gone.exec();
    setRole(Role::Leader);
    beat();
    m_holding.start();
}

void Leadership::checkStillLeading()
{
    if (m_role != Role::Leader || m_lock->stillHeld())
        return;
    m_holding.stop();
    qCWarning(lcLeadership) << "this process no longer holds the leader lock" << m_database.path();
    setRole(m_mode == Mode::Standby ? Role::Standby : Role::Seat);
    emit leadershipLost(tr("This process lost its hold on the lead of the inbox (its connection to the "
                           "database ended), so another process may lead now; it stops, so that "
                           "nothing is sent twice."));
}

void Leadership::setRole(Role role)
{
    if (m_role == role)
        return;
    m_role = role;
    emit roleChanged(role);
}

void Leadership::beat()
{
    QSqlDatabase db = m_database.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO seats (id, host, pid, role, started_at_ms, leading_since_ms, heartbeat_at_ms, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET role = excluded.role, "
        "leading_since_ms = excluded.leading_since_ms, heartbeat_at_ms = excluded.heartbeat_at_ms, "
        "note = excluded.note"));
    q.addBindValue(m_id);
    q.addBindValue(QSysInfo::machineHostName());
    q.addBindValue(QCoreApplication::applicationPid());
    q.addBindValue(roleName(m_role));
    q.addBindValue(m_startedAtMs);
    q.addBindValue(m_role == Role::Leader ? QVariant(m_leadingSinceMs)
                                          : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(nowMs());
    q.addBindValue(m_note.isNull() ? QStringLiteral("") : m_note);
    // A busy moment only delays the heartbeat: the next one comes in a few seconds.
    if (!q.exec())
        qCDebug(lcLeadership) << "heartbeat not written:" << q.lastError().text();

    std::optional<SeatRow> leader;
    if (m_role == Role::Leader) {
        leader = SeatRow{m_id,
                         QSysInfo::machineHostName(),
                         QCoreApplication::applicationPid(),
                         roleName(m_role),
                         m_startedAtMs,
                         m_leadingSinceMs,
                         nowMs(),
                         {}};
    } else if (const auto rows = online(db, nowMs())) {
        for (const SeatRow& row : *rows) {
            if (row.role == QLatin1String("leader")) {
                leader = row;
                break;
            }
        }
    }
    const bool changed = leader.has_value() != m_leader.has_value() ||
                         (leader && (leader->id != m_leader->id || leader->host != m_leader->host));
    m_leader = leader;
    if (changed)
        emit leaderChanged();
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
