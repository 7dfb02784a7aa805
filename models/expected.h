// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace zapito {

// A value or a human-readable error, for operations whose failure the user must hear about.
// (std::expected arrives with C++23; this is the small part of it the project needs.)
template<typename T> class [[nodiscard]] Expected
{
public:
    Expected(T value)
        : m_value(std::move(value))
    {}
    static Expected failure(QString message)
    {
        Expected e;
        e.m_error = std::move(message);
        return e;
    }

    bool hasValue() const { return m_value.has_value(); }
    explicit operator bool() const { return hasValue(); }
    const T& value() const& { return *m_value; }
    // On a temporary the value is moved out, not referenced: `for (auto& m : *store.list())`
    // then iterates a value that lives as long as the loop, not one destroyed with the Expected.
    T value() && { return std::move(*m_value); }
    const T& operator*() const& { return *m_value; }
    T operator*() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    const QString& error() const { return m_error; }

private:
    Expected() = default;
    std::optional<T> m_value;
    QString m_error;
};

// For operations that return nothing but can fail.
class [[nodiscard]] Status
{
public:
    static Status ok() { return Status(); }
    static Status failure(QString message)
    {
        Status s;
        s.m_failed = true;
        s.m_error = std::move(message);
        return s;
    }
    bool isOk() const { return !m_failed; }
    explicit operator bool() const { return isOk(); }
    const QString& error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

} // namespace zapito
