"""The window's language: our translations and Qt's own, and dates in that locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from agent_desktop.core import i18n


class Language:
    """Installs the translators for one language; keeps them alive while installed."""

    def __init__(self) -> None:
        self.translators: list[QTranslator] = []
        self.code = i18n.SOURCE_LANGUAGE

    def install(self, setting: str | None) -> str:
        """Use the language the setting asks for (or the system's); returns its code."""
        app = QCoreApplication.instance()
        assert app is not None
        for translator in self.translators:
            app.removeTranslator(translator)
        self.translators = []
        self.code = i18n.set_language(i18n.choose_language(setting))
        QLocale.setDefault(QLocale(self.code))
        ours = QTranslator()
        if ours.load(str(i18n.catalog_path(self.code))):
            self.translators.append(ours)
        qt_own = QTranslator()  # the standard buttons and dialogs
        if self.code != i18n.SOURCE_LANGUAGE and qt_own.load(
            f"qtbase_{self.code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            self.translators.append(qt_own)
        for translator in self.translators:
            app.installTranslator(translator)
        return self.code
