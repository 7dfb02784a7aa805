// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFont>
#include <QString>

#include <memory>
#include <vector>

class QPainter;
class QPointF;
class QTextLayout;

namespace zapito {

// Plain text wrapped to a width with QTextLayout, laid out once and drawn as often as needed:
// never read as markup, so "<b>x</b><img src=x>" is drawn as those very characters. Each
// paragraph (a line break in the text) is laid out on its own and takes its own direction from
// its first strong character, as a plain-text QLabel would, so an Arabic line in an English
// message reads right to left without turning the rest around.
class TextBlock final
{
public:
    TextBlock();
    // Wraps at word boundaries, or anywhere in a word longer than the width (a URL).
    TextBlock(const QString& text, const QFont& font, int width);
    ~TextBlock();
    TextBlock(TextBlock&&) noexcept;
    TextBlock& operator=(TextBlock&&) noexcept;

    const QString& text() const { return m_text; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // The widest line: a short message's bubble is as narrow as its text.
    int naturalWidth() const { return m_naturalWidth; }
    int lineCount() const { return m_lineCount; }
    // True when no paragraph had to be wrapped: at any width from naturalWidth() up the text
    // is laid out the same.
    bool unwrapped() const { return m_lineCount == int(m_paragraphs.size()); }
    // Lays the text out again at `width` when that is narrower and the result would be drawn
    // differently: right-to-left paragraphs align to the right edge of the width they had.
    void narrowTo(int width);
    void draw(QPainter* painter, const QPointF& topLeft) const;

private:
    void layout(int width);

    QString m_text;
    QFont m_font;
    std::vector<std::unique_ptr<QTextLayout>> m_paragraphs;
    int m_width = 0;
    int m_height = 0;
    int m_naturalWidth = 0;
    int m_lineCount = 0;
};

} // namespace zapito
