"""Only agent_desktop.gui may import Qt: the rest must work on a machine without PySide6."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_everything_but_the_gui_imports_with_pyside6_unavailable():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 is not installed here")
                return None

        sys.meta_path.insert(0, NoQt())
        import agent_desktop
        imported = []
        for info in pkgutil.walk_packages(agent_desktop.__path__, "agent_desktop."):
            if info.name.startswith(("agent_desktop.gui", "agent_desktop.store.migrations")):
                continue
            importlib.import_module(info.name)
            imported.append(info.name)
        assert not any(name.startswith("PySide6") for name in sys.modules), "Qt was loaded"
        print(len(imported))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 15  # the walk really found the modules


def test_the_guard_itself_stops_qt():
    script = textwrap.dedent(
        """
        import sys
        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name.startswith("PySide6"):
                    raise ImportError("blocked")
        sys.meta_path.insert(0, NoQt())
        try:
            import PySide6.QtCore
        except ImportError:
            print("blocked")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "blocked"
