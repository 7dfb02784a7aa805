// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIdentityProxyModel>

#include <functional>

namespace zapito {

// What TranscriptView shows of a TranscriptModel: the same rows, plus the sentence a screen reader
// reads for each (Qt::AccessibleTextRole), and no fetchMore(). QAbstractItemView fetches more
// whenever the last row is in view, but a transcript's last row is its newest message, always in
// view, and its older pages are above: left to Qt, opening a conversation would read all of it.
// TranscriptView asks the model itself when the reader comes near the top.
class TranscriptRowProxy final : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using TextOf = std::function<QString(const QModelIndex&)>;

    TranscriptRowProxy(TextOf accessibleText, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex&) const override { return false; }
    void fetchMore(const QModelIndex&) override {}

private:
    TextOf m_accessibleText;
};

} // namespace zapito
