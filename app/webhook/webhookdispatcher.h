// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "deliverystore.h"
#include "domain.h"
#include "testeventresult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace zapito {

class HttpClient;
struct HttpResult;
class WebhookSettings;

// Delivers each handoff's stored webhook body, signed, to the configured endpoint: one
// attempt, exactly one retry after retryDelay() on anything but a 2xx (redirects are never
// followed; a request without a complete answer within deadline() fails), every attempt and
// the outcome recorded through the DeliveryStore. Pending deliveries live in the outbox, so
// resumePending() at start-up finishes what a quit or crash interrupted, and a periodic sweep
// (sweepInterval()) claims and delivers any due row that no live lease holds. Never
// blocks, and a delivery never waits for a restart: a signing secret that cannot be read right
// now (a slow or locked keychain, a damaged secrets file) is asked for again after
// secretRetryDelay() without counting as an attempt, and a store that fails is tried again
// after storeRetryDelay(). Sample conversations are refused at every entry point. Every attempt,
// a Resend's too, starts with a claim of its outbox row (a lease on the store's clock and a
// fencing token), so with many processes on one store each attempt goes out from one of them,
// and a process that lost its lease records nothing over the one that took the row next.
class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // UTC milliseconds since the epoch

    static constexpr std::chrono::milliseconds kDefaultRetryDelay{30'000};
    static constexpr std::chrono::milliseconds kDefaultDeadline{10'000};
    static constexpr std::chrono::milliseconds kDefaultSecretRetryDelay{10'000};
    static constexpr std::chrono::milliseconds kDefaultStoreRetryDelay{5'000};
    static constexpr std::chrono::milliseconds kDefaultSweepInterval{30'000};
    // QTimer takes an int of milliseconds (Qt 6.4 truncates a longer std::chrono value, which can
    // wrap negative and never fire), and even INT_MAX overflows its remainingTime() once coarse
    // timer slack is added: a longer wait is cut to one day and checked again on wake-up.
    static constexpr std::chrono::milliseconds kMaxTimerDelay{std::chrono::hours(24)};
    static constexpr int kMaxAttempts = 2; // the first attempt and one retry
    static constexpr qsizetype kExcerptBytes = 1024;
    // A sweep claims due rows this many at a time, at most kSweepBatches times; the next sweep
    // takes whatever is left.
    static constexpr int kSweepBatchRows = 100;
    static constexpr int kSweepBatches = 10;

    WebhookDispatcher(DeliveryStore& deliveries, WebhookSettings& settings, QObject* parent = nullptr);
    ~WebhookDispatcher() override;
    Q_DISABLE_COPY_MOVE(WebhookDispatcher)

    void setRetryDelay(std::chrono::milliseconds delay) { m_retryDelay = delay; }
    // Also sets the claim lease: 2 × deadline, renewed every deadline / 2 while the delivery is
    // queued or in flight in this process.
    void setDeadline(std::chrono::milliseconds deadline);
    void setSecretRetryDelay(std::chrono::milliseconds delay) { m_secretRetryDelay = delay; }
    void setStoreRetryDelay(std::chrono::milliseconds delay) { m_storeRetryDelay = delay; }
    // Takes effect at the next resumePending(); zero or less switches the sweep off.
    void setSweepInterval(std::chrono::milliseconds interval) { m_sweepInterval = interval; }
    // Tests only: a lower ceiling for every timer, to show a clamped wait checks again on wake-up.
    void setMaxTimerDelay(std::chrono::milliseconds ceiling) { m_maxTimerDelay = ceiling; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    std::chrono::milliseconds deadline() const { return m_deadline; }
    std::chrono::milliseconds secretRetryDelay() const { return m_secretRetryDelay; }
    std::chrono::milliseconds storeRetryDelay() const { return m_storeRetryDelay; }
    std::chrono::milliseconds sweepInterval() const { return m_sweepInterval; }
    std::chrono::milliseconds leaseDuration() const { return 2 * m_deadline; }

    // Deliveries with a request in flight (or an attempt being recorded) or waiting for a timer.
    bool isBusy() const { return !m_inFlight.isEmpty() || !m_timers.isEmpty(); }
    bool isSweeping() const { return m_sweep.isActive(); }

    static QByteArray userAgent(); // "ZapitoInbox/<version>"

public slots:
    // Starts the delivery owed for this handoff event (its outbox row), if not already under way.
    void deliver(qint64 handoffEventId);
    // Schedules every outbox row: due ones now, the others when they fall due; then starts the
    // periodic sweep.
    void resumePending();
    // Claims every due outbox row no live lease holds (DeliveryStore::claimDue) and delivers it:
    // a row this process already works on holds a lease it renews, so it is passed over.
    void sweep();
    // The operator's Resend (or Send now): a delivery still owed goes out now, instead of at its
    // retry time; one that ended (sent, failed, skipped) is sent again as one more attempt, kind
    // "resend". Returns what happens, in a sentence for the operator (also emitted as notice()).
    QString resend(qint64 handoffEventId);
    // Posts a sample payload (reason "test") to the saved endpoint with the saved secret.
    void sendTestEvent();
    // The same, to an endpoint and secret not saved yet (the dialog's unsaved form).
    void sendTestEvent(const QString& endpoint, const QString& secret);

signals:
    void deliveryChanged(qint64 handoffEventId, const QString& conversationId);
    void testEventFinished(const zapito::TestEventResult& result);
    // What an operator should hear about a delivery that its recorded attempts do not show: the
    // answer to a resend, a secret that cannot be read right now, a store that failed. The
    // delivery carries on by itself; nothing needs doing unless the text says so.
    void notice(qint64 handoffEventId, const QString& text);

private:
    enum class Kind
    {
        First,
        Retry,
        Resend
    };
    // The exchange, and what the attempt records about it (empty on a 2xx).
    using HttpDone = std::function<void(const HttpResult& result, const QString& error)>;

    bool refusedAsSample(qint64 handoffEventId);
    // Empty when the attempt started (its secret is being read); else why it did not.
    QString startAttempt(qint64 handoffEventId, Kind kind);
    // The same from a claim already made (startAttempt's own, or one of the sweep's).
    QString startClaimed(const OutboxClaim& claim);
    void startSwept(const OutboxClaim& claim);
    void sendWithSecret(qint64 handoffEventId, Kind kind, const QString& secret);
    void secretUnavailable(qint64 handoffEventId, Kind kind, const QString& error);
    void finishAttempt(qint64 handoffEventId, Kind kind, qint64 startedAtMs, const HttpResult& result,
                       const QString& error);
    void fail(qint64 handoffEventId, Kind kind, const QString& error);
    void record(const DeliveryAttempt& attempt, const DeliveryStore::AfterAttempt& after);
    void record(const DeliveryAttempt& attempt, const DeliveryStore::AfterAttempt& after, qint64 token);
    static Kind kindOf(const OutboxRow& row);
    void storeFailed(qint64 handoffEventId, const QString& what, const QString& error);
    void release(qint64 handoffEventId);
    void renewLeases();
    void scheduleAt(qint64 handoffEventId, qint64 dueAtMs);
    bool cancelTimer(qint64 handoffEventId);
    void startClamped(QTimer& timer, qint64 delayMs) const;
    void post(const QUrl& url, const QByteArray& secret, const QByteArray& body, const QByteArray& deliveryId,
              HttpDone done);
    QString attemptError(const HttpResult& result) const;
    QString timeText(qint64 atMs) const;
    qint64 now() const;

    DeliveryStore& m_deliveries;
    WebhookSettings& m_settings;
    HttpClient& m_http;
    Clock m_clock;
    std::chrono::milliseconds m_retryDelay = kDefaultRetryDelay;
    std::chrono::milliseconds m_deadline = kDefaultDeadline;
    std::chrono::milliseconds m_secretRetryDelay = kDefaultSecretRetryDelay;
    std::chrono::milliseconds m_storeRetryDelay = kDefaultStoreRetryDelay;
    std::chrono::milliseconds m_sweepInterval = kDefaultSweepInterval;
    std::chrono::milliseconds m_maxTimerDelay = kMaxTimerDelay;
    QSet<qint64> m_inFlight;          // deliveries between claim (or resend) and the recorded attempt
    QHash<qint64, qint64> m_leased;   // those of them holding a claim on their outbox row: its token
    QSet<qint64> m_lostLeases;        // claims another process took over after their lease ran out
    QHash<qint64, QTimer*> m_timers;  // deliveries waiting to fall due (a retry, a secret, the store)
    QHash<qint64, qint64> m_dueAt;    // when each of those timers' deliveries falls due
    QHash<qint64, QString> m_waiting; // why a delivery waits, when it is not its retry delay
    QTimer m_sweep;
    QTimer m_leaseRenewal;
    QTimer m_resumeAgain; // resumePending() after the outbox could not be read
};

} // namespace zapito
