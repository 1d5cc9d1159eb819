"""The app's language: which one, and its translated strings outside the window.

Strings are marked with `tr("...")` (or `QT_TR_NOOP("...")` where a constant is translated
later) so that `pyside6-lupdate` finds them; translators work in Qt Linguist on
`agent_desktop/translations/*.ts` and `pyside6-lrelease` compiles those to `.qm`. The
window loads the `.qm` into Qt's QTranslator; everything else (the command line, the
messages of the core) reads the same `.qm` here, because only `gui/` may import Qt.
"""

from __future__ import annotations

import locale
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SOURCE_LANGUAGE = "en"
SYSTEM = "system"

_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_BLOCK_MESSAGES, _BLOCK_NUMERUS = 0x69, 0x88
_TAG_END, _TAG_TRANSLATION, _TAG_OBSOLETE1 = 1, 3, 5
_TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT, _TAG_OBSOLETE2 = 6, 7, 8, 9
# numerus rule opcodes, as lrelease writes them
_EQ, _LT, _LEQ, _BETWEEN, _OP_MASK = 0x01, 0x02, 0x03, 0x04, 0x07
_NOT, _MOD_10, _MOD_100, _LEAD_1000 = 0x08, 0x10, 0x20, 0x40
_AND, _OR, _NEWRULE = 0xFD, 0xFE, 0xFF

Key = tuple[str, str, str]  # context, source text, disambiguation comment


class CatalogError(ValueError):
    pass


@dataclass
class Catalog:
    """The messages of one compiled `.qm` file."""

    messages: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    numerus_rules: bytes = b""

    @classmethod
    def read(cls, path: Path) -> Catalog:
        return cls.parse(path.read_bytes())

    @classmethod
    def parse(cls, data: bytes) -> Catalog:
        if not data.startswith(_QM_MAGIC):
            raise CatalogError("not a Qt translation file")
        catalog = cls()
        position = len(_QM_MAGIC)
        while position + 5 <= len(data):
            tag = data[position]
            (length,) = struct.unpack_from(">I", data, position + 1)
            block = data[position + 5 : position + 5 + length]
            position += 5 + length
            if tag == _BLOCK_MESSAGES:
                catalog.messages = _read_messages(block)
            elif tag == _BLOCK_NUMERUS:
                catalog.numerus_rules = block
        return catalog

    def translate(self, context: str, source: str, disambiguation: str = "", n: int = -1) -> str:
        forms = self.messages.get((context, source, disambiguation))
        if not forms:
            return source
        index = _numerus_form(n, self.numerus_rules) if n >= 0 else 0
        return forms[min(index, len(forms) - 1)]


def _read_messages(block: bytes) -> dict[Key, tuple[str, ...]]:
    messages: dict[Key, tuple[str, ...]] = {}
    translations: list[str] = []
    source = context = comment = ""
    position = 0
    while position < len(block):
        tag = block[position]
        position += 1
        if tag == _TAG_END:
            if translations:
                messages[(context, source, comment)] = tuple(translations)
            translations, source, context, comment = [], "", "", ""
            continue
        if tag in (_TAG_OBSOLETE1, _TAG_OBSOLETE2):  # fixed-size fields older Qt wrote
            position += 4
            continue
        (length,) = struct.unpack_from(">I", block, position)
        position += 4
        if tag == _TAG_TRANSLATION:
            if length != 0xFFFFFFFF:
                translations.append(block[position : position + length].decode("utf-16-be"))
                position += length
            continue
        text = block[position : position + length].decode("utf-8", errors="replace")
        position += length
        if tag == _TAG_SOURCE:
            source = text
        elif tag == _TAG_CONTEXT:
            context = text
        elif tag == _TAG_COMMENT:
            comment = text
    return messages


def _numerus_form(n: int, rules: bytes) -> int:
    """Which plural form n takes: Qt's own rule interpreter (qtranslator.cpp)."""
    n = abs(n)
    form, i = 0, 0
    if not rules:
        return 0
    while True:
        any_true = False
        while True:
            all_true = True
            while True:
                opcode, right = rules[i], rules[i + 1]
                i += 2
                left = n
                if opcode & _MOD_10:
                    left %= 10
                elif opcode & _MOD_100:
                    left %= 100
                elif opcode & _LEAD_1000:
                    while left >= 1000:
                        left //= 1000
                op = opcode & _OP_MASK
                if op == _EQ:
                    truth = left == right
                elif op == _LT:
                    truth = left < right
                elif op == _LEQ:
                    truth = left <= right
                else:  # _BETWEEN
                    truth = right <= left <= rules[i]
                    i += 1
                if opcode & _NOT:
                    truth = not truth
                all_true = all_true and truth
                if i >= len(rules) or rules[i] != _AND:
                    break
                i += 1
            any_true = any_true or all_true
            if i >= len(rules) or rules[i] != _OR:
                break
            i += 1
        if any_true:
            return form
        form += 1
        if i >= len(rules):
            return form
        i += 1  # _NEWRULE


def available_languages() -> tuple[str, ...]:
    """The source language, then every language with a compiled translation."""
    found = {path.stem.removeprefix("agent_desktop_") for path in TRANSLATIONS.glob("*.qm")}
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def system_language() -> str:
    """The user's language as the environment says it, e.g. "pt_BR"."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0].split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):  # these say "no language", not English
            return value
    code, _ = locale.getlocale()
    return code or SOURCE_LANGUAGE


def match_language(wanted: str, available: tuple[str, ...] | None = None) -> str:
    """The best available language for a wish: exact, then by language alone."""
    available = available or available_languages()
    wanted = wanted.replace("-", "_")
    if wanted in available:
        return wanted
    base = wanted.split("_")[0].lower()
    for language in available:
        if language.split("_")[0].lower() == base:
            return language
    return SOURCE_LANGUAGE


def choose_language(setting: str | None) -> str:
    """The setting when it names a language, else the system's; English when neither
    has a translation."""
    if setting and setting != SYSTEM:
        return match_language(setting)
    return match_language(system_language())


class _State:
    language = SOURCE_LANGUAGE
    catalog: Catalog | None = None  # read on first use: importing stays cheap


def catalog_path(language: str) -> Path:
    return TRANSLATIONS / f"agent_desktop_{language}.qm"


def set_language(language: str) -> str:
    """Use a language from now on; returns the one in use (English if it has no file).
    English has a file too: the plural forms of its source text."""
    for candidate in (language, SOURCE_LANGUAGE):
        try:
            _State.catalog = Catalog.read(catalog_path(candidate))
        except (OSError, CatalogError, UnicodeDecodeError):
            continue
        _State.language = candidate
        return candidate
    # no file at all: the source text as it is
    _State.language, _State.catalog = SOURCE_LANGUAGE, Catalog()
    return SOURCE_LANGUAGE


def current_language() -> str:
    return _State.language


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The text in the current language; `%n` becomes n where a count is given."""
    if _State.catalog is None:
        set_language(_State.language)
    assert _State.catalog is not None
    text = _State.catalog.translate("", source, disambiguation or "", n)
    return text.replace("%n", str(n)) if n >= 0 else text


def QT_TR_NOOP(source: str) -> str:  # the name lupdate looks for
    """Marks a constant for translation where it is defined; `tr()` it where shown."""
    return source


def number(value: int) -> str:
    """A whole number with the language's thousands separator: 150,000 or 150.000."""
    return f"{value:,}".replace(",", tr(",", "thousands separator"))
