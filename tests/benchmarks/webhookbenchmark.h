// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report.h"

#include <QString>

namespace zapito::bench {

// The webhook figures: signing a 2 KB body, handoff-recorded to request-received latency and
// deliveries per second with 1,000 queued handoffs to a loopback sink, each beside the naive
// way (Qt's QMessageAuthenticationCode; a sequential `curl` loop) and the limit (a re-used
// keyed OpenSSL HMAC context; a raw socket; `wrk`).
class WebhookBenchmark final
{
public:
    struct Options
    {
        int runs = 5;
        int queued = 1'000;
        int curlRequests = 200;
        int latencySamples = 30;
        QString workDir; // a scratch folder in /tmp
    };

    static void run(const Options& options, Report& report);
};

} // namespace zapito::bench
