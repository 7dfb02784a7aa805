// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace zapito {

// What Settings → Integrations shows after "Send test event".
struct TestEventResult
{
    int httpStatus = 0;     // 0 when no HTTP answer arrived
    qint64 latencyMs = 0;   // from sending the request to its end
    QByteArray bodyExcerpt; // the first 1 KB of the response body: untrusted, show as plain text
    QString error;          // empty on a 2xx

    bool ok() const { return error.isEmpty() && httpStatus >= 200 && httpStatus < 300; }
};

} // namespace zapito

Q_DECLARE_METATYPE(zapito::TestEventResult)
