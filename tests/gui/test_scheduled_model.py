"""The Scheduled tab's model on its own: what the agent sees in the table when rows
change underneath (a message sent, a new one scheduled, one edited) and when they filter
or sort it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from agent_desktop.core.clock import FakeClock
from agent_desktop.gui.scheduled_model import RecordRole, ScheduledModel, changes
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

S = OutboxState
NOW = datetime(2027, 3, 14, 12, 0, tzinfo=UTC)


def record(n: int, *, minutes: int, text: str = "", state: S = S.PENDING) -> OutboxRecord:
    return OutboxRecord(
        id=n,
        profile_id=1,
        backend="local",
        remote_id=None,
        conversation_id=100 + n % 3,
        content=text or f"mensagem {n}",
        scheduled_at=NOW + timedelta(minutes=minutes),
        due_at=NOW + timedelta(minutes=minutes),
        zone="America/New_York",
        hold_on_reply=True,
        hold_after=NOW,
        state=state,
        delivery_key=f"k{n}",
        attachments=(),
        attempts=0,
        claimed_by=None,
        lease_until=None,
        in_flight_since=None,
        server_message_id=None,
        last_error=None,
        conversation_label="",
        created_at=NOW,
        updated_at=NOW,
        sent_at=None,
    )


@pytest.fixture
def table(qtbot):
    model = ScheduledModel(ZoneInfo("America/New_York"), FakeClock(NOW))
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    return view, model


def texts(model: ScheduledModel) -> list[str]:
    return [model.data(model.index(row, 3)) for row in range(model.rowCount())]


def select(view: QTableView, model: ScheduledModel, outbox_id: int) -> None:
    row = model.row_of(outbox_id)
    assert row is not None
    view.selectionModel().select(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def selected_id(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(RecordRole).id if rows else None


def test_rows_are_shown_by_time_and_only_those_the_filter_takes(table):
    _view, model = table
    model.set_rows(
        [record(1, minutes=30), record(2, minutes=10), record(3, minutes=20, state=S.SENT)]
    )
    assert texts(model) == ["mensagem 2", "mensagem 1"]  # pending by default, soonest first
    model.set_filter(None, None, "")
    assert texts(model) == ["mensagem 2", "mensagem 3", "mensagem 1"]
    model.set_filter(None, 100, "")  # one conversation
    assert texts(model) == ["mensagem 3"]
    model.set_filter(None, None, "MENSAGEM 1")  # any case
    assert texts(model) == ["mensagem 1"]


def test_a_change_moves_only_its_row_and_the_selection_stays(table, qtbot):
    view, model = table
    rows = [record(n, minutes=10 * n) for n in range(1, 6)]
    model.set_rows(rows)
    select(view, model, 4)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsRemoved):
        changed = model.update_rows(
            [
                *rows[:1],
                replace(rows[1], state=S.SENT),  # sent: leaves the pending view
                *rows[2:],
                record(6, minutes=5),  # a new one, due first
            ]
        )
    assert changed and not resets
    assert texts(model) == [f"mensagem {n}" for n in (6, 1, 3, 4, 5)]
    assert selected_id(view) == 4  # the agent's row, where it went
    edited = replace(rows[4], content="outro texto", scheduled_at=NOW, updated_at=NOW)
    model.update_rows([*rows[:1], replace(rows[1], state=S.SENT), *rows[2:4], edited])
    assert texts(model) == ["outro texto", "mensagem 1", "mensagem 3", "mensagem 4"]
    assert selected_id(view) == 4
    assert not model.update_rows(  # the same again: nothing moves
        [*rows[:1], replace(rows[1], state=S.SENT), *rows[2:4], edited]
    )


def test_what_changed_is_worked_out_from_copies(table):
    _view, model = table
    rows = [record(n, minutes=n) for n in range(1, 4)]
    model.set_rows(rows)
    known = dict(model.records)
    fresh = [rows[0], replace(rows[1], content="novo"), record(9, minutes=9)]
    changed, gone = changes(known, fresh)
    assert [r.id for r in changed] == [2, 9] and gone == [3]
    assert model.apply(changed, gone)
    assert texts(model) == ["mensagem 1", "novo", "mensagem 9"]
    assert not model.apply(changed, gone)  # applied twice: the second finds nothing to do


def test_a_descending_sort_keeps_the_selection_and_new_rows_land_in_order(table):
    view, model = table
    rows = [record(n, minutes=10 * n) for n in range(1, 4)]
    model.set_rows(rows)
    select(view, model, 2)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert texts(model) == ["mensagem 3", "mensagem 2", "mensagem 1"]
    assert selected_id(view) == 2
    model.update_rows([*rows, record(4, minutes=15)])
    assert texts(model) == ["mensagem 3", "mensagem 2", "mensagem 4", "mensagem 1"]
    assert selected_id(view) == 2
    model.sort(3, Qt.SortOrder.AscendingOrder)  # by text
    assert texts(model) == [f"mensagem {n}" for n in (1, 2, 3, 4)]
    assert selected_id(view) == 2
