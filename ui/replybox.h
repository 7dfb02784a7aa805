// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace zapito {

class EmojiPicker;
class SavedReplies;
class SavedReplyCompleter;

// Where the operator types a reply, or, in note mode, an internal note for the team that the
// customer never sees (the box turns amber and the button says so). When the conversation's
// channel is not connected it says so plainly, with a way to connect it, instead of pretending a
// reply could be sent; a note can still be written. "/" and a name inserts a saved reply; the
// emoji button offers a small grid; near the channel's length limit a count shows, and past it
// the box says the reply goes out in several messages.
class ReplyBox final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Reply,
        Note,
    };

    explicit ReplyBox(QWidget* parent = nullptr);
    ~ReplyBox() override;

    // `channelName` in words ("WhatsApp"); `customer` the contact title for the placeholder.
    void setTarget(const QString& channelName, const QString& customer, bool connected);
    // No reply can be sent (a sample conversation): the box is disabled and says why, in its
    // placeholder and tooltip, instead of offering to connect a channel. Call after setTarget(). A note
    // can still be written.
    void setUnavailable(const QString& reason);
    // The longest text the channel takes in one message (0: no limit).
    void setLengthLimit(qsizetype limit);
    // The saved replies "/" offers; by default the application's settings.
    void setSavedReplies(SavedReplies* replies);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    QString text() const;
    void clearText();
    void setText(const QString& text);
    void showError(const QString& message); // empty hides it
    // While the text is being written to the store: nothing can be sent again or changed.
    void setSending(bool sending);
    void focusEditor();
    QPlainTextEdit* editor() const { return m_edit; }
    SavedReplyCompleter* completer() const { return m_completer; }
    EmojiPicker* emojiPicker() const { return m_emoji; }

    // The count shows from this share of the limit on.
    static constexpr double kCountFromShare = 0.9;

signals:
    void sendRequested(const QString& text);
    void noteRequested(const QString& text);
    void connectChannelRequested();
    // The operator changed the text (typed, deleted, pasted, picked an emoji or a saved reply);
    // `empty`: nothing is left. Never for setText() and clearText().
    void edited(bool empty);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateSendEnabled();
    void updateCount();
    void updateModeLook();
    void updatePlaceholder();

    QPlainTextEdit* m_edit;
    QPushButton* m_send;
    QToolButton* m_replyMode;
    QToolButton* m_noteMode;
    QToolButton* m_emojiButton;
    QLabel* m_count;
    QLabel* m_notice;
    QPushButton* m_connect;
    QWidget* m_noticeRow;
    QLabel* m_error;
    EmojiPicker* m_emoji;
    SavedReplies* m_ownReplies;
    SavedReplies* m_replies;
    SavedReplyCompleter* m_completer;
    QString m_customer;
    QString m_unavailable; // why no reply can be sent here; empty when one can
    qsizetype m_limit = 0;
    Mode m_mode = Mode::Reply;
    bool m_connected = false;
    bool m_sending = false;
    bool m_settingText = false; // setText() or clearText() is changing the text, not the operator
};

} // namespace zapito
