// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QTimer;

namespace zapito {

// "Resolved Maria.  Undo" for a few seconds after an action that can be taken back; Undo runs
// the action's inverse once, and the bar goes when the time is up or another action replaces it.
class UndoBar final : public QFrame
{
    Q_OBJECT
public:
    static constexpr int kDefaultDelayMs = 10'000;

    explicit UndoBar(QWidget* parent = nullptr);

    // Shorter in tests.
    void setDelay(int ms);
    int delay() const;
    // Shows `text` (plain) with Undo, replacing whatever the bar offered before.
    void offer(const QString& text, std::function<void()> undo);
    void dismiss();
    bool isOffering() const { return bool(m_undo); }

signals:
    void undone();
    void expired();

private:
    QLabel* m_text;
    QPushButton* m_button;
    QTimer* m_timer;
    std::function<void()> m_undo;
};

} // namespace zapito
