// SPDX-License-Identifier: Apache-2.0
// The translations are built into the app and follow the locale; the Brazilian Portuguese
// catalogue is complete and keeps every placeholder of its source strings.
#include "appoptions.h"
#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace zapito;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
    bool numerus = false;
};

QList<TsMessage> readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    QXmlStreamReader xml(&file);
    QList<TsMessage> messages;
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = TsMessage{context,
                                {},
                                {},
                                false,
                                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            current.unfinished = type == QLatin1String("unfinished");
            // Plural forms are <numerusform> children; their text is concatenated.
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type != QLatin1String("vanished") && type != QLatin1String("obsolete"))
                messages << current;
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression arg(QStringLiteral("%(\\d+|n)"));
    QStringList found;
    for (auto it = arg.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

const QString kTsFolder = QStringLiteral(ZAPITO_TRANSLATIONS_DIR);
const char* const kDescription = "Triage the conversations your support bot hands to a human.";

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

    void removeAllTranslators()
    {
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator*>();
        for (QTranslator* t : translators) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

private slots:
    void cleanup() { removeAllTranslators(); }

    void english_showsTheSourceStrings()
    {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(QCoreApplication::translate("cli", kDescription), QString::fromUtf8(kDescription));
    }

    void brazilianPortuguese_isEmbeddedAndUsed()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/zapito_pt_BR.qm")));
        QVERIFY(installTranslations(QLocale(QLocale::Portuguese, QLocale::Brazil)));
        QCOMPARE(QCoreApplication::translate("cli", kDescription),
                 QStringLiteral("Organize as conversas que o seu bot de atendimento passa para uma pessoa."));
    }

    void brazilianPortuguese_showsInPlace()
    {
        // Options made after the translator is installed carry its text, as --help shows it.
        QVERIFY(installTranslations(QLocale(QStringLiteral("pt_BR"))));
        const cli::AppOptions options;
        QCOMPARE(
            options.demo.description(),
            QStringLiteral("Carrega as conversas de exemplo (se ainda não estiverem carregadas) e inicia."));
    }

    void otherPortuguese_fallsBackToBrazilian()
    {
        QVERIFY(installTranslations(QLocale(QLocale::Portuguese, QLocale::Portugal)));
        QCOMPARE(QCoreApplication::translate("cli", kDescription),
                 QStringLiteral("Organize as conversas que o seu bot de atendimento passa para uma pessoa."));
    }

    void unknownLanguage_staysEnglish()
    {
        QVERIFY(!installTranslations(QLocale(QLocale::Swahili, QLocale::Kenya)));
        QCOMPARE(QCoreApplication::translate("cli", kDescription), QString::fromUtf8(kDescription));
    }

    void tsFiles_exist_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("english") << QStringLiteral("zapito_en.ts");
        QTest::newRow("brazilian-portuguese") << QStringLiteral("zapito_pt_BR.ts");
    }
    void tsFiles_exist()
    {
        QFETCH(QString, file);
        QVERIFY(!readTs(kTsFolder + u'/' + file).isEmpty());
    }

    void brazilianPortuguese_isComplete()
    {
        QStringList missing;
        for (const TsMessage& m : readTs(kTsFolder + QStringLiteral("/zapito_pt_BR.ts"))) {
            if (m.unfinished || m.translation.isEmpty())
                missing << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void english_hasEveryPluralForm()
    {
        // English needs its .ts only for plurals: "%n need(s)" must never reach the screen.
        QStringList missing;
        for (const TsMessage& m : readTs(kTsFolder + QStringLiteral("/zapito_en.ts"))) {
            if (m.numerus && (m.unfinished || m.translation.isEmpty()))
                missing << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void brazilianPortuguese_keepsEveryPlaceholder()
    {
        QStringList broken;
        for (const TsMessage& m : readTs(kTsFolder + QStringLiteral("/zapito_pt_BR.ts"))) {
            if (m.unfinished || m.numerus)
                continue;
            if (placeholders(m.source) != placeholders(m.translation))
                broken << m.context + QStringLiteral(": ") + m.source + QStringLiteral(" → ") + m.translation;
        }
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
