// SPDX-License-Identifier: Apache-2.0
// The views above the conversation list: every tab in sight at any width the list pane gets, in
// long languages and at a larger font (they wrap onto more rows, never behind scroll arrows),
// one stop in the Tab order, and the arrow keys move between the views.
#include "viewtabs.h"

#include <QAbstractButton>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace zapito;

class tst_ViewTabs : public QObject
{
    Q_OBJECT

    static void fill(ViewTabs& tabs, const QStringList& names)
    {
        for (int i = 0; i < names.size(); ++i) {
            tabs.addTab(names.at(i), i);
            const QString count = QString::number(i == 0 ? 1250 : i * 7);
            tabs.setTabText(i, names.at(i), count, names.at(i) + QStringLiteral("  ") + count);
        }
    }

private slots:
    void everyTabInSight_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<qreal>("scale");
        const QStringList english{QStringLiteral("All"), QStringLiteral("Needs a human"),
                                  QStringLiteral("Mine"), QStringLiteral("Bot"), QStringLiteral("Resolved")};
        const QStringList portuguese{QStringLiteral("Todas"), QStringLiteral("Precisa de atendente"),
                                     QStringLiteral("Minhas"), QStringLiteral("Bot"),
                                     QStringLiteral("Resolvidas")};
        QTest::newRow("en") << english << 1.0;
        QTest::newRow("en-larger-font") << english << 1.5;
        QTest::newRow("pt_BR") << portuguese << 1.0;
        QTest::newRow("pt_BR-larger-font") << portuguese << 1.5;
    }
    void everyTabInSight()
    {
        QFETCH(QStringList, names);
        QFETCH(qreal, scale);
        ViewTabs tabs;
        QFont font = QApplication::font();
        font.setPointSizeF(font.pointSizeF() * scale);
        tabs.setFont(font);
        fill(tabs, names);
        tabs.show();
        // The narrowest the list pane gets (the window at its minimum width), its usual width,
        // and a wide one.
        for (const int width : {280, 336, 376, 460, 1200}) {
            tabs.resize(width, tabs.heightForWidth(width));
            QCOMPARE(tabs.width(), width);
            const QString where = QStringLiteral("%1 px").arg(width);
            for (int i = 0; i < tabs.count(); ++i) {
                const QRect r = tabs.tabRect(i);
                QVERIFY2(tabs.rect().contains(r), qPrintable(where + u' ' + names.at(i)));
                // Whole: as wide as the tab asks, its count included.
                QVERIFY2(r.width() >= tabs.tab(i)->sizeHint().width(),
                         qPrintable(where + u' ' + names.at(i)));
                for (int j = i + 1; j < tabs.count(); ++j)
                    QVERIFY2(!r.intersects(tabs.tabRect(j)), qPrintable(where + u' ' + names.at(i)));
            }
            if (width == 1200 && scale == 1.0)
                QCOMPARE(tabs.heightForWidth(width), tabs.tabRect(0).height()); // one row when it fits
        }
        // Too narrow for one row: more rows, not fewer tabs.
        QVERIFY(tabs.heightForWidth(280) > tabs.tabRect(0).height());
    }

    void keyboard_oneTabStop_arrowsMove()
    {
        QWidget window;
        auto* before = new QWidget(&window);
        before->setFocusPolicy(Qt::TabFocus);
        auto* tabs = new ViewTabs(&window);
        fill(*tabs, {QStringLiteral("All"), QStringLiteral("Needs a human"), QStringLiteral("Mine")});
        auto* after = new QWidget(&window);
        after->setFocusPolicy(Qt::TabFocus);
        tabs->setGeometry(0, 20, 400, tabs->heightForWidth(400));
        window.resize(400, 200);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy changed(tabs, &ViewTabs::currentChanged);

        before->setFocus(Qt::TabFocusReason);
        QTest::keyClick(before, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), tabs->tab(0)); // the current view's tab
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(tabs->currentIndex(), 1);
        QCOMPARE(QApplication::focusWidget(), tabs->tab(1));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_End);
        QCOMPARE(tabs->currentIndex(), 2);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right); // the last view is the end
        QCOMPARE(tabs->currentIndex(), 2);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Home);
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(changed.count(), 3);
        // One stop: Tab leaves the views for what follows them.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), after);
    }

    void click_makesCurrent_andTheCurrentStaysCurrent()
    {
        ViewTabs tabs;
        fill(tabs, {QStringLiteral("All"), QStringLiteral("Mine")});
        tabs.resize(400, tabs.heightForWidth(400));
        tabs.show();
        QSignalSpy changed(&tabs, &ViewTabs::currentChanged);
        QTest::mouseClick(tabs.tab(1), Qt::LeftButton);
        QCOMPARE(tabs.currentIndex(), 1);
        QTest::mouseClick(tabs.tab(1), Qt::LeftButton);
        QCOMPARE(tabs.currentIndex(), 1);
        QVERIFY(tabs.tab(1)->isChecked());
        QVERIFY(!tabs.tab(0)->isChecked());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(tabs.tabText(1), QStringLiteral("Mine  7"));
    }
};

QTEST_MAIN(tst_ViewTabs)
#include "tst_viewtabs.moc"
