// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QFrame>

class QLabel;

namespace zapito {

// One message of the transcript: who wrote it, the text (plain, selectable, copyable) and when.
// Customer messages sit on the left; the bot's and the operator's on the right, in colours of
// their own.
class MessageBubble final : public QFrame
{
    Q_OBJECT
public:
    MessageBubble(MessageRole role, const QString& sender, const QString& text, const QString& time,
                  QWidget* parent = nullptr);

    MessageRole role() const { return m_role; }
    // Sizes the bubble to its text: as narrow as the text allows, never wider than `maxWidth`.
    void fitTo(int maxWidth);
    QLabel* textLabel() const { return m_text; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    MessageRole m_role;
    QLabel* m_sender;
    QLabel* m_text;
    QLabel* m_time;
};

} // namespace zapito
