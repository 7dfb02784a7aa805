// SPDX-License-Identifier: Apache-2.0
#include "commandparsing.h"

#include <QCoreApplication>
#include <QTextStream>

namespace zapito::cli {

QString tr(const char* text)
{
    return QCoreApplication::translate("zapito::cli", text);
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments)
{
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

} // namespace zapito::cli
