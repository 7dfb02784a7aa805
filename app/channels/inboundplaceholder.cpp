// SPDX-License-Identifier: Apache-2.0
#include "inboundplaceholder.h"

namespace zapito {

QString InboundPlaceholder::text(Kind kind, const QString& caption)
{
    QString label;
    switch (kind) {
    case Kind::Photo:
        label = tr("[Photo]");
        break;
    case Kind::Video:
        label = tr("[Video]");
        break;
    case Kind::VideoMessage:
        label = tr("[Video message]");
        break;
    case Kind::VoiceMessage:
        label = tr("[Voice message]");
        break;
    case Kind::Audio:
        label = tr("[Audio]");
        break;
    case Kind::Gif:
        label = tr("[GIF]");
        break;
    case Kind::Sticker:
        label = tr("[Sticker]");
        break;
    case Kind::Document:
        label = tr("[Document]");
        break;
    case Kind::Location:
        label = tr("[Location]");
        break;
    case Kind::Contact:
        label = tr("[Contact]");
        break;
    case Kind::Poll:
        label = tr("[Poll]");
        break;
    case Kind::Reaction:
        label = tr("[Reaction]");
        break;
    case Kind::EmptyText:
        label = tr("[Empty message]");
        break;
    case Kind::Unsupported:
        label = tr("[Unsupported message]");
        break;
    }
    return caption.trimmed().isEmpty() ? label : label + u' ' + caption;
}

} // namespace zapito
