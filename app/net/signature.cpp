// SPDX-License-Identifier: Apache-2.0
#include "signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace zapito {

namespace {
constexpr QByteArrayView kPrefix = "sha256=";
}

QByteArray signatureHeaderValue(const QByteArray& secret, const QByteArray& body)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it all the same.
    static const unsigned char emptyKey = 0;
    const void* key = secret.isEmpty() ? static_cast<const void*>(&emptyKey) : secret.constData();
    if (!HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(body.constData()), static_cast<size_t>(body.size()), mac,
              &macLength))
        return {};
    const QByteArray raw(reinterpret_cast<const char*>(mac), static_cast<qsizetype>(macLength));
    QByteArray value = kPrefix.toByteArray();
    value += raw.toHex();
    return value;
}

bool verifySignature(const QByteArray& secret, const QByteArray& body, const QByteArray& signature)
{
    const QByteArray expected = signatureHeaderValue(secret, body);
    // Hex case is not a secret; normalising it lets "sha256=ABC…" match too.
    const QByteArray given = signature.trimmed().toLower();
    if (expected.isEmpty() || given.size() != expected.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), given.constData(), static_cast<size_t>(expected.size())) == 0;
}

} // namespace zapito
