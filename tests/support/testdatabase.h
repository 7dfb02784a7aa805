// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QTemporaryDir>

#include <memory>

namespace zapito::test {

// A real SQLite file in a fresh temporary folder, removed with the object.
class TestDatabase
{
public:
    TestDatabase();
    QString path() const { return m_dir.filePath(QStringLiteral("inbox.sqlite")); }
    QString filePath(const QString& name) const { return m_dir.filePath(name); }
    // Opens (creating and migrating) the database; fails the calling test when it cannot.
    std::unique_ptr<Database> open(const Database::Options& options = {}) const;

private:
    QTemporaryDir m_dir;
};

} // namespace zapito::test
