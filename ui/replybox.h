// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace zapito {

// Where the operator types a reply. When the conversation's channel is not connected it says
// so plainly, with a way to connect it, instead of pretending a reply could be sent.
class ReplyBox final : public QWidget
{
    Q_OBJECT
public:
    explicit ReplyBox(QWidget* parent = nullptr);

    // `channelName` in words ("WhatsApp"); `customer` the contact title for the placeholder.
    void setTarget(const QString& channelName, const QString& customer, bool connected);
    // No reply can be sent (a sample conversation): the box is disabled and says why, in its
    // placeholder and tooltip, instead of offering to connect a channel. Call after setTarget().
    void setUnavailable(const QString& reason);
    QString text() const;
    void clearText();
    void setText(const QString& text);
    void showError(const QString& message); // empty hides it
    void focusEditor();
    QPlainTextEdit* editor() const { return m_edit; }

signals:
    void sendRequested(const QString& text);
    void connectChannelRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateSendEnabled();

    QPlainTextEdit* m_edit;
    QPushButton* m_send;
    QLabel* m_notice;
    QPushButton* m_connect;
    QWidget* m_noticeRow;
    QLabel* m_error;
    bool m_connected = false;
};

} // namespace zapito
