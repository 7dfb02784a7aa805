// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

// A read-then-write transaction that takes the write lock at its start (BEGIN IMMEDIATE on
// SQLite), so two writers never deadlock upgrading a read lock. Rolls back unless committed.
class WriteTransaction final
{
public:
    explicit WriteTransaction(QSqlDatabase db)
        : m_db(std::move(db))
    {
        QSqlQuery q(m_db);
        m_active = q.exec(SqlDialect::forDatabase(m_db).beginWriteTransaction());
        if (!m_active) {
            m_busy = isBusy(q.lastError());
            m_error = m_busy ? busyMessage() : q.lastError().text();
        }
    }
    ~WriteTransaction()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    bool isActive() const { return m_active; }
    // Another connection held the write lock for longer than this one's busy timeout.
    bool isBusy() const { return m_busy; }
    const QString& error() const { return m_error; }

    Status commit()
    {
        QSqlQuery q(m_db);
        if (!m_active)
            return Status::failure(m_error);
        m_active = false;
        if (!q.exec(QStringLiteral("COMMIT"))) {
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            return Status::failure(q.lastError().text());
        }
        return Status::ok();
    }

    // SQLITE_BUSY / SQLITE_LOCKED, or PostgreSQL's lock_not_available (55P03, lock_timeout ran
    // out): another connection or program writes right now.
    static bool isBusy(const QSqlError& error)
    {
        const QString code = error.nativeErrorCode();
        return code == QLatin1String("5") || code == QLatin1String("6") || code == QLatin1String("55P03");
    }
    // What a person reads when their change met someone else's lock: nothing happened, and
    // trying again is safe.
    static QString busyMessage()
    {
        return QCoreApplication::translate("WriteTransaction",
                                           "Another program is writing to the inbox right now, so nothing "
                                           "was changed. Try again in a moment.");
    }

private:
    QSqlDatabase m_db;
    bool m_busy = false;
    bool m_active = false;
    QString m_error;
};

} // namespace zapito
