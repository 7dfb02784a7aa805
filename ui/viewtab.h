// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractButton>

namespace zapito {

// One of ViewTabs' tabs: a pill with the view's icon and name and its count in a badge. The
// current view's pill is tinted with the highlight colour; the keyboard focus draws a ring. The
// button's text() is the accessible "name  count"; what is drawn is set with setParts().
class ViewTab final : public QAbstractButton
{
    Q_OBJECT
public:
    explicit ViewTab(QWidget* parent = nullptr);

    void setParts(const QString& name, const QString& count);
    QString name() const { return m_name; }
    QString count() const { return m_count; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QFont nameFont(bool current) const;
    QFont countFont() const;
    // The count's badge: as wide as its digits, never narrower than it is tall.
    QSize badgeSize() const;

    QString m_name;
    QString m_count;
};

} // namespace zapito
