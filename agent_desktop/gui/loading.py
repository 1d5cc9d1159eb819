"""Before the window's modules load: two things that make loading them quicker, the
start-up an agent waits through at every login."""

from __future__ import annotations

import builtins
import gc


def prepare_to_load() -> None:
    """Call once, before the rest of the GUI is imported.

    The cycle collector stays off until the start-up objects are frozen out of its reach
    (gui/app.py's freeze_startup_objects turns it back on): until then it would walk the
    ever-growing heap of new modules again and again, finding next to nothing to free.

    PySide6 puts its own import function in place of Python's, one that reads the source
    of every module imported after it, to find any asking for its `__feature__` options
    (snake_case, true_property), which this app never uses: a fifth more time for each
    import that follows, SQLAlchemy's hundreds of modules among them. Python's own comes
    back; modules unknown to PySide keep its default, no feature."""
    gc.disable()
    import PySide6.QtCore  # noqa: F401 (it puts its import function in place)

    plain = getattr(builtins, "__orig_import__", None)
    if plain is not None:
        builtins.__import__ = plain
