#include "mainwindow.h"

#include "inboxservices.h"

#include <QLabel>

namespace zapito {

MainWindow::MainWindow(InboxServices& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Zapito Inbox"));
    auto* placeholder = new QLabel(tr("No conversations yet."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1100, 720);
}

} // namespace zapito
