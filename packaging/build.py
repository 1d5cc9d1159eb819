"""Build the one-folder app with PyInstaller, report its size, then smoke-test it.

    python packaging/build.py            # build into dist/, then smoke-test
    python packaging/build.py --no-build # smoke-test an existing dist/agent-desktop

The smoke test runs the bundle offscreen with `--version` and `--demo --self-test`,
then starts it twice signed in to the bundle's own demo server (the second start must
show the last session's page first: the modules it loads later are in the bundle too),
has its command line read a customer's zone from a phone number there, and fails on a
non-zero exit or on any error output it does not expect.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from agent_desktop.demo.process import demo_server_process

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "agent-desktop.spec"
# Size budget for the Linux bundle: Qt with its ICU data is about 90 MB of it.
SIZE_TARGET_MB = 180
# the demo's conversation whose customer has only a phone number from Manaus (+55 92)
PHONE_CONVERSATION = "24"
# Qt messages that say something about the machine, not about the app
EXPECTED_STDERR = (
    re.compile(r"^This plugin does not support (propagateSizeHints|raise)"),
    re.compile(r"^QStandardPaths: XDG_RUNTIME_DIR"),
)


def folder_size(path: Path) -> int:
    # links (PyInstaller links shared libraries to their versioned names) count once
    return sum(
        item.lstat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink()
    )


def build(dist: Path, work: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def unexpected(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(pattern.search(line) for pattern in EXPECTED_STDERR)
    ]


def run_bundle(
    executable: Path, *args: str, home: str | None = None, token: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if token is not None:
        env["AGENT_DESKTOP_TOKEN"] = token
    with tempfile.TemporaryDirectory(prefix="agent-desktop-smoke-") as throwaway:
        env["AGENT_DESKTOP_HOME"] = home or throwaway
        return subprocess.run(
            [str(executable), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def phone_zone(cli: Path, url: str, token: str) -> list[str]:
    """The bundle's command line finds a customer's zone from a Brazilian number alone:
    phonenumbers loads each country's numbering plan by name, which a bundle can lack."""
    made = run_bundle(
        cli,
        *("schedule", PHONE_CONVERSATION, "--text", "smoke test", "--at", "tomorrow 12:00"),
        *("--tz", "customer", "--json", "--server", url, "--account", "1"),
        token=token,
    )
    if made.returncode != 0:
        return [f"a zone from a phone number: exit {made.returncode}: {made.stderr.strip()}"]
    customer = json.loads(made.stdout)["customer"]
    print(f"zone from a phone number: {customer['zone']} ({customer['how']})")
    if customer["zone"] != "America/Manaus" or "+55 92" not in customer["how"]:
        return [f"a zone from a phone number was not found: {customer}"]
    return []


def every_design(cli: Path) -> list[str]:
    """Every scheduling design travels with the bundle: they are found by listing their
    package, which a bundle holds only as far as it was told to."""
    from agent_desktop.store.setting_specs import backend_choices

    wanted = ", ".join(value for value, _label in backend_choices())
    refused = run_bundle(cli, "config", "set", "backend", "none-such")
    if f"backend must be one of {wanted};" not in refused.stderr:
        return [f"the bundle does not offer every scheduling design ({wanted}): {refused.stderr}"]
    print(f"scheduling designs in the bundle: {wanted}")
    return []


def second_start(bundle: Path, executable: Path) -> list[str]:
    """Sign in to the bundle's demo server, start twice: the second shows the last page."""
    cli = bundle / ("agent-desktop-cli.exe" if os.name == "nt" else "agent-desktop")
    with (
        demo_server_process([str(cli)]) as (url, token),
        tempfile.TemporaryDirectory(prefix="agent-desktop-smoke-") as home,
    ):
        signed_in = run_bundle(
            cli, "conversations", "--server", url, "--account", "1", home=home, token=token
        )
        if signed_in.returncode != 0:
            return [f"signing in to the demo server failed: {signed_in.stderr.strip()}"]
        runs = [run_bundle(executable, "--self-test", home=home, token=token) for _ in range(2)]
        problems = phone_zone(cli, url, token)
    problems += [f"a signed-in start exited {r.returncode}" for r in runs if r.returncode]
    if not problems:
        second = json.loads(runs[1].stdout.strip().splitlines()[-1])
        print(f"second start: {runs[1].stdout.strip().splitlines()[-1]}")
        if second.get("first_shown_from") != "last session":
            problems.append(f"a second start did not show the last page first: {second}")
    for run in runs:
        problems += [f"unexpected error output: {line}" for line in unexpected(run.stderr)]
    return problems


def smoke(bundle: Path) -> list[str]:
    """What is wrong with the bundle; an empty list when it works."""
    executable = bundle / ("agent-desktop.exe" if os.name == "nt" else "agent-desktop")
    problems: list[str] = []
    version = run_bundle(executable, "--version")
    if version.returncode != 0 or "agent-desktop" not in version.stdout:
        problems.append(f"--version: exit {version.returncode}: {version.stdout}{version.stderr}")
    test = run_bundle(executable, "--demo", "--self-test")
    if test.returncode != 0:
        problems.append(f"--demo --self-test exited {test.returncode}")
    else:
        summary = json.loads(test.stdout.strip().splitlines()[-1])
        if not (summary.get("window_shown") and summary.get("conversations_loaded")):
            problems.append(f"self-test summary says the app is not working: {summary}")
        print(f"self-test: {test.stdout.strip().splitlines()[-1]}")
    problems += [f"unexpected error output: {line}" for line in unexpected(test.stderr)]
    cli = bundle / ("agent-desktop-cli.exe" if os.name == "nt" else "agent-desktop")
    return problems + every_design(cli) + second_start(bundle, executable)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="smoke-test the existing bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    if not args.no_build and build(args.dist, args.work) != 0:
        print("error: PyInstaller failed", file=sys.stderr)
        return 1
    bundle = args.dist / "agent-desktop"
    if not bundle.is_dir():
        print(f"error: no bundle at {bundle}", file=sys.stderr)
        return 1
    size_mb = folder_size(bundle) / 1_000_000
    verdict = "ok" if size_mb <= SIZE_TARGET_MB else "OVER"
    print(f"bundle size: {size_mb:.0f} MB (target: at most {SIZE_TARGET_MB} MB) {verdict}")
    problems = smoke(bundle)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if size_mb > SIZE_TARGET_MB:
        problems.append("bundle over its size target")
    print("smoke test: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
