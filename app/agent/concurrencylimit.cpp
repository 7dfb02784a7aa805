// SPDX-License-Identifier: Apache-2.0
#include "concurrencylimit.h"

#include <QtGlobal>

#include <deque>

namespace zapito {

struct ConcurrencyLimit::State
{
    int limit = 1;
    int running = 0;
    bool starting = false; // startWaiting() is on the stack: a synchronous release just loops
    std::deque<Task> waiting;

    static void startWaiting(const std::shared_ptr<State>& state)
    {
        if (state->starting)
            return;
        state->starting = true;
        while (state->running < state->limit && !state->waiting.empty()) {
            Task task = std::move(state->waiting.front());
            state->waiting.pop_front();
            ++state->running;
            auto released = std::make_shared<bool>(false);
            std::weak_ptr<State> weak = state;
            task([weak, released] {
                if (*released)
                    return;
                *released = true;
                if (auto s = weak.lock()) {
                    --s->running;
                    startWaiting(s);
                }
            });
        }
        state->starting = false;
    }
};

ConcurrencyLimit::ConcurrencyLimit(int limit)
    : m_state(std::make_shared<State>())
{
    m_state->limit = qMax(1, limit);
}

ConcurrencyLimit::~ConcurrencyLimit() = default;

void ConcurrencyLimit::setLimit(int limit)
{
    m_state->limit = qMax(1, limit);
    State::startWaiting(m_state);
}

int ConcurrencyLimit::limit() const
{
    return m_state->limit;
}

int ConcurrencyLimit::running() const
{
    return m_state->running;
}

int ConcurrencyLimit::waiting() const
{
    return int(m_state->waiting.size());
}

void ConcurrencyLimit::run(Task task)
{
    m_state->waiting.push_back(std::move(task));
    State::startWaiting(m_state);
}

} // namespace zapito
