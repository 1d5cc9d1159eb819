"""Every colour the app draws text with, and the grounds it draws it on, by role, for a
light and a dark desktop. The window follows the desktop's palette: its text, base and
selection colours are taken from it and each text role is then fitted to read at WCAG AA
(4.5:1) on every ground it is drawn on; the app's own grounds (message bubbles, notes,
scheduled cards) come from here.

PAIRS lists every (text, ground) the app draws: tests check each, in both schemes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from agent_desktop.core.contrast import AA_TEXT, readable_on


@dataclass(frozen=True)
class Colours:
    dark: bool
    # grounds: the desktop's
    base: str  # the list, the thread, editors
    window: str  # around them: labels, the reply box's row of buttons
    selection: str  # the chosen conversation's row
    # grounds: the app's own
    incoming: str  # a customer's message
    outgoing: str  # an agent's message
    note_background: str  # a private note: amber, as Chatwoot marks them
    card: str  # a scheduled message under the thread
    badge: str  # a conversation's unread count
    # texts
    text: str
    caption: str  # sender and time over a message, day headings, a read preview
    inbox_line: str  # the list's "#id · inbox · status" line
    card_caption: str  # a scheduled card's "Sends … · pending" line
    link: str
    error: str
    draft: str  # the list's "Draft: …" line
    selected_text: str  # everything on the chosen row
    badge_text: str
    note_text: str  # a private note's own text
    placeholder: str  # an empty field's hint
    card_border: str  # a scheduled card's dashed edge: not text, kept in step with it


# (text role, ground role): everything the app draws, where it draws it
PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "base"),
    ("text", "incoming"),
    ("text", "outgoing"),
    ("text", "card"),
    ("text", "note_background"),
    ("caption", "base"),
    ("caption", "incoming"),
    ("caption", "outgoing"),
    ("caption", "note_background"),
    ("inbox_line", "base"),
    ("card_caption", "card"),
    ("link", "base"),
    ("link", "incoming"),
    ("link", "outgoing"),
    ("link", "card"),
    ("link", "note_background"),
    ("error", "base"),
    ("error", "window"),
    ("error", "incoming"),
    ("error", "outgoing"),
    ("error", "card"),
    ("draft", "base"),
    ("selected_text", "selection"),
    ("badge_text", "badge"),
    # on the chosen row the badge turns over: the selection's colour on its text's
    ("selection", "selected_text"),
    ("note_text", "note_background"),
    ("placeholder", "base"),
    ("placeholder", "note_background"),  # the hint of a note being written
)

LIGHT = Colours(
    dark=False,
    base="#ffffff",
    window="#efefef",
    selection="#2b7db0",
    incoming="#f1f3f5",
    outgoing="#e3efff",
    note_background="#fff8e1",
    card="#e8f6ee",
    badge="#2b7db0",
    text="#1a1a1a",
    caption="#595f66",
    inbox_line="#595f66",
    card_caption="#3f5e4b",
    link="#0b57d0",
    error="#b3261e",
    draft="#0b57d0",
    selected_text="#ffffff",
    badge_text="#ffffff",
    note_text="#3e2c00",
    placeholder="#595f66",
    card_border="#3f5e4b",
)

DARK = Colours(
    dark=True,
    base="#2a2a2a",
    window="#353535",
    selection="#2f65ca",
    incoming="#33373e",
    outgoing="#1f3a5f",
    note_background="#3d3418",
    card="#203b2e",
    badge="#2f65ca",
    text="#e8eaed",
    caption="#b4b9bf",
    inbox_line="#b4b9bf",
    card_caption="#b7d3c2",
    link="#8ab4f8",
    error="#f28b82",
    draft="#8ab4f8",
    selected_text="#ffffff",
    badge_text="#ffffff",
    note_text="#fbe7b0",
    placeholder="#b4b9bf",
    card_border="#b7d3c2",
)

TEXT_ROLES = tuple(dict.fromkeys(text for text, _ground in PAIRS if text != "selection"))


def fitted(colours: Colours, minimum: float = AA_TEXT) -> Colours:
    """Each text role moved just enough to read on all its grounds (unchanged where it
    already does). The selection's ground is deepened rather than its text changed: a
    desktop's white-on-blue stays white on a darker blue, and the badge follows it."""
    selection = readable_on(colours.selection, [colours.selected_text], minimum)
    colours = replace(colours, selection=selection, badge=selection)
    grounds: dict[str, list[str]] = {}
    for text, ground in PAIRS:
        if text != "selection":
            grounds.setdefault(text, []).append(getattr(colours, ground))
    changes: dict[str, Any] = {
        role: readable_on(getattr(colours, role), grounds[role], minimum) for role in grounds
    }
    return replace(colours, **changes, card_border=changes["card_caption"])


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def for_palette(palette: QPalette) -> Colours:
    """The colours to draw with under this palette: its own text, base and selection,
    this module's for the rest, all fitted to read."""
    declared = DARK if is_dark(palette) else LIGHT
    role = QPalette.ColorRole

    def name(which: QPalette.ColorRole) -> str:
        return palette.color(which).name()

    return fitted(
        replace(
            declared,
            base=name(role.Base),
            window=name(role.Window),
            text=name(role.Text),
            selection=name(role.Highlight),
            selected_text=name(role.HighlightedText),
            badge_text=name(role.HighlightedText),
        )
    )


def fit_palette(palette: QPalette) -> QPalette:
    """The desktop's palette with what Qt itself draws text with made readable: the
    selection, links and the hint in empty fields (Qt's own is the text at half
    strength). Disabled controls keep the desktop's look."""
    colours = for_palette(palette)
    fitted_palette = QPalette(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        fitted_palette.setColor(group, role.Highlight, QColor(colours.selection))
        fitted_palette.setColor(group, role.Link, QColor(colours.link))
        fitted_palette.setColor(group, role.LinkVisited, QColor(colours.link))
        fitted_palette.setColor(group, role.PlaceholderText, QColor(colours.placeholder))
    return fitted_palette


def keep_readable(app: QGuiApplication) -> None:
    """Fit the application's palette now and again whenever the desktop switches
    between light and dark (the theme's palette first, then fitted anew)."""

    def refit() -> None:
        app.setPalette(QPalette())  # back to the desktop's own, unfitted
        app.setPalette(fit_palette(app.palette()))

    app.setPalette(fit_palette(app.palette()))
    # once the theme has its new palette: the signal may come before it does
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: QTimer.singleShot(0, refit))
