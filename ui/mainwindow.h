#pragma once

#include <QMainWindow>

namespace zapito {

class InboxServices;

// The inbox window: conversations on the left, the selected transcript on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(InboxServices& services, QWidget* parent = nullptr);

private:
    InboxServices& m_services;
};

} // namespace zapito
