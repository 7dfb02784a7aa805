// SPDX-License-Identifier: Apache-2.0
#include "commandsettings.h"

#include "settingsvalues.h"

#include <QTextStream>

namespace zapito::cli {

std::unique_ptr<SharedSettings> sharedSettingsFor(const Database& database)
{
    auto shared = std::make_unique<SharedSettings>(database);
    Status loaded = shared->load();
    if (loaded)
        loaded = SettingsValues::copyLocalOnce(*shared);
    if (!loaded) {
        QTextStream(stderr) << QCoreApplication::translate("cli", "The settings in %1 could not be read: %2")
                                   .arg(database.path(), loaded.error())
                            << Qt::endl;
        return nullptr;
    }
    return shared;
}

std::optional<CommandSettings> openCommandSettings(const QString& location, bool write)
{
    Database::Options options;
    options.readOnly = !write;
    DatabaseOpenError error;
    CommandSettings out;
    out.database = Database::open(location, options, &error);
    if (!out.database) {
        // Nothing to read yet: the settings file is what the first open will copy.
        if (!write && (error.kind == DatabaseOpenError::Kind::Missing ||
                       error.kind == DatabaseOpenError::Kind::OlderSchema))
            return out;
        QTextStream(stderr) << error.message << Qt::endl;
        return std::nullopt;
    }
    if (write) {
        out.shared = sharedSettingsFor(*out.database);
        if (!out.shared)
            return std::nullopt;
        return out;
    }
    out.shared = std::make_unique<SharedSettings>(*out.database);
    if (const Status loaded = out.shared->load(); !loaded) {
        QTextStream(stderr) << QCoreApplication::translate("cli", "The settings in %1 could not be read: %2")
                                   .arg(out.database->path(), loaded.error())
                            << Qt::endl;
        return std::nullopt;
    }
    out.shared->assume(SettingsValues::notYetCopied(*out.shared));
    return out;
}

} // namespace zapito::cli
