<?php
// SPDX-License-Identifier: Apache-2.0
// Checks the X-Zapito-Signature header of a Zapito Inbox webhook request in a PHP receiver.
// As a script: php verify.php SECRET_FILE 'sha256=…' < body.json  (exit 0 = match, 1 = not)
function verified(string $secret, string $body, string $header): bool {
    return hash_equals('sha256=' . hash_hmac('sha256', $body, $secret), $header);
}
// $body = file_get_contents('php://input'); $header = $_SERVER['HTTP_X_ZAPITO_SIGNATURE'] ?? '';

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    $secret = rtrim(file_get_contents($argv[1]), "\r\n");
    exit(verified($secret, file_get_contents('php://stdin'), $argv[2]) ? 0 : 1);
}
