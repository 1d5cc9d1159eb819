"""Filter boxes whose first entry means "any" (All inboxes, All labels, Any conversation)
and whose other entries come from the server or the data: refilled in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox


def refill(box: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
    """Put these (text, value) entries after the "any" one, keeping the agent's choice
    where it is still there; the filter is not asked again, as nothing it uses changed."""
    if list(choices) == [(box.itemText(i), box.itemData(i)) for i in range(1, box.count())]:
        return
    chosen = box.currentData()
    with QSignalBlocker(box):
        while box.count() > 1:
            box.removeItem(1)
        for text, value in choices:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(chosen)))
