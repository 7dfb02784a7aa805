// SPDX-License-Identifier: Apache-2.0
#include "textblock.h"

#include <QPainter>
#include <QTextLayout>
#include <QtMath>

namespace zapito {

namespace {
QStringList paragraphsOf(const QString& text)
{
    QString normalised = text;
    normalised.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    normalised.replace(u'\r', u'\n');
    normalised.replace(QChar::ParagraphSeparator, u'\n');
    normalised.replace(QChar::LineSeparator, u'\n');
    return normalised.split(u'\n');
}
} // namespace

TextBlock::TextBlock() = default;
TextBlock::~TextBlock() = default;
TextBlock::TextBlock(TextBlock&&) noexcept = default;
TextBlock& TextBlock::operator=(TextBlock&&) noexcept = default;

TextBlock::TextBlock(const QString& text, const QFont& font, int width)
    : m_text(text)
    , m_font(font)
{
    const QStringList paragraphs = paragraphsOf(text);
    m_paragraphs.reserve(paragraphs.size());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(Qt::LayoutDirectionAuto);
    option.setAlignment(Qt::AlignLeft); // the paragraph's leading edge, whichever side that is
    for (const QString& paragraph : paragraphs) {
        auto layout = std::make_unique<QTextLayout>(paragraph, font);
        layout->setTextOption(option);
        layout->setCacheEnabled(true);
        m_paragraphs.push_back(std::move(layout));
    }
    layout(width);
}

void TextBlock::layout(int width)
{
    m_width = qMax(1, width);
    m_height = 0;
    m_lineCount = 0;
    qreal natural = 0;
    qreal y = 0;
    for (const auto& paragraph : m_paragraphs) {
        paragraph->beginLayout();
        for (QTextLine line = paragraph->createLine(); line.isValid(); line = paragraph->createLine()) {
            line.setLineWidth(m_width);
            line.setPosition(QPointF(0, y));
            y += line.height();
            natural = qMax(natural, line.naturalTextWidth());
            ++m_lineCount;
        }
        paragraph->endLayout();
    }
    m_height = qCeil(y);
    m_naturalWidth = qMin(m_width, qCeil(natural));
}

void TextBlock::narrowTo(int width)
{
    if (width >= m_width)
        return;
    // Left-to-right lines start at the left edge whatever the width; only right-to-left ones
    // would be drawn against an edge the bubble no longer has.
    bool rightToLeft = false;
    for (const auto& paragraph : m_paragraphs)
        rightToLeft = rightToLeft || paragraph->text().isRightToLeft();
    if (rightToLeft)
        layout(width);
    else
        m_width = width;
}

void TextBlock::draw(QPainter* painter, const QPointF& topLeft) const
{
    for (const auto& paragraph : m_paragraphs)
        paragraph->draw(painter, topLeft);
}

} // namespace zapito
