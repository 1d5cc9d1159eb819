"""The Qt Linguist round trip for the app's translations.

    python packaging/translations.py update   # pyside6-lupdate: sources -> .ts
    python packaging/translations.py release  # pyside6-lrelease: .ts -> .qm
    python packaging/translations.py check    # fail if a .ts is stale or unfinished, or
                                              # a .qm does not match its .ts

Translators open agent_desktop/translations/agent_desktop_<lang>.ts in Qt Linguist
(pyside6-linguist), then run `release`.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "agent_desktop"
TRANSLATIONS = PACKAGE / "translations"
# the demo server speaks the Chatwoot API's English, like the real one
NOT_SCANNED = ("demo", "migrations", "translations")


def tool(name: str) -> str:
    """A Qt tool from the same environment as this Python (pyside6-lupdate and so on)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"error: {name} not found; install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if not set(path.relative_to(PACKAGE).parts) & set(NOT_SCANNED)
    )


def ts_files(folder: Path = TRANSLATIONS) -> list[Path]:
    return sorted(folder.glob("agent_desktop_*.ts"))


def lupdate(ts: Path) -> None:
    # no source locations: line numbers would change the .ts with every edit of the code
    command = [tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete"]
    language = ts.stem.removeprefix("agent_desktop_")
    if language == "en":  # English is the source text; its file holds the plural forms only
        command.append("-pluralonly")
    command += ["-target-language", language, "-ts", str(ts)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    command = [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)]
    subprocess.run(command, cwd=ROOT, check=True)


def problems(folder: Path = TRANSLATIONS) -> list[str]:
    """What is out of date or unfinished, as sentences; empty when all is well."""
    found: list[str] = []
    if not ts_files(folder):
        return [f"no .ts files under {folder}"]
    with tempfile.TemporaryDirectory() as scratch:
        for ts in ts_files(folder):
            fresh = Path(scratch) / ts.name
            shutil.copyfile(ts, fresh)
            lupdate(fresh)
            if fresh.read_text(encoding="utf-8") != ts.read_text(encoding="utf-8"):
                found.append(f"{ts.name} is stale: run `python packaging/translations.py update`")
            text = fresh.read_text(encoding="utf-8")
            for kind in ("unfinished", "obsolete", "vanished"):
                count = len(re.findall(rf'type="{kind}"', text))
                if count:
                    found.append(f"{ts.name} has {count} {kind} entries")
            qm = ts.with_suffix(".qm")
            rebuilt = Path(scratch) / qm.name
            lrelease(ts, rebuilt)
            if not qm.exists() or not filecmp.cmp(qm, rebuilt, shallow=False):
                found.append(
                    f"{qm.name} is out of date: run `python packaging/translations.py release`"
                )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "release", "check"])
    args = parser.parse_args()
    if args.action == "update":
        for ts in ts_files():
            lupdate(ts)
            print(f"updated {ts.relative_to(ROOT)}")
    elif args.action == "release":
        for ts in ts_files():
            lrelease(ts, ts.with_suffix(".qm"))
            print(f"compiled {ts.with_suffix('.qm').relative_to(ROOT)}")
    else:
        found = problems()
        for problem in found:
            print(f"error: {problem}", file=sys.stderr)
        if found:
            return 1
        print("translations: up to date and complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
