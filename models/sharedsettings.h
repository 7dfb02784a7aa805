// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QThread>

#include <functional>
#include <optional>

namespace zapito {

class ChangeWatcher;
class Database;
class StoreReader;

// The settings every seat of a store must agree on (the webhook, the bot, the channels), kept in
// the store's `shared_settings` table (migration 0011) instead of each machine's settings file.
// Never a secret: those stay in each machine's keychain.
//
// Reads answer from a copy in memory, so no caller ever waits on the store (on PostgreSQL a read
// is a round trip): the copy is read once when the store opens (load(), before the event loop
// runs, as the migrations are) and again on the reader thread whenever the change log says a
// setting changed (follow()). A write takes effect here at once and goes to the store on a thread
// of its own, all its keys in one statement; until it is written, a re-read keeps the value
// written here. A write the store refused is read back from the store and reported.
class SharedSettings final : public QObject
{
    Q_OBJECT
public:
    using Values = QHash<QString, QString>;
    using Done = std::function<void(Status)>;

    explicit SharedSettings(const Database& database, QObject* parent = nullptr);
    ~SharedSettings() override;
    Q_DISABLE_COPY_MOVE(SharedSettings)

    // Reads every row on the store's own connection (blocking: at open, like the migrations).
    Status load();
    // Stores each of `values` whose key the store has no row for, never over a row that is there
    // (also when two processes do it at the same moment), then load()s. Blocking, at open.
    Status adopt(const Values& values);
    // Writes `values` now on the store's own connection and waits for the answer: for the command
    // line, which has no window to keep responsive.
    Status setNow(const Values& values);

    // Takes `values` for keys the store has no row for, in memory only: a command that may not
    // write sees what the first open will copy into the store.
    void assume(const Values& values);

    bool contains(const QString& key) const { return m_values.contains(key); }
    std::optional<QString> value(const QString& key) const;
    Values values() const { return m_values; }

    // Takes effect here at once (changed() is emitted), then is written on the writer thread;
    // `done` gets the store's answer on this thread.
    void set(const Values& values, Done done = {});

    // Reads the table again on `reader` whenever `changes` announces a setting changed elsewhere.
    void follow(ChangeWatcher& changes, StoreReader& reader);
    // Reads the table again on the reader given to follow() and announces what differs.
    void refresh();

    // One statement that writes `values` (an upsert, or with `keepExisting` an insert that leaves
    // rows already there alone), for the connection given; on any thread.
    static Status write(const QSqlDatabase& db, const Values& values, bool keepExisting);
    static std::optional<Values> readAll(const QSqlDatabase& db, QString* error = nullptr);

signals:
    // The keys whose value changed, here or in another process.
    void changed(const QStringList& keys);
    // A write the store refused (the value shown again is the store's).
    void writeFailed(const QString& error);

private:
    void applyRead(const Values& stored);
    void store(const Values& values, Done done);

    const Database& m_database;
    Values m_values;
    QHash<QString, int> m_writing; // key → writes of it under way from here
    StoreReader* m_reader = nullptr;
    QThread m_thread;
    QObject* m_writer = nullptr; // lives on m_thread
};

} // namespace zapito
