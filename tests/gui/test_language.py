"""The window's language: Qt's translator and the command line's reader agree."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from agent_desktop.core import i18n


def test_the_reader_agrees_with_qt_for_every_message():
    """Our pure-Python reader of the .qm (for the command line) and Qt's QTranslator (for
    the window) give the same text for every message, plural forms included."""
    for language in ("pt_BR", "en"):
        path = i18n.catalog_path(language)
        catalog = i18n.Catalog.read(path)
        translator = QTranslator()
        assert translator.load(str(path))
        assert catalog.messages
        for (context, source, comment), forms in catalog.messages.items():
            for n in (-1, 0, 1, 2, 5) if len(forms) > 1 else (-1,):
                ours = catalog.translate(context, source, comment, n)
                assert ours == translator.translate(context, source, comment or None, n)


def test_the_window_speaks_portuguese_when_asked(qtbot, session, qapp):
    from PySide6.QtCore import QLocale

    from agent_desktop.gui.language import Language
    from agent_desktop.gui.settings_dialog import SettingsDialog

    language = Language()
    try:
        assert language.install("pt_BR") == "pt_BR"
        assert QLocale().name() == "pt_BR"  # the calendar and date pickers follow
        dialog = SettingsDialog(session.settings)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Configurações"
        assert (
            dialog.start_at_login.text() == "Iniciar oculto na bandeja quando eu entrar no sistema"
        )
        language_box = dialog.editor("language")
        assert language_box.itemText(0) == "Padrão do sistema"
        assert "Português (Brasil)" in [
            language_box.itemText(i) for i in range(language_box.count())
        ]
    finally:
        language.install("en")
