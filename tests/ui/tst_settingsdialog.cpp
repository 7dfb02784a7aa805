// SPDX-License-Identifier: Apache-2.0
// Settings as an operator meets it: one way to save on every page (OK, Apply, Cancel with
// "Discard changes?"), status lines that never outlive the input they describe, durations in
// seconds, and pages that stay readable at 1× and with a 1.5× font.
#include "botpage.h"
#include "durationtext.h"
#include "fakechannel.h"
#include "flowrule.h"
#include "inboxservices.h"
#include "localhttpserver.h"
#include "mainwindow.h"
#include "notificationspage.h"
#include "settingsdialog.h"
#include "settingspage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace zapito;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SettingsDialog> m_dialog;

    template<typename T> T* find(const char* name) const
    {
        return m_dialog ? m_dialog->findChild<T*>(QLatin1String(name)) : nullptr;
    }
    QPushButton* button(const char* name) const { return find<QPushButton>(name); }
    // Opens Settings on `page` and waits until every page has its stored values (secrets).
    bool open(const QString& page)
    {
        m_dialog = m_window->openSettings(page);
        if (!m_dialog || !QTest::qWaitForWindowExposed(m_dialog))
            return false;
        return QTest::qWaitFor(
            [&] {
                const auto pages = m_dialog->findChildren<SettingsPage*>();
                return std::all_of(pages.begin(), pages.end(), [](SettingsPage* p) { return p->isLoaded(); });
            },
            30'000);
    }
    bool applyAndWait()
    {
        QSignalSpy applied(m_dialog.data(), &SettingsDialog::applied);
        QTest::mouseClick(button("settingsApplyButton"), Qt::LeftButton);
        return !applied.isEmpty() || applied.wait(30'000);
    }
    QString storedHandoffMessage() const
    {
        return m_services->connectors().botSettings().config().handoffMessage;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        DatabaseOpenError error;
        m_services = InboxServices::create(m_dir->filePath(QStringLiteral("inbox.sqlite")), &error);
        QVERIFY2(m_services, qPrintable(error.message));
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        if (m_dialog)
            delete m_dialog.data();
        m_window.reset();
        m_services.reset();
        m_dir.reset();
        QSettings().clear();
    }

    void buttons_okApplyCancel_applyFollowsTheChanges()
    {
        QVERIFY(open(QStringLiteral("botPage")));
        QVERIFY(button("settingsOkButton") && button("settingsCancelButton"));
        // No page has a Save of its own any more.
        for (const char* gone : {"saveButton", "botSave", "channelsSave", "settingsCloseButton"})
            QVERIFY2(!find<QPushButton>(gone), gone);
        QVERIFY(!button("settingsApplyButton")->isEnabled());
        auto* message = find<QLineEdit>("botHandoffMessage");
        message->setText(QStringLiteral("One moment, a person is coming."));
        QVERIFY(m_dialog->hasChanges());
        QVERIFY(button("settingsApplyButton")->isEnabled());
        QVERIFY(applyAndWait());
        QCOMPARE(storedHandoffMessage(), QStringLiteral("One moment, a person is coming."));
        QVERIFY(!m_dialog->hasChanges());
        QVERIFY(!button("settingsApplyButton")->isEnabled());
        QVERIFY(m_dialog->isVisible()); // Apply stays
        QCOMPARE(find<QLabel>("botSaveStatus")->text(), QStringLiteral("Saved."));
    }

    void ok_storesEveryChangedPageAndCloses()
    {
        QVERIFY(open(QStringLiteral("notificationsPage")));
        find<QCheckBox>("notifyOnHandoffCheck")->setChecked(false);
        QVERIFY(m_dialog->showPage(QStringLiteral("botPage")));
        find<QLineEdit>("botHandoffMessage")->setText(QStringLiteral("A person will answer."));
        QVERIFY(NotificationsPage::notifyOnHandoff()); // nothing stored before OK
        QSignalSpy finished(m_dialog.data(), &QDialog::finished);
        QTest::mouseClick(button("settingsOkButton"), Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(30'000));
        QCOMPARE(finished.at(0).at(0).toInt(), int(QDialog::Accepted));
        QVERIFY(!NotificationsPage::notifyOnHandoff());
        QCOMPARE(storedHandoffMessage(), QStringLiteral("A person will answer."));
    }

    void ok_withAProblem_staysOnThePageThatSaysWhy()
    {
        QVERIFY(open(QStringLiteral("notificationsPage")));
        QVERIFY(m_dialog->showPage(QStringLiteral("botPage")));
        find<QLineEdit>("botModelBaseUrl")->setText(QStringLiteral("ftp://nowhere"));
        QVERIFY(m_dialog->showPage(QStringLiteral("notificationsPage")));
        QSignalSpy finished(m_dialog.data(), &QDialog::finished);
        QTest::mouseClick(button("settingsOkButton"), Qt::LeftButton);
        QVERIFY(!finished.wait(300));
        QCOMPARE(m_dialog->currentPage()->objectName(), QStringLiteral("botPage"));
        QVERIFY(find<QLabel>("botSaveStatus")->text().contains(QStringLiteral("Model base URL")));
    }

    void cancel_withChanges_asksToDiscard()
    {
        QVERIFY(open(QStringLiteral("botPage")));
        const QString before = storedHandoffMessage();
        auto* message = find<QLineEdit>("botHandoffMessage");
        message->setText(QStringLiteral("Not kept"));
        QTest::mouseClick(button("settingsCancelButton"), Qt::LeftButton);
        QMessageBox* question = m_dialog->discardQuestion();
        QVERIFY(question);
        QTRY_VERIFY(question->isVisible());
        QCOMPARE(question->objectName(), QStringLiteral("discardChangesBox"));
        QCOMPARE(question->text(), QStringLiteral("Discard changes?"));
        QVERIFY(question->informativeText().contains(QStringLiteral("Bot")));
        // Keep editing: nothing lost, the dialog stays.
        QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("keepEditingButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!m_dialog->discardQuestion());
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(message->text(), QStringLiteral("Not kept"));
        // Closing the window asks the same; Discard closes and stores nothing.
        m_dialog->close();
        question = m_dialog->discardQuestion();
        QVERIFY(question);
        QSignalSpy finished(m_dialog.data(), &QDialog::finished);
        QTest::mouseClick(question->findChild<QPushButton*>(QStringLiteral("discardChangesButton")),
                          Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toInt(), int(QDialog::Rejected));
        QCOMPARE(storedHandoffMessage(), before);
        QTRY_VERIFY(!m_dialog); // closed dialogs are deleted
        // Opened again, the page shows what is stored.
        QVERIFY(open(QStringLiteral("botPage")));
        QCOMPARE(find<QLineEdit>("botHandoffMessage")->text(), before);
    }

    void cancel_withoutChanges_closesAtOnce()
    {
        QVERIFY(open(QStringLiteral("integrationsPage")));
        QSignalSpy finished(m_dialog.data(), &QDialog::finished);
        QTest::mouseClick(button("settingsCancelButton"), Qt::LeftButton);
        QVERIFY(!m_dialog || !m_dialog->discardQuestion());
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
    }

    void statusLines_clearAsSoonAsTheirInputChanges()
    {
        QVERIFY(open(QStringLiteral("integrationsPage")));
        auto* endpoint = find<QLineEdit>("endpointEdit");
        auto* status = find<QLabel>("saveStatusLabel");
        auto* testResult = find<QLabel>("testResultLabel");
        // A test event to a port nobody listens on fails: "✗ …".
        endpoint->setText(
            QStringLiteral("http://127.0.0.1:%1/hook").arg(test::LocalHttpServer::unusedPort()));
        QTest::mouseClick(find<QPushButton>("testEventButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(testResult->text().startsWith(QStringLiteral("✗")), 30'000);
        // Seconds, or no time at all for an instant refusal: never "after 0 ms".
        QVERIFY2(!testResult->text().contains(QStringLiteral(" ms")), qPrintable(testResult->text()));
        // Generate makes the form valid: the "✗" about the old secret goes with it.
        QTest::mouseClick(find<QToolButton>("generateSecretButton"), Qt::LeftButton);
        QVERIFY2(testResult->text().isEmpty(), qPrintable(testResult->text()));
        QVERIFY(status->text().startsWith(QStringLiteral("New secret generated")));
        QVERIFY(applyAndWait());
        QCOMPARE(status->text(), QStringLiteral("Saved."));
        QVERIFY(status->isVisible());
        // Any edit since: "Saved." no longer describes the form.
        QTest::keyClick(endpoint, Qt::Key_X);
        QVERIFY(status->text().isEmpty());
        QVERIFY(!status->isVisible());
    }

    void durations_areInSeconds_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("instant") << qint64(0) << QStringLiteral("0.1 s");
        QTest::newRow("quick") << qint64(143) << QStringLiteral("0.2 s");
        QTest::newRow("one-second") << qint64(1000) << QStringLiteral("1 s");
        QTest::newRow("one-and-a-half") << qint64(1500) << QStringLiteral("1.5 s");
        QTest::newRow("ten-seconds") << qint64(10'000) << QStringLiteral("10 s");
        QTest::newRow("timeout") << qint64(30'000) << QStringLiteral("30 s");
    }
    void durations_areInSeconds()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ui::durationText(ms), text);
    }

    void botPage_flowTableFitsItsRowsAndCombos()
    {
        QVERIFY(open(QStringLiteral("botPage")));
        auto* rules = find<QTableWidget>("botRules");
        QVERIFY(rules);
        QTRY_VERIFY(rules->isVisible());
        QVERIFY(rules->rowCount() >= 1);
        // Several rows tall, not one and a half.
        QVERIFY2(rules->viewport()->height() >= 3 * rules->rowHeight(0),
                 qPrintable(QStringLiteral("%1 px for rows of %2")
                                .arg(rules->viewport()->height())
                                .arg(rules->rowHeight(0))));
        auto* action = qobject_cast<QComboBox*>(rules->cellWidget(0, 2));
        QVERIFY(action);
        QVERIFY2(action->width() >= action->sizeHint().width(),
                 qPrintable(QStringLiteral("%1 < %2, column %3")
                                .arg(action->width())
                                .arg(action->sizeHint().width())
                                .arg(rules->columnWidth(2)))); // "Hand off to a human" whole
        QVERIFY(action->height() >= action->sizeHint().height() - 2);
    }

    void botPage_logToCrm_onlyForFlowsThatHaveIt()
    {
        QVERIFY(open(QStringLiteral("botPage")));
        auto* rules = find<QTableWidget>("botRules");
        QTest::mouseClick(find<QPushButton>("botAddRule"), Qt::LeftButton);
        auto* added = qobject_cast<QComboBox*>(rules->cellWidget(rules->rowCount() - 1, 2));
        QVERIFY(added);
        QCOMPARE(added->findData(int(FlowRule::Action::LogToCrm)), -1);
        QCOMPARE(added->count(), 2); // Reply, Hand off to a human

        auto* page = qobject_cast<BotPage*>(m_dialog->page(QStringLiteral("botPage")));
        QVERIFY(page);
        FlowRule old;
        old.pattern = QStringLiteral("invoice");
        old.action = FlowRule::Action::LogToCrm;
        page->addRule(old); // as a flow from an earlier version loads
        auto* kept = qobject_cast<QComboBox*>(rules->cellWidget(rules->rowCount() - 1, 2));
        QCOMPARE(kept->currentData().toInt(), int(FlowRule::Action::LogToCrm));
        QCOMPARE(page->rules().constLast().action, FlowRule::Action::LogToCrm);
    }

    void sidebarIcons_stayOnTheSelectedRow()
    {
        QVERIFY(open(QStringLiteral("botPage")));
        auto* list = find<QListWidget>("settingsPageList");
        QVERIFY(list && list->count() >= 4);
        const QSize size = list->iconSize();
        const QColor onHighlight = list->palette().color(QPalette::HighlightedText);
        for (int i = 0; i < list->count(); ++i) {
            // Drawn in the selected row's text colour: as visible as the row's words.
            const QImage selected = list->item(i)->icon().pixmap(size, QIcon::Selected).toImage();
            int glyph = 0;
            for (int y = 0; y < selected.height(); ++y)
                for (int x = 0; x < selected.width(); ++x)
                    if (const QColor c = selected.pixelColor(x, y); c.alpha() > 60) {
                        QCOMPARE(c.rgb(), onHighlight.rgb());
                        ++glyph;
                    }
            QVERIFY2(glyph > 10, qPrintable(list->item(i)->text()));
        }
    }

    // Every page readable at the desktop's font and at one and a half times it: no wrapped text
    // cut short, the dialog scrolling instead.
    void everyPage_noTextClipped_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("1.5x") << 1.5;
    }
    void everyPage_noTextClipped()
    {
        QFETCH(double, scale);
        const QFont original = QApplication::font();
        QFont font = original;
        font.setPointSizeF(original.pointSizeF() * scale);
        QApplication::setFont(font);
        const auto restore = qScopeGuard([&] { QApplication::setFont(original); });
        m_window.reset();
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->show();
        QVERIFY(open(QStringLiteral("integrationsPage")));
        auto* list = find<QListWidget>("settingsPageList");
        for (int i = 0; i < list->count(); ++i) {
            list->setCurrentRow(i);
            QWidget* page = m_dialog->currentPage();
            QTRY_VERIFY(page->isVisible());
            QApplication::processEvents(); // the layout settles before it is measured
            for (QLabel* label : page->findChildren<QLabel*>()) {
                if (!label->isVisible() || !label->wordWrap() || label->text().isEmpty())
                    continue;
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(QStringLiteral("%1 on %2: %3 px for %4 px of text")
                                        .arg(label->objectName(), page->objectName())
                                        .arg(label->height())
                                        .arg(label->heightForWidth(label->width()))));
            }
        }
        QVERIFY(find<QLabel>("whatsappHint"));
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
