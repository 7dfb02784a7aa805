// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "sqldialect.h"

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
        if (!m_active)
            m_error = q.lastError().text();
    }
    ~WriteTransaction()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    bool isActive() const { return m_active; }
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

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace zapito
