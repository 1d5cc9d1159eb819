"""How the reply editor shows, at a glance, whether it writes a reply or a private note:
a note is written on amber, as Chatwoot's reply box marks one, and its hint says who reads
it and that "@" mentions a colleague. The colours are the note roles of gui/colours.py."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPlainTextEdit

from agent_desktop.core.contrast import readable_on
from agent_desktop.gui.colours import Colours, for_palette
from agent_desktop.gui.formatting import tr

EDITED_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def placeholder(private: bool) -> str:
    if private:
        return tr("Write a private note… only your team sees it; @ to mention (Ctrl+Enter to add)")
    return tr("Write a reply… (Ctrl+Enter to send)")


def note_palette(around: QPalette, colours: Colours) -> QPalette:
    """The editor's palette for a note: the note's ground and text, and a hint and a
    selection that still read on it."""
    tinted = QPalette(around)
    role = QPalette.ColorRole
    hint = readable_on(colours.placeholder, [colours.note_background])
    for group in EDITED_GROUPS:
        tinted.setColor(group, role.Base, QColor(colours.note_background))
        tinted.setColor(group, role.Text, QColor(colours.note_text))
        tinted.setColor(group, role.PlaceholderText, QColor(hint))
    return tinted


def show_mode(editor: QPlainTextEdit, around: QPalette, private: bool) -> None:
    """Tint the editor for a note, or give it back the window's own look for a reply."""
    editor.setPlaceholderText(placeholder(private))
    if private:
        editor.setPalette(note_palette(around, for_palette(around)))
    else:
        editor.setPalette(QPalette())  # nothing of its own: it follows the window again
    editor.viewport().update()


def token_colour(around: QPalette) -> str:
    """A mention token's colour: the link colour, readable on a note and on a reply."""
    return for_palette(around).link
