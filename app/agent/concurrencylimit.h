// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

namespace zapito {

// At most limit() tasks at a time; the others wait, first come first served. A task gets a
// Release to call once when its work is done (now or later); releasing twice, or after the
// limit is gone, does nothing. Used for the model calls, whose provider is slow and whose
// timeout must not count the wait (the HTTP client's deadline counts from the send).
class ConcurrencyLimit
{
public:
    using Release = std::function<void()>;
    using Task = std::function<void(Release release)>;

    explicit ConcurrencyLimit(int limit);
    ~ConcurrencyLimit();
    ConcurrencyLimit(const ConcurrencyLimit&) = delete;
    ConcurrencyLimit& operator=(const ConcurrencyLimit&) = delete;

    // A larger limit starts waiting tasks at once; a smaller one lets running tasks finish.
    void setLimit(int limit);
    int limit() const;
    int running() const;
    int waiting() const;

    // Runs `task` now when a slot is free, else after every task queued before it.
    void run(Task task);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace zapito
