// SPDX-License-Identifier: Apache-2.0
// Shows the inbox window over a throw-away database filled with 50 varied conversations, for
// looking at it as a user would (light or dark palette) and taking screenshots:
//
//   xvfb-run -a -s "-screen 0 1366x850x24" build/<you>/tests/ui/zapito_ui_screenshots
//       --select 0 --shot /tmp/ui-light.png
//   ... --dark --shot /tmp/ui-dark.png      (Fusion with a dark palette)
//   ... --empty --shot /tmp/ui-empty.png    (first run: no conversations)
//   ... --settings --shot /tmp/ui-settings.png
//   ... --settings-page botPage             (Settings on that page)
//   ... --font-scale 1.5                    (the application font one and a half times larger)
//   ... --locale pt_BR                      (that language: Zapito's and Qt's own translations)
//   ... --samples                           (also the app's own sample conversations)
//   ... --select 1 --open-attempts          (the transcript's first card with its attempts shown)
//   ... --select 1 --select-messages 2      (the newest two messages selected, the transcript focused)
//   ... --select-name Kenji                 (the conversation whose name contains that text)
//   ... --select-name Maria --note          (an internal note from the team in that conversation)
//   ... --select-name Maria --saved-replies (a few saved replies, "/" typed in the reply box)
//   ... --select-name Maria --presence      (two other seats there, one typing; a third on row 3)
//
// Or leave out --shot and use `import -window root FILE` while it runs. Nothing is written
// outside a temporary folder.
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "fakechannel.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "sampledata.h"
#include "sampleinbox.h"
#include "savedreplies.h"
#include "scriptedagent.h"
#include "selectioncontroller.h"
#include "settingsdialog.h"
#include "transcriptpane.h"
#include "transcriptview.h"
#include "translations.h"

#include "inboxroles.h"
#include "replybox.h"
#include <QAction>
#include <QApplication>
#include <QPlainTextEdit>
#include <QSettings>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDialog>
#include <QLineEdit>
#include <QPalette>
#include <QScreen>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>

using namespace zapito;

