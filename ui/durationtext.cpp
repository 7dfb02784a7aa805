// SPDX-License-Identifier: Apache-2.0
#include "durationtext.h"

#include <QCoreApplication>
#include <QLocale>

namespace zapito::ui {

QString durationText(qint64 ms)
{
    const QLocale locale;
    QString number;
    if (ms < 10'000) {
        // Tenths, rounded up so that a quick answer is "0.1 s", not "0 s".
        const qint64 tenths = qMax<qint64>(1, (ms + 99) / 100);
        number = tenths % 10 == 0 ? locale.toString(tenths / 10) : locale.toString(tenths / 10.0, 'f', 1);
    } else {
        number = locale.toString((ms + 500) / 1000);
    }
    return QCoreApplication::translate("zapito", "%1 s", "a duration in seconds").arg(number);
}

} // namespace zapito::ui
