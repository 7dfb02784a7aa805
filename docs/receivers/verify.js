// SPDX-License-Identifier: Apache-2.0
// Checks the X-Zapito-Signature header of a Zapito Inbox webhook request in a Node.js receiver.
// Call verified() with the raw request body as a Buffer, before any JSON parsing.
// As a script: node verify.js SECRET_FILE 'sha256=…' < body.json  (exit 0 = match, 1 = not)
const crypto = require("crypto");
function verified(secret, rawBody /* Buffer */, header) {
  const mac = Buffer.from("sha256=" + crypto.createHmac("sha256", secret).update(rawBody).digest("hex"));
  const got = Buffer.from(header || "");
  return got.length === mac.length && crypto.timingSafeEqual(mac, got);
}

if (require.main === module) {
  const fs = require("fs");
  const secret = fs.readFileSync(process.argv[2], "ascii").replace(/[\r\n]+$/, "");
  process.exit(verified(secret, fs.readFileSync(0), process.argv[3]) ? 0 : 1);
}
