// SPDX-License-Identifier: Apache-2.0
#include "verifysignaturecommand.h"

#include "commandparsing.h"
#include "signature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace zapito::cli {

int runVerifySignature(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Checks a webhook request's X-Zapito-Signature against its raw body (read from standard input "
           "unless --body-file is given). Exits 0 when it matches and 1 otherwise."));
    const QCommandLineOption secretFile(
        QStringLiteral("secret-file"),
        tr("The file holding the signing secret (a final newline is ignored)."), tr("file"));
    const QCommandLineOption signature(QStringLiteral("signature"),
                                       tr("The X-Zapito-Signature header value, sha256=<hex>."), tr("value"));
    const QCommandLineOption bodyFile(QStringLiteral("body-file"),
                                      tr("Read the body from <file> instead of standard input."), tr("file"));
    parser.addOptions({secretFile, signature, bodyFile});
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("verify-signature"), tr("The command."));
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return 1;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.isSet(secretFile) || !parser.isSet(signature)) {
        err << tr("Both --secret-file and --signature are required.") << '\n';
        return 1;
    }

    QFile secretIn(parser.value(secretFile));
    if (!secretIn.open(QIODevice::ReadOnly)) {
        err << tr("Cannot read the secret file %1: %2").arg(secretIn.fileName(), secretIn.errorString())
            << '\n';
        return 1;
    }
    QByteArray secret = secretIn.readAll();
    // Files written with `echo` end in a newline that is no part of the secret.
    while (secret.endsWith('\n') || secret.endsWith('\r'))
        secret.chop(1);
    if (secret.isEmpty()) {
        err << tr("The secret file %1 is empty.").arg(secretIn.fileName()) << '\n';
        return 1;
    }

    QFile bodyIn;
    const bool opened = parser.isSet(bodyFile)
                            ? (bodyIn.setFileName(parser.value(bodyFile)), bodyIn.open(QIODevice::ReadOnly))
                            : bodyIn.open(stdin, QIODevice::ReadOnly);
    if (!opened) {
        err << tr("Cannot read the body: %1").arg(bodyIn.errorString()) << '\n';
        return 1;
    }
    const QByteArray body = bodyIn.readAll();

    if (verifySignature(secret, body, parser.value(signature).toUtf8())) {
        out << tr("The signature matches.") << '\n';
        return 0;
    }
    err << tr("The signature does not match this body and secret.") << '\n';
    return 1;
}

} // namespace zapito::cli
