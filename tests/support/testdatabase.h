// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QTemporaryDir>

#include <memory>

namespace zapito::test {

// A store of its own for one test, removed with the object: a real SQLite file in a fresh
// temporary folder, or, when the test runs as <name>_postgresql (ZAPITO_TEST_DIALECT=postgresql,
// tests/CMakeLists.txt), a fresh database on the throw-away PostgreSQL cluster whose URL the
// cluster fixture wrote to ZAPITO_TEST_POSTGRES_URL_FILE. Each gets a database named after the
// test, its process and a counter, so tests running in parallel never share one.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    // True when this test run is the PostgreSQL one.
    static bool isPostgreSQL();
    // What Database::open takes: the SQLite file, or the PostgreSQL URL.
    QString path() const;
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    // Opens (creating and migrating) the database; fails the calling test when it cannot.
    std::unique_ptr<Database> open(const Database::Options& options = {}) const;

private:
    QTemporaryDir m_dir;
    QString m_postgresUrl;
    QString m_postgresDatabase;
};

} // namespace zapito::test
