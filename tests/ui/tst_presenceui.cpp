// SPDX-License-Identifier: Apache-2.0
#include "conversationlistmodel.h"
#include "fakechannel.h"
#include "inboxfixture.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "operatorname.h"
#include "pipelinewait.h"
#include "presencelabel.h"
#include "replybox.h"
#include "selectioncontroller.h"
#include "transcriptpane.h"

#include <QDeadlineTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace zapito;
using namespace std::chrono_literals;

namespace {
constexpr int kSeenBoundMs = 10'000; // only the limit of the waits below

SeatTimings shortTimings()
{
    SeatTimings t;
    t.heartbeat = 200ms;
    t.goneAfter = 2000ms;
    t.presencePoll = 100ms;
    t.typingThrottle = 300ms;
    t.typingLasts = 2000ms;
    return t;
}
} // namespace

// Presence in the window: another seat on the same store views and types in a conversation,
// and its row and the line above the reply box say so; what this window shows and types reaches
// the other seat; a hidden window views nothing. The line itself: plain text, elided, hidden
// when nobody else is there.
class tst_PresenceUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString path() const { return m_dir->filePath(QStringLiteral("inbox.sqlite")); }
    std::unique_ptr<InboxServices> seat()
    {
        DatabaseOpenError error;
        auto services =
            InboxServices::create(path(), &error, nullptr, Leadership::Mode::Window, shortTimings());
        if (!services)
            qWarning("%s", qPrintable(error.message));
        return services;
    }
    // Waits, bounded, on `signal` of `sender` until `done` holds.
    template<typename Sender, typename Signal>
    static bool waitOn(Sender* sender, Signal signal, const std::function<bool()>& done)
    {
        QSignalSpy spy(sender, signal);
        const QDeadlineTimer deadline(kSeenBoundMs);
        while (!done()) {
            if (deadline.hasExpired() || !spy.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
                return done();
        }
        return true;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void anotherSeat_showsOnItsRowAndAboveTheReplyBox_andThisWindowsReachesIt()
    {
        test::FakeChannel whatsapp(QStringLiteral("whatsapp")); // connected: the reply box takes keys
        auto mine = seat();
        auto theirs = seat();
        QVERIFY(mine && theirs);
        mine->channels().add(&whatsapp);
        auto id = test::receiveAndDecide(mine->engine(), mine->store(), QStringLiteral("whatsapp"),
                                         QStringLiteral("5511999990001"), QStringLiteral("Olga"),
                                         QStringLiteral("hello"), QDateTime::currentDateTimeUtc());
        QVERIFY2(id, qPrintable(id.error()));
        MainWindow window(*mine);
        window.selection().setLoadDelay(0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(test::waitForReader(mine->store().reader()));
        ConversationListModel& list = window.listModel();
        QCOMPARE(list.rowCount(), 1);
        QVERIFY(window.selection().select(*id));
        QTRY_COMPARE_WITH_TIMEOUT(window.transcriptPane()->conversationId(), *id, kSeenBoundMs);
        auto* label = window.findChild<PresenceLabel*>(QStringLiteral("presenceLabel"));
        QVERIFY(label);
        QVERIFY(!label->isVisible()); // alone: nothing shown

        SeatPresence& other = theirs->presence();
        other.setOperatorName(QStringLiteral("Carla"));
        other.watch();
        other.setViewing(*id);
        const QString viewing = QStringLiteral("\u2068Carla\u2069 is viewing");
        QVERIFY(waitOn(&list, &QAbstractItemModel::dataChanged, [&] {
            return list.index(0).data(ConversationRoles::PresenceTextRole).toString() == viewing;
        }));
        QVERIFY(label->isVisible());
        QCOMPARE(label->fullText(), viewing);
        QCOMPARE(label->textFormat(), Qt::PlainText);

        other.typed();
        const QString typing = QStringLiteral("\u2068Carla\u2069 is typing…");
        QVERIFY(waitOn(&list, &QAbstractItemModel::dataChanged, [&] {
            return list.index(0).data(ConversationRoles::PresenceTextRole).toString() == typing;
        }));
        QCOMPARE(label->fullText(), typing);

        // This window's side: the other seat sees its operator on the conversation it shows, and
        // typing once a key changes the reply.
        const QString me = systemOperatorName();
        QVERIFY(waitOn(&other, &SeatPresence::othersChanged, [&] {
            return other.others().of(*id) == QList<PresenceEntry>({{me, false}});
        }));
        QPlainTextEdit* edit = window.transcriptPane()->replyBox()->editor();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("On it"));
        QVERIFY(waitOn(&other, &SeatPresence::othersChanged, [&] {
            return other.others().of(*id) == QList<PresenceEntry>({{me, true}});
        }));
        // Emptied: not typing, at once.
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QVERIFY(waitOn(&other, &SeatPresence::othersChanged, [&] {
            return other.others().of(*id) == QList<PresenceEntry>({{me, false}});
        }));

        // Closed to the tray (hidden), the window views nothing.
        window.hide();
        QVERIFY(
            waitOn(&other, &SeatPresence::othersChanged, [&] { return other.others().of(*id).isEmpty(); }));
        window.show();
        QVERIFY(waitOn(&other, &SeatPresence::othersChanged, [&] {
            return other.others().of(*id) == QList<PresenceEntry>({{me, false}});
        }));

        // The other seat leaves: the row and the line say nothing any more.
        theirs.reset();
        QVERIFY(waitOn(&list, &QAbstractItemModel::dataChanged, [&] {
            return list.index(0).data(ConversationRoles::PresenceTextRole).toString().isEmpty();
        }));
        QVERIFY(!label->isVisible());
    }

    void label_elidesToItsWidth_asPlainText()
    {
        QWidget host;
        PresenceLabel label(&host);
        const QString hostile = QStringLiteral("<b>Mallory</b>\u202E the longest name anyone ever chose");
        label.setEntries({{hostile, true}, {QStringLiteral("Ana"), false}, {QStringLiteral("Bea"), false}});
        host.resize(2000, 100);
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        label.setGeometry(0, 0, 2000, 30);
        QCOMPARE(label.textFormat(), Qt::PlainText);
        QVERIFY(label.isVisible());
        QVERIFY2(label.fullText().contains(QStringLiteral("<b>Mallory</b>")), qPrintable(label.fullText()));
        QVERIFY(label.fullText().endsWith(QStringLiteral(" and \u2068Bea\u2069 are viewing")));
        QCOMPARE(label.text(), label.fullText()); // wide enough: all of it
        label.setGeometry(0, 0, 120, 30);
        QVERIFY(label.text() != label.fullText());
        QVERIFY(label.text().size() < label.fullText().size());
        QVERIFY(label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width());
        // Never asks the pane for more width than it has.
        QCOMPARE(label.minimumSizeHint().width(), 0);

        label.setEntries({});
        QVERIFY(!label.isVisible());
        QVERIFY(label.fullText().isEmpty());
    }
};

QTEST_MAIN(tst_PresenceUi)
#include "tst_presenceui.moc"
