// SPDX-License-Identifier: Apache-2.0
// A sample conversation in the window: nothing about it can reach a real endpoint or customer,
// so its Resend and its reply box are disabled and say why, instead of pretending to send.
#include "conversationlistmodel.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "pipelinewait.h"
#include "sampledata.h"
#include "selectioncontroller.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "transcriptprobe.h"
#include "transcripttext.h"
#include "transcriptview.h"
#include "windowtest.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;
using Button = TranscriptDelegate::Button;

class tst_SampleConversation : public test::WindowTest
{
    Q_OBJECT

    // Opens the first conversation whose IsSampleRole is `sample` and that has a handoff card.
    bool openConversation(bool sample)
    {
        const ConversationListModel& list = m_window->listModel();
        for (int row = 0; row < list.rowCount(); ++row) {
            const QModelIndex index = list.index(row);
            if (index.data(ConversationRoles::IsSampleRole).toBool() != sample)
                continue;
            const QString id = index.data(ConversationRoles::IdRole).toString();
            if (!m_window->selection().select(id))
                return false;
            if (!QTest::qWaitFor([&] { return m_window->transcriptModel().conversationId() == id; }))
                return false;
            if (!test::waitForTranscript(m_window->transcriptModel()) || !settled()) // and the header
                return false;
            if (test::handoffRow(*m_window->transcriptPane()->view()) >= 0)
                return true;
        }
        return false;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        openInbox();
        QVERIFY(loadSampleConversations(m_services->store(), m_services->engine().bot()));
        openWindow();
        QTRY_VERIFY(m_window->listModel().rowCount() > 0);
    }
    void cleanup() { closeInbox(); }

    void sample_resendIsDisabledWithTheReason()
    {
        QVERIFY(openConversation(true));
        TranscriptView* view = m_window->transcriptPane()->view();
        const int row = test::handoffRow(*view);
        const HandoffCardLayout* card = test::shownRow(*view, row).card();
        QVERIFY(card);
        QVERIFY(!card->content().resendButton.isEmpty()); // shown, so the reader sees why not
        QVERIFY(!card->content().resendEnabled);
        QSignalSpy resend(view, &TranscriptView::resendRequested);
        QVERIFY(test::clickCardButton(*view, row, Button::Resend));
        QVERIFY(!resend.wait(300));
        QVERIFY(resend.isEmpty());
        QCOMPARE(
            TranscriptText::sampleResendToolTip().contains(QStringLiteral("never reach a real endpoint")),
            true);
    }

    void sample_replyBoxIsDisabledWithTheReason()
    {
        QVERIFY(openConversation(true));
        auto* edit = find<QPlainTextEdit>("replyEdit");
        auto* send = find<QPushButton>("sendButton");
        QVERIFY(edit && send);
        QVERIFY(!edit->isEnabled());
        QVERIFY(!send->isEnabled());
        QCOMPARE(edit->toolTip(), TranscriptText::sampleReplyToolTip());
        QCOMPARE(send->toolTip(), TranscriptText::sampleReplyToolTip());
        QVERIFY(edit->toolTip().contains(QStringLiteral("never reaches a real customer")));
        // Not the channel's notice: connecting WhatsApp would not make a sample reachable.
        QVERIFY(!find<QWidget>("replyNotice")->isVisible());
    }

    void realConversation_afterASample_isEnabledAgain()
    {
        QVERIFY(openConversation(true));
        const QString real =
            *test::receiveAndDecide(m_services->engine(), m_services->store(), QStringLiteral("whatsapp"),
                                    QStringLiteral("5511988887777"), QStringLiteral("Ana"),
                                    QStringLiteral("I want a human"), QDateTime::currentDateTimeUtc());
        QVERIFY(settled());
        QVERIFY(m_window->selection().select(real));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), real);
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        QVERIFY(settled()); // the header, which says it is no sample
        TranscriptView* view = m_window->transcriptPane()->view();
        const int row = test::handoffRow(*view);
        QVERIFY(row >= 0);
        QVERIFY(test::shownRow(*view, row).card()->content().resendEnabled);
        auto* edit = find<QPlainTextEdit>("replyEdit");
        QVERIFY(edit->isEnabled());
        QVERIFY(edit->toolTip().isEmpty());
    }
};

QTEST_MAIN(tst_SampleConversation)
#include "tst_sampleconversation.moc"
