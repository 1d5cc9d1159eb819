"""Translations: the .qm reader agrees with Qt, plurals follow each language's rule, the
language comes from the setting or the system, and the catalogs are complete."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent_desktop.core import i18n
from agent_desktop.core.dates import day_heading, short_date, short_moment
from agent_desktop.core.relative import relative
from agent_desktop.core.rules import Rule, Violation

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def portuguese():
    i18n.set_language("pt_BR")
    yield
    i18n.set_language("en")


def test_portuguese_words_messages_dates_and_plurals(portuguese):
    assert i18n.current_language() == "pt_BR"
    assert Violation(Rule.IN_PAST).message == "esse horário já passou"
    assert Violation(Rule.TOO_SOON, {"minutes": 1}).message.endswith(" 1 minuto de agora")
    assert Violation(Rule.TOO_SOON, {"minutes": 5}).message.endswith("5 minutos de agora")
    # Brazilian Portuguese counts 0 and 1 as singular
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert relative(now + timedelta(days=1), now) == "em 1 dia"
    assert relative(now - timedelta(days=3), now) == "há 3 dias"
    moment = datetime(2026, 5, 4, 9, 30)
    assert day_heading(moment) == "segunda-feira, 4 de maio de 2026"
    assert short_date(moment, with_year=False) == "4 de mai"
    assert short_moment(moment) == "seg 4 de mai 09:30"
    assert i18n.number(150_000) == "150.000"


def test_english_plurals_and_dates():
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert relative(now + timedelta(days=1), now) == "in 1 day"
    assert relative(now + timedelta(days=2), now) == "in 2 days"
    assert relative(now - timedelta(minutes=5), now) == "5 min ago"
    assert Violation(Rule.TOO_SOON, {"minutes": 1}).message.endswith("at least 1 minute from now")
    assert day_heading(datetime(2026, 5, 4)) == "Monday, 4 May 2026"
    assert i18n.number(150_000) == "150,000"


@pytest.mark.parametrize(
    ("setting", "environment", "expected"),
    [
        ("system", "pt_BR.UTF-8", "pt_BR"),
        ("system", "pt_PT.UTF-8", "pt_BR"),  # the nearest language we have
        ("system", "de_DE.UTF-8", "en"),
        ("system", "C.UTF-8", "en"),
        ("en", "pt_BR.UTF-8", "en"),  # the override wins
        ("pt_BR", "en_US.UTF-8", "pt_BR"),
    ],
)
def test_the_language_follows_the_system_unless_set(monkeypatch, setting, environment, expected):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", environment)
    assert i18n.choose_language(setting) == expected


def test_unknown_text_and_a_damaged_file_fall_back_to_english(tmp_path):
    catalog = i18n.Catalog.read(i18n.catalog_path("pt_BR"))
    assert catalog.translate("", "no such message") == "no such message"
    with pytest.raises(i18n.CatalogError):
        i18n.Catalog.parse(b"not a qm file")


def test_the_command_line_speaks_the_setting(tmp_path, monkeypatch):
    """`config set language pt_BR` makes the next command answer in Portuguese."""
    home = tmp_path / "data"
    run = [sys.executable, "-m", "agent_desktop", "--home", str(home)]
    env = {"PATH": "/usr/bin:/bin", "LANGUAGE": "en", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*run, "config", "set", "language", "pt_BR"], env=env, check=True)
    assert done.returncode == 0
    result = subprocess.run(
        [*run, "config", "get", "nonsense"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("erro: configuração desconhecida 'nonsense'")
    helped = subprocess.run([*run, "--help"], env=env, capture_output=True, text=True)
    assert "agendar uma resposta" in helped.stdout


def test_translations_are_complete_and_compiled():
    """Fails when a .ts has unfinished or obsolete entries, misses a string of the
    source, or a .qm was not rebuilt from its .ts (packaging/translations.py check)."""
    pytest.importorskip("PySide6")
    assert _translations_tool().problems() == []


def _translations_tool():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import translations
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    return translations


def test_the_check_catches_unfinished_entries_and_a_stale_qm(tmp_path):
    pytest.importorskip("PySide6")
    tool = _translations_tool()
    folder = tmp_path / "translations"
    folder.mkdir()
    for path in i18n.TRANSLATIONS.glob("agent_desktop_pt_BR.*"):
        (folder / path.name).write_bytes(path.read_bytes())
    ts = folder / "agent_desktop_pt_BR.ts"
    text = ts.read_text(encoding="utf-8")
    ts.write_text(
        text.replace(
            "<translation>esse horário já passou</translation>",
            '<translation type="unfinished"></translation>',
        ),
        encoding="utf-8",
    )
    found = tool.problems(folder)
    assert any("1 unfinished" in problem for problem in found)
    assert any(".qm is out of date" in problem for problem in found)


def test_every_translated_string_is_one_the_extractor_can_see():
    """lupdate reads tr() calls with a literal text; one inside an f-string or with a
    computed text is never extracted, so it would stay English in every language."""
    import ast

    import agent_desktop

    hidden = []
    for path in sorted(Path(agent_desktop.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id == "tr"
                ):
                    hidden.append(f"{path.name}:{inner.lineno}")
    assert hidden == []
