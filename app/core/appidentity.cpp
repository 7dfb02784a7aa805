// SPDX-License-Identifier: Apache-2.0
#include "appidentity.h"

#include <QCoreApplication>

namespace zapito {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("zapito"));
    QCoreApplication::setApplicationName(QStringLiteral("zapito-inbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ZAPITO_VERSION));
}

} // namespace zapito
