// SPDX-License-Identifier: Apache-2.0
#include "messageparts.h"

#include <memory>

namespace zapito {

qsizetype channelTextLimit(const QString& channel)
{
    if (channel == QLatin1String("telegram") || channel == QLatin1String("whatsapp"))
        return 4096;
    return 0;
}

QStringList splitMessage(const QString& text, qsizetype limit)
{
    QStringList parts;
    QStringView rest(text);
    while (rest.size() > limit) {
        qsizetype cut = rest.left(limit).lastIndexOf(u'\n');
        if (cut < limit / 2)
            cut = rest.left(limit).lastIndexOf(u' ');
        if (cut < limit / 2)
            cut = limit;
        if (cut < rest.size() && rest.at(cut).isLowSurrogate())
            --cut; // keep the pair together
        parts.append(rest.left(cut).toString());
        rest = rest.mid(cut);
        if (!rest.isEmpty() && (rest.front() == u'\n' || rest.front() == u' '))
            rest = rest.mid(1);
    }
    if (!rest.isEmpty() || parts.isEmpty())
        parts.append(rest.toString());
    return parts;
}

void sendInOrder(const QStringList& parts, SendOne sendOne, Channel::Done done)
{
    struct State
    {
        QStringList parts;
        qsizetype next = 0;
        SendOne sendOne;
        Channel::Done done;
        std::function<void()> step;
    };
    auto state = std::make_shared<State>();
    state->parts = parts;
    state->sendOne = std::move(sendOne);
    state->done = std::move(done);
    std::weak_ptr<State> weak = state;
    state->step = [weak] {
        auto s = weak.lock();
        if (!s)
            return;
        const QString part = s->parts.at(s->next++);
        // The callback keeps the state alive until the last part answered.
        s->sendOne(part, [s](SendResult result) {
            if (!result.ok || s->next >= s->parts.size()) {
                auto done = std::move(s->done);
                s->step = nullptr; // break the cycle
                done(result);
                return;
            }
            s->step();
        });
    };
    state->step();
}

} // namespace zapito
