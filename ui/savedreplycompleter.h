// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "savedreplies.h"

#include <QObject>

#include <functional>

class QKeyEvent;
class QListWidget;
class QPlainTextEdit;

namespace zapito {

// Typing "/" and the start of a saved reply's name in the reply box lists the replies that match,
// narrowing as the name grows; Enter or Tab (or a click) replaces "/name" with the reply's text,
// ↑ and ↓ pick another, Esc closes the list and leaves the text as typed. The "/" counts only at
// the start of a line or after a space, so "and/or" or a URL never opens it. Each reply shows as
// its "/name" in bold and the start of its text, muted, on one line. The list never takes the
// keyboard: every key stays with the editor, which hands it here first. It is a widget of the
// editor's parent, which puts it in its layout above the editor (ReplyBox does): shown there it
// pushes the transcript up instead of covering its newest messages, which stay in view while a
// reply is chosen.
class SavedReplyCompleter final : public QObject
{
    Q_OBJECT
public:
    using Source = std::function<QList<SavedReply>()>;

    SavedReplyCompleter(QPlainTextEdit* editor, Source source, QObject* parent = nullptr);
    ~SavedReplyCompleter() override;

    bool isOpen() const;
    QListWidget* popup() const { return m_popup; }
    // The editor's key, before the editor sees it: true when the list took it.
    bool handleKey(const QKeyEvent* key);
    // Whether the list wants this key (for ShortcutOverride: no window shortcut may take it).
    bool wantsKey(const QKeyEvent* key) const;
    void close();

signals:
    void inserted(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Token
    {
        int start = -1; // the "/" in the document
        QString typed;  // what follows it, up to the cursor
    };
    Token tokenAtCursor() const;
    void refresh();
    void insertCurrent();
    void move(int delta);
    // Sizes the list to its replies, within limits: as wide as the longest needs up to the
    // editor's width, up to kVisibleRows tall.
    void place();

    QPlainTextEdit* m_editor;
    Source m_source;
    QListWidget* m_popup;
    QList<SavedReply> m_replies; // read when a "/" starts a name
    QList<SavedReply> m_shown;
    class ItemDelegate;
    ItemDelegate* m_delegate;
    int m_tokenStart = -1;
    int m_dismissedAt = -1; // Esc closed the list for the name typed after this "/"
    bool m_inserting = false;
};

} // namespace zapito
