// SPDX-License-Identifier: Apache-2.0
#include "transcriptrowproxy.h"

namespace zapito {

TranscriptRowProxy::TranscriptRowProxy(TextOf accessibleText, QObject* parent)
    : QIdentityProxyModel(parent)
    , m_accessibleText(std::move(accessibleText))
{}

QVariant TranscriptRowProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::AccessibleTextRole && index.isValid())
        return m_accessibleText(index);
    return QIdentityProxyModel::data(index, role);
}

} // namespace zapito
