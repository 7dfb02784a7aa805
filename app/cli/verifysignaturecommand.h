// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox verify-signature --secret-file F --signature 'sha256=…' [--body-file B] < body`:
// checks an X-Zapito-Signature against the raw body (stdin unless --body-file) with
// CRYPTO_memcmp. Exits 0 on a match and 1 otherwise (mismatch or unusable input).
int runVerifySignature(const QStringList& arguments);

} // namespace zapito::cli
