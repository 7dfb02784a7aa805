// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QUrl>

namespace zapito {

// One request as the inbound HTTP listener read it (HttpRequestParser).
struct InboundHttpRequest
{
    QByteArray method;
    QUrl target;                           // path and query as sent
    QHash<QByteArray, QByteArray> headers; // names in lower case; a repeated field joined with ", "
    QByteArray body;                       // the raw bytes, as signed by the sender
};

} // namespace zapito
