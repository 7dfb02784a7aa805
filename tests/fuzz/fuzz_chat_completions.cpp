// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: an OpenAI-compatible chat-completions answer body to the agent's outcome,
// under the statuses that take different paths (200, 402, 429, 500). A text outcome is never
// empty nor padded; a non-2xx answer is never read as text or a tool call.
#include "chatcompletionsclient.h"

#include <cstdint>
#include <cstdlib>

using zapito::ChatCompletionsClient;
using zapito::ModelOutcome;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const int status : {200, 402, 429, 500}) {
        const ModelOutcome outcome = ChatCompletionsClient::interpret(status, body);
        if (outcome.kind == ModelOutcome::Kind::Text &&
            (outcome.text.isEmpty() || outcome.text != outcome.text.trimmed()))
            std::abort();
        if (status != 200 &&
            (outcome.kind == ModelOutcome::Kind::Text || outcome.kind == ModelOutcome::Kind::RequestHuman))
            std::abort();
        if (outcome.kind != ModelOutcome::Kind::Text && !outcome.text.isEmpty())
            std::abort();
    }
    return 0;
}
