// SPDX-License-Identifier: Apache-2.0
#include "testdatabase.h"

#include <QTest>

namespace zapito::test {

TestDatabase::TestDatabase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

std::unique_ptr<Database> TestDatabase::open(const Database::Options& options) const
{
    DatabaseOpenError error;
    auto db = Database::open(path(), options, &error);
    if (!db)
        qWarning("cannot open test database: %s", qPrintable(error.message));
    return db;
}

} // namespace zapito::test
