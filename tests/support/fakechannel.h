#pragma once

#include "channel.h"

#include <QList>
#include <QPair>

namespace zapito::test {

// A channel that records what it was asked to send and answers at once (or fails on request).
class FakeChannel final : public Channel
{
public:
    explicit FakeChannel(QString name = QStringLiteral("whatsapp"))
        : m_name(std::move(name))
    {}
    QString name() const override { return m_name; }
    bool isConnected() const override { return connected; }
    void send(const QString& externalId, const QString& text, Done done) override
    {
        sent.append({externalId, text});
        done(failWith.isEmpty() ? SendResult{true, {}} : SendResult{false, failWith});
    }

    bool connected = true;
    QString failWith;
    QList<QPair<QString, QString>> sent; // (externalId, text)

private:
    QString m_name;
};

} // namespace zapito::test
