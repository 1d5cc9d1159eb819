"""The conversation list's filters cut a long choice with "…" (the whole in the tooltip)
where the list is narrow, as a long inbox name or a translation makes them."""

from __future__ import annotations


def test_a_filter_too_narrow_for_its_choice_ends_in_an_ellipsis(qtbot, window):
    box = window.conversations.inbox
    box.setItemText(0, "Todas as caixas de entrada")  # as long as pt_BR's
    box.setFixedWidth(box.fontMetrics().horizontalAdvance("Todas as caixas") + 40)
    qtbot.waitUntil(lambda: box.shown_text() != box.currentText(), timeout=2000)
    assert box.shown_text().endswith("…")
    assert box.shown_text()[:-1] and "Todas as caixas de entrada".startswith(box.shown_text()[:-1])
    assert box.toolTip() == "Todas as caixas de entrada"
    box.setFixedWidth(box.fontMetrics().horizontalAdvance("Todas as caixas de entrada") + 80)
    qtbot.waitUntil(lambda: box.shown_text() == box.currentText(), timeout=2000)
    assert box.toolTip() == ""
    box.grab()  # and it paints
