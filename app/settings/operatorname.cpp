// SPDX-License-Identifier: Apache-2.0
#include "operatorname.h"

#include <pwd.h>
#include <unistd.h>

namespace zapito {

QString systemOperatorName()
{
    if (const passwd* entry = ::getpwuid(::getuid())) {
        // GECOS is "Full Name,room,phone,…"; only the name is wanted.
        const QString gecos = QString::fromLocal8Bit(entry->pw_gecos).section(u',', 0, 0).trimmed();
        if (!gecos.isEmpty())
            return gecos;
        const QString login = QString::fromLocal8Bit(entry->pw_name);
        if (!login.isEmpty())
            return login;
    }
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("operator") : user;
}

} // namespace zapito
