// SPDX-License-Identifier: Apache-2.0
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace zapito {

// Which catalogue loaded is a debug message, shown on request (zapito.translations.debug=true).
Q_LOGGING_CATEGORY(lcTranslations, "zapito.translations", QtInfoMsg)

namespace {
// Loads one catalogue and installs it; the translator lives as long as the application.
bool install(const QLocale& locale, const QString& name, const QString& folder)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, name, QStringLiteral("_"), folder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    qCDebug(lcTranslations) << "installed" << translator->filePath();
    return true;
}
} // namespace

bool installTranslations(const QLocale& locale)
{
    // Qt's own strings come from the system (package qt6-translations-l10n) when present.
    install(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    bool ours = install(locale, QStringLiteral("zapito"), QStringLiteral(":/i18n"));
    // Portuguese readers outside Brazil (Portugal, Angola, Mozambique…) read Brazilian
    // Portuguese more easily than English.
    if (!ours && locale.language() == QLocale::Portuguese)
        ours = install(QLocale(QLocale::Portuguese, QLocale::Brazil), QStringLiteral("zapito"),
                       QStringLiteral(":/i18n"));
    if (!ours)
        qCDebug(lcTranslations) << "no translation for" << locale.uiLanguages() << "- showing English";
    return ours;
}

} // namespace zapito
