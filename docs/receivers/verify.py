# SPDX-License-Identifier: Apache-2.0
# Checks the X-Zapito-Signature header of a Zapito Inbox webhook request in a Python receiver.
# Call verified() with the raw request body, before any JSON parsing.
# As a script: python3 verify.py SECRET_FILE 'sha256=…' < body.json  (exit 0 = match, 1 = not)
import hashlib, hmac
def verified(secret: str, body: bytes, header: str) -> bool:
    mac = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac.encode(), header.encode())

if __name__ == "__main__":
    import sys
    with open(sys.argv[1], encoding="ascii") as f:
        secret = f.read().rstrip("\r\n")
    sys.exit(0 if verified(secret, sys.stdin.buffer.read(), sys.argv[2]) else 1)
