// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace zapito {

// HMAC-SHA256 of `body` keyed with `secret` (OpenSSL), as the value of X-Zapito-Signature:
// "sha256=" followed by 64 lowercase hex characters.
QByteArray signatureHeaderValue(const QByteArray& secret, const QByteArray& body);

// True when `signature` ("sha256=<hex>", hex in either case) is the HMAC of `body` under
// `secret`. Compared with CRYPTO_memcmp, so the time taken says nothing about where it differs.
bool verifySignature(const QByteArray& secret, const QByteArray& body, const QByteArray& signature);

} // namespace zapito
