// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QString>

namespace zapito {

// The text stored for a customer message that has none of its own (a photo, a voice message,
// a sticker, a text that is null or empty, a type no one knows yet), so that such a message
// is stored and shown, never dropped. In the app's language, in brackets, then the caption.
class InboundPlaceholder
{
    Q_DECLARE_TR_FUNCTIONS(InboundPlaceholder)
public:
    enum class Kind
    {
        Photo,
        Video,
        VideoMessage,
        VoiceMessage,
        Audio,
        Gif,
        Sticker,
        Document,
        Location,
        Contact,
        Poll,
        Reaction,
        EmptyText,
        Unsupported,
    };

    static QString text(Kind kind, const QString& caption = {});
};

} // namespace zapito
