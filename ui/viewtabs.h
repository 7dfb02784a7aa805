// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIcon>
#include <QList>
#include <QVariant>
#include <QWidget>

class QAbstractButton;

namespace zapito {

class ViewTab;

// The inbox's views as tabs that wrap onto another row when the list pane is too narrow for all
// of them, where a QTabBar would hide the last ones behind scroll arrows: every view and its count
// stays in sight in any language and at any font size. Each tab is a checkable button, so a
// screen reader says its name, its count and whether it is the current view. The tabs are one
// stop in the Tab order (the current view's tab); the arrow keys, Home and End move between the
// views, as in a tab bar.
class ViewTabs final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kSpacing = 6; // between two tabs, and between two rows of them

    explicit ViewTabs(QWidget* parent = nullptr);
    ~ViewTabs() override;

    int addTab(const QString& name, const QVariant& data);
    int count() const { return int(m_tabs.size()); }
    // The name and the count are drawn apart, the count in a small badge; `text` says both in
    // words ("Mine  3"), for screen readers and tests.
    void setTabText(int index, const QString& name, const QString& count, const QString& text);
    QString tabText(int index) const;
    void setTabIcon(int index, const QIcon& icon);
    void setTabToolTip(int index, const QString& tip);
    QVariant tabData(int index) const;
    // Where the tab is, in this widget's coordinates.
    QRect tabRect(int index) const;
    QAbstractButton* tab(int index) const;
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void currentChanged(int index);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Each tab's place for a width, row after row, left to right (mirrored right to left).
    QList<QRect> layoutFor(int width) const;
    int rowHeight() const;
    void relayout();
    void updateFocusPolicies();

    QList<ViewTab*> m_tabs;
    QList<QVariant> m_data;
    int m_current = -1;
};

} // namespace zapito
