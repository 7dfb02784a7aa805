// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "benchsupport.h"
#include "inboxscenario.h"

#include <QHash>

#include <functional>
#include <memory>

class QWidget;

namespace zapito {
class InboxServices;
class MainWindow;
} // namespace zapito

namespace zapito::bench {

// The product: InboxServices (the composition root the app runs on) and the real MainWindow,
// shown offscreen and driven the way the operator drives it. With recording on, it keeps the
// SQL each step ran, for the limit to replay.
class ProductInbox final : public InboxScenario
{
public:
    explicit ProductInbox(bool recordSql = false);
    ~ProductInbox() override;

    double openAndPaintFirstPage(const QString& databasePath) override;
    double toggleNeedsHuman(bool on) override;
    double search(const QString& text) override;
    double openTranscript(const QString& conversationId) override;
    double liveMessage(qint64 atMs) override;
    double markResolved(qint64 atMs) override;

    const QHash<Step, QStringList>& recordedSql() const { return m_sql; }

private:
    double timeUntilPainted(QWidget* target, Step step, const std::function<void()>& action);
    QWidget* list() const;
    QWidget* transcript() const;

    bool m_recordSql = false;
    bool m_verbose = false; // ZAPITO_BENCH_PAINT=1: when each action returned, and every paint
    std::unique_ptr<SqlRecorder> m_recorder;
    QHash<Step, QStringList> m_sql;
    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace zapito::bench