namespace {
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x23));
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2c, 0x31));
    p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x35, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
    p.setColor(QPalette::Button, QColor(0x33, 0x35, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6b, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x71, 0x77));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x71, 0x77));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x71, 0x77));
    return p;
}
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("zapito-screenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("zapito-inbox-screenshots"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Fusion with a dark palette"));
    const QCommandLineOption samples(QStringLiteral("samples"),
                                     QStringLiteral("Also load the app's sample conversations"));
    const QCommandLineOption shortcuts(QStringLiteral("shortcuts"),
                                       QStringLiteral("Open Help → Keyboard shortcuts"));
    const QCommandLineOption empty(QStringLiteral("empty"), QStringLiteral("Start with no conversations"));
    const QCommandLineOption settings(QStringLiteral("settings"), QStringLiteral("Open Settings"));
    const QCommandLineOption needsHuman(QStringLiteral("needs-human"),
                                        QStringLiteral("Needs a human filter"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select this row"),
                                    QStringLiteral("row"));
    const QCommandLineOption selectName(QStringLiteral("select-name"),
                                        QStringLiteral("Select the conversation whose name contains this"),
                                        QStringLiteral("text"));
    const QCommandLineOption note(QStringLiteral("note"),
                                  QStringLiteral("Add an internal note to the selected conversation"));
    const QCommandLineOption savedReplies(
        QStringLiteral("saved-replies"),
        QStringLiteral("Store a few saved replies and type \"/\" in the reply box"));
    const QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Type this search"),
                                    QStringLiteral("text"));
    const QCommandLineOption takeOver(QStringLiteral("take-over"),
                                      QStringLiteral("Reply as an operator in the selected conversation"));
    const QCommandLineOption shot(QStringLiteral("shot"), QStringLiteral("Save a PNG of the window and quit"),
                                  QStringLiteral("file"));
    const QCommandLineOption openAttempts(
        QStringLiteral("open-attempts"),
        QStringLiteral("Show the delivery attempts of the first handoff card in the transcript"));
    const QCommandLineOption selectMessages(QStringLiteral("select-messages"),
                                            QStringLiteral("Select the newest N messages of the transcript"),
                                            QStringLiteral("count"));
    const QCommandLineOption settingsPage(QStringLiteral("settings-page"),
                                          QStringLiteral("Open Settings on this page (objectName)"),
                                          QStringLiteral("page"));
    const QCommandLineOption fontScale(QStringLiteral("font-scale"),
                                       QStringLiteral("Scale the application font by this factor"),
                                       QStringLiteral("factor"));
    const QCommandLineOption locale(QStringLiteral("locale"),
                                    QStringLiteral("Show the window in this locale"), QStringLiteral("name"));
    const QCommandLineOption presence(
        QStringLiteral("presence"),
        QStringLiteral("Other seats on the inbox: Carla types in the selected conversation, Ana views it, "
                       "Bea views the conversation on the third row"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH"),
                                  QStringLiteral("size"), QStringLiteral("1280x800"));
    parser.addOptions({dark,       shortcuts, samples,      empty,     settings, needsHuman,   select,
                       selectName, note,      savedReplies, search,    takeOver, openAttempts, selectMessages,
                       shot,       size,      settingsPage, fontScale, locale,   presence});
    parser.process(app);

    if (parser.isSet(locale)) {
        const QLocale chosen(parser.value(locale));
        QLocale::setDefault(chosen);
        installTranslations(chosen);
    }
    if (parser.isSet(fontScale)) {
        QFont font = QApplication::font();
        font.setPointSizeF(font.pointSizeF() * parser.value(fontScale).toDouble());
        QApplication::setFont(font);
    }

    if (parser.isSet(dark)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }

    QTemporaryDir dir;
    // The window's own settings and the saved replies stay in the temporary folder too.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    if (parser.isSet(savedReplies))
        SavedReplies().setList({
            {QStringLiteral("hours"), QStringLiteral("We're open every day from 11:00 to 23:00, kitchen "
                                                     "until 22:30.")},
            {QStringLiteral("delivery"), QStringLiteral("We deliver within 5 km; delivery is free on orders "
                                                        "over R$ 80.")},
            {QStringLiteral("refund"),
             QStringLiteral("I'm sorry about that! Send me a photo of the order and "
                            "I'll refund it today.")},
            {QStringLiteral("menu"), QStringLiteral("Here is today's menu: https://zapito.app/menu")},
            {QStringLiteral("sunday"), QStringLiteral("Yes, we deliver on Sundays from 12:00 to 20:00.")},
            {QStringLiteral("thanks"), QStringLiteral("Thank you! Have a great day.")},
        });
    DatabaseOpenError error;
    auto services = InboxServices::create(dir.filePath(QStringLiteral("inbox.sqlite")), &error);
    if (!services) {
        qCritical("cannot open: %s", qPrintable(error.message));
        return 1;
    }
    test::FakeChannel whatsapp(QStringLiteral("whatsapp"));
    test::FakeChannel telegram(QStringLiteral("telegram"));
    telegram.connected = false; // shows the "not connected" notice on Telegram conversations
    services->channels().add(&whatsapp);
    services->channels().add(&telegram);
    test::ScriptedAgent agent;
    services->engine().setAgent(agent);
    if (!parser.isSet(empty))
        test::fillVariedInbox(*services, agent, QDateTime::currentMSecsSinceEpoch());

    if (parser.isSet(samples) && !loadSampleConversations(services->store(), services->engine().bot()))
        qWarning("the sample conversations did not load");

    // The conversation asked for by name, found before any view filters the list.
    QString namedId;
    if (parser.isSet(selectName)) {
        const auto page = services->store().conversationsPage(ConversationFilter{}, 500);
        for (const Conversation& c : page ? *page : QList<Conversation>()) {
            if (c.contactName.contains(parser.value(selectName))) {
                namedId = c.id;
                break;
            }
        }
        if (namedId.isEmpty())
            qWarning("no conversation is named like %s", qPrintable(parser.value(selectName)));
    }
    if (parser.isSet(note) && !namedId.isEmpty()) {
        const auto added = services->engine().addNote(
            namedId,
            QStringLiteral("Called her back: she wants the Sunday delivery at 13:00. Rafael, please "
                           "confirm the slot with the kitchen before you reply."),
            QStringLiteral("Carla Mendes"));
        if (!added)
            qWarning("the note was not stored");
    }

    MainWindow window(*services);
    const QStringList wh = parser.value(size).split(u'x');
    window.resize(wh.value(0).toInt(), wh.value(1).toInt());
    window.listModel().reload();
    window.show();
    if (parser.isSet(needsHuman))
        window.listPanel()->setNeedsHumanOnly(true);
    if (parser.isSet(search))
        window.listPanel()->searchField()->setText(parser.value(search));
    if (parser.isSet(select)) {
        const int row = parser.value(select).toInt();
        const bool reply = parser.isSet(takeOver);
        QTimer::singleShot(300, &window, [&window, &services, row, reply] {
            if (row >= window.listModel().rowCount())
                return;
            const QModelIndex index = window.listModel().index(row);
            window.listPanel()->view()->setCurrentIndex(index);
            if (reply)
                (void)services->engine().replyAsOperator(
                    index.data(ConversationRoles::IdRole).toString(),
                    QStringLiteral("Hi, this is Carla from the café. I'll "
                                   "check your order right now."),
                    QStringLiteral("Carla Mendes"));
        });
    }
    if (!namedId.isEmpty()) {
        QTimer::singleShot(300, &window, [&window, namedId] {
            for (int row = 0; row < window.listModel().rowCount(); ++row) {
                const QModelIndex index = window.listModel().index(row);
                if (index.data(ConversationRoles::IdRole).toString() == namedId) {
                    window.listPanel()->view()->setCurrentIndex(index);
                    return;
                }
            }
            qWarning("the named conversation is not in this view");
        });
    }
    if (parser.isSet(savedReplies)) {
        QTimer::singleShot(900, &window, [&window] {
            // Xvfb has no window manager to make the window active, and the list opens only
            // while the reply box has the keyboard.
            QApplication::setActiveWindow(&window);
            QPlainTextEdit* editor = window.transcriptPane()->replyBox()->editor();
            editor->setFocus();
            editor->insertPlainText(QStringLiteral("/"));
        });
    }
    if (parser.isSet(openAttempts) || parser.isSet(selectMessages)) {
        // After the conversation selected above has been read.
        const bool attempts = parser.isSet(openAttempts);
        const int selected = parser.value(selectMessages).toInt();
        QTimer::singleShot(900, &window, [&window, attempts, selected] {
            TranscriptView* view = window.transcriptPane()->view();
            const int rows = view->model()->rowCount();
            for (int row = 0; attempts && row < rows; ++row) {
                if (view->rowIndex(row).data(TranscriptRoles::HandoffEventIdRole).toLongLong() != 0) {
                    view->delegate()->toggleAttempts(view->rowIndex(row));
                    break;
                }
            }
            if (selected > 0 && rows > 0) {
                view->setFocus();
                const QItemSelection range(view->rowIndex(qMax(0, rows - selected)),
                                           view->rowIndex(rows - 1));
                view->selectionModel()->select(range, QItemSelectionModel::ClearAndSelect);
                view->selectionModel()->setCurrentIndex(view->rowIndex(rows - 1),
                                                        QItemSelectionModel::NoUpdate);
            }
        });
    }
    // Other seats are processes of their own in the product; here they share this one and its file.
    std::vector<std::unique_ptr<InboxServices>> others;
    if (parser.isSet(presence)) {
        for (const QString& name :
             {QStringLiteral("Carla Mendes"), QStringLiteral("Ana Beatriz"), QStringLiteral("Bea Lima")}) {
            auto other = InboxServices::create(dir.filePath(QStringLiteral("inbox.sqlite")), &error);
            if (!other) {
                qCritical("cannot open another seat: %s", qPrintable(error.message));
                return 1;
            }
            other->presence().setOperatorName(name);
            others.push_back(std::move(other));
        }
        QTimer::singleShot(600, &window, [&window, &others] {
            const QString open = window.selection().currentConversationId();
            const QString third = window.listModel().index(2).data(ConversationRoles::IdRole).toString();
            others[0]->presence().setViewing(open);
            others[0]->presence().typed();
            others[1]->presence().setViewing(open);
            others[2]->presence().setViewing(third == open ? QString() : third);
        });
    }
    if (parser.isSet(settings) || parser.isSet(settingsPage)) {
        const QString page =
            parser.isSet(settingsPage) ? parser.value(settingsPage) : QStringLiteral("integrationsPage");
        QTimer::singleShot(200, &window, [&window, page] { window.openSettings(page); });
    }
    if (parser.isSet(shortcuts))
        QTimer::singleShot(200, &window, [&window] {
            if (QAction* action = window.findChild<QAction*>(QStringLiteral("shortcutsAction")))
                action->trigger();
        });
    if (parser.isSet(shot)) {
        const QString file = parser.value(shot);
        // With other seats: after this window's next read of their presence (once a second).
        const int delay = parser.isSet(presence) ? 3000 : 1500;
        QTimer::singleShot(delay, &window, [&window, file, &parser, &settings, &settingsPage, &shortcuts] {
            QWidget* target = &window;
            if (parser.isSet(settings) || parser.isSet(settingsPage)) {
                if (auto* dialog = window.findChild<SettingsDialog*>())
                    target = dialog;
            }
            if (parser.isSet(shortcuts)) {
                if (auto* dialog = window.findChild<QDialog*>(QStringLiteral("shortcutsDialog")))
                    target = dialog;
            }
            target->grab().save(file);
            QApplication::quit();
        });
    }
    return app.exec();
}
