// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "presence.h"

#include <QLabel>

namespace zapito {

// One line above the reply box saying who else is on the open conversation ("Carla is
// viewing", "Carla is typing…"); hidden while nobody is. Plain text, elided to the width it is
// given, never wider than the pane: the names come from other seats (presenceText() cuts and
// isolates each).
class PresenceLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit PresenceLabel(QWidget* parent = nullptr);

    void setEntries(const QList<PresenceEntry>& entries);
    // The sentence before eliding (empty while hidden).
    const QString& fullText() const { return m_full; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showElided();

    QString m_full;
    bool m_typing = false;
};

} // namespace zapito
