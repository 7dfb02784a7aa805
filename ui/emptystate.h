// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QHBoxLayout;

namespace zapito {

// A centred picture, a title, a sentence saying what to do next and up to a few buttons: what
// a list or pane shows instead of emptiness.
class EmptyState final : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget* parent = nullptr);

    void setContent(const QIcon& icon, const QString& title, const QString& body);
    // The button stays until clearButtons(); `primary` makes it the default-looking one.
    QPushButton* addButton(const QString& objectName, const QString& text, bool primary = false);
    void clearButtons();
    QString title() const;
    QString body() const;

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_body;
    QHBoxLayout* m_buttons;
};

} // namespace zapito
