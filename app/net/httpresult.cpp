// SPDX-License-Identifier: Apache-2.0
#include "httpresult.h"

namespace zapito {

QString HttpResult::describe() const
{
    switch (failure) {
    case Failure::None:
        return QStringLiteral("HTTP %1").arg(status);
    case Failure::TimedOut:
        return QStringLiteral("no answer in time");
    case Failure::Canceled:
        return QStringLiteral("canceled");
    case Failure::ConnectionRefused:
        return QStringLiteral("connection refused");
    case Failure::HostNotFound:
        return QStringLiteral("host not found");
    case Failure::ConnectionClosed:
        return QStringLiteral("the server closed the connection");
    case Failure::Tls:
        return QStringLiteral("TLS handshake failed");
    case Failure::BrokenAnswer:
        return QStringLiteral("HTTP %1, but the answer broke off").arg(status);
    case Failure::Other:
        break;
    }
    return QStringLiteral("network error %1").arg(networkError);
}

} // namespace zapito
