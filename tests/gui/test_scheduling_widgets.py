"""The scheduler, the edit dialog and the reply box on their own: a fake clock, a fixed
zone with daylight saving, the policy; no server, no main window. The machine's own zone
must not matter (CI runs these under several)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit

from agent_desktop.core.channels import reply_limit
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.presets import Preset
from agent_desktop.core.timezones import WallTime
from agent_desktop.gui.edit_dialog import EditDialog
from agent_desktop.gui.reply_box import ReplyBox
from agent_desktop.gui.schedule_panel import SchedulePanel
from agent_desktop.gui.session import Session
from agent_desktop.scheduling import designs
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.setting_specs import AppSettings
from agent_desktop.store.states import OutboxState
from tests.support.samples import outbox_record
from tests.support.transitions import ZONES_WITH_CHANGES, transitions

NEW_YORK = ZoneInfo("America/New_York")
RULES = AppSettings.defaults().rules
LOCAL = designs.traits("local")
# 2027-03-14: New York's clocks jump from 02:00 EST to 03:00 EDT (07:00 UTC);
# 2027-11-07: they fall back from 02:00 EDT to 01:00 EST (06:00 UTC), 01:00-02:00 twice
SPRING_0130_EST = datetime(2027, 3, 14, 6, 30, tzinfo=UTC)
FALL_0130_EDT = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


def panel_at(qtbot, now: datetime, traits=LOCAL) -> SchedulePanel:
    panel = SchedulePanel(FakeClock(now), NEW_YORK, lambda: RULES, lambda: traits)
    qtbot.addWidget(panel)
    return panel


def type_into_picker(panel: SchedulePanel, wall: datetime) -> None:
    """What the agent's typing or the calendar does: the picker's own value changes."""
    panel.picker.setDateTime(
        QDateTime(
            QDate(wall.year, wall.month, wall.day),
            QTime(wall.hour, wall.minute, wall.second),
            panel.picker.timeZone(),
        )
    )


def test_a_time_that_does_not_exist_is_refused_with_the_nearest_valid_times(qtbot):
    panel = panel_at(qtbot, datetime(2027, 3, 13, 12, 0, tzinfo=UTC))
    type_into_picker(panel, datetime(2027, 3, 14, 2, 30))
    assert panel.choice().wall == datetime(2027, 3, 14, 2, 30)  # not moved to 03:30
    assert panel.value() is None
    assert panel.problem() == (
        "That time does not exist in America/New_York: clocks jump from 02:00 to 03:00."
    )
    assert not panel.gap_box.isHidden()
    assert [b.text() for b in panel.gap_buttons] == [
        "Use 2027-03-14 01:59 EST (UTC-05:00)",
        "Use 2027-03-14 03:00 EDT (UTC-04:00)",
    ]
    panel.gap_buttons[1].click()
    value = panel.value()
    assert value is not None and value.instant == datetime(2027, 3, 14, 7, 0, tzinfo=UTC)
    assert panel.gap_box.isHidden() and panel.problem() is None


def test_a_repeated_hour_offers_both_and_keeps_the_choice(qtbot):
    panel = panel_at(qtbot, datetime(2027, 11, 1, 12, 0, tzinfo=UTC))
    type_into_picker(panel, datetime(2027, 11, 7, 1, 30))
    assert not panel.fold_box.isHidden()
    assert (panel.earlier.text(), panel.later.text()) == (
        "the first (UTC-04:00)",
        "the second (UTC-05:00)",
    )
    assert panel.earlier.isChecked()
    first = panel.value()
    assert first is not None and first.instant == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    panel.later.click()
    second = panel.value()
    assert second is not None and second.instant == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    assert "01:30 EST (UTC-05:00)" in panel.local_label.text()
    assert panel.utc_label.text() == "= 2027-11-07 06:30 UTC"
    type_into_picker(panel, datetime(2027, 11, 8, 1, 30))  # no longer a repeated hour
    assert panel.fold_box.isHidden() and not panel.choice().later


def test_in_1_hour_is_exactly_an_hour_when_the_clocks_jump_forward(qtbot):
    panel = panel_at(qtbot, SPRING_0130_EST)
    panel.use_preset(Preset.IN_1_HOUR)
    value = panel.value()
    assert value is not None and value.instant == SPRING_0130_EST + timedelta(hours=1)
    assert panel.choice().wall == datetime(2027, 3, 14, 3, 30)  # 02:30 never happens
    assert "03:30 EDT (UTC-04:00)" in panel.local_label.text()
    assert "in 1 h" in panel.local_label.text()


def test_in_1_hour_is_exactly_an_hour_when_the_clocks_fall_back(qtbot):
    panel = panel_at(qtbot, FALL_0130_EDT)
    panel.use_preset(Preset.IN_1_HOUR)
    value = panel.value()
    assert value is not None and value.instant == FALL_0130_EDT + timedelta(hours=1)
    # an hour after 01:30 EDT is 01:30 EST: the second of the repeated hour, not now
    assert panel.choice() == WallTime(datetime(2027, 11, 7, 1, 30), later=True)
    assert not panel.fold_box.isHidden() and panel.later.isChecked()


def test_tomorrow_and_monday_at_nine_are_wall_times_in_the_zone(qtbot):
    saturday_noon = datetime(2027, 3, 13, 17, 0, tzinfo=UTC)  # 12:00 EST
    panel = panel_at(qtbot, saturday_noon)
    panel.use_preset(Preset.TOMORROW_9)
    tomorrow = panel.value()
    assert tomorrow is not None and tomorrow.instant == datetime(2027, 3, 14, 13, 0, tzinfo=UTC)
    assert "09:00 EDT (UTC-04:00)" in panel.local_label.text()
    panel.use_preset(Preset.NEXT_MONDAY_9)
    monday = panel.value()
    assert monday is not None and monday.instant == datetime(2027, 3, 15, 13, 0, tzinfo=UTC)
    assert [b.text() for b in panel.presets] == ["In 1 hour", "Tomorrow 9:00", "Next Monday 9:00"]


def test_the_panel_shows_zone_offset_utc_and_the_rules(qtbot):
    now = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    panel = panel_at(qtbot, now)
    type_into_picker(panel, datetime(2027, 6, 1, 8, 2))  # 12:02 UTC: two minutes ahead
    assert panel.zone_label.text() == "America/New_York"
    assert panel.local_label.text().startswith("Sends 2027-06-01 08:02 EDT (UTC-04:00)")
    assert panel.utc_label.text() == "= 2027-06-01 12:02 UTC"
    assert panel.problem() == "The time must be at least 5 minutes from now"
    assert not panel.problem_label.isHidden()
    type_into_picker(panel, datetime(2027, 6, 1, 9, 0, 30))
    assert panel.problem() is None and panel.problem_label.isHidden()
    assert panel.utc_label.text() == "= 2027-06-01 13:00:30 UTC"


def test_the_hold_choice_says_when_the_server_does_not_hold(qtbot):
    panel = panel_at(qtbot, datetime(2027, 6, 1, 12, 0, tzinfo=UTC))
    panel.set_hold_supported(False)
    assert not panel.hold.isEnabled()
    assert "even if the customer replies" in panel.hold.toolTip()


# -- the edit dialog -------------------------------------------------------------------


def edit_dialog(qtbot, record, now, traits=LOCAL) -> EditDialog:
    dialog = EditDialog(record, clock=FakeClock(now), zone=NEW_YORK, rules=RULES, traits=traits)
    qtbot.addWidget(dialog)
    return dialog


def save_enabled(dialog: EditDialog) -> bool:
    return dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()


def test_the_edit_dialog_shows_the_stored_instant_exactly(qtbot):
    # 01:30:45.123456 EST: the second of the two 01:30s, with seconds
    instant = datetime(2027, 11, 7, 6, 30, 45, 123456, tzinfo=UTC)
    record = outbox_record(scheduled_at=instant, due_at=instant)
    dialog = edit_dialog(qtbot, record, datetime(2027, 11, 1, tzinfo=UTC))
    assert dialog.panel.picker.text() == "2027-11-07  01:30:45"
    assert dialog.panel.later.isChecked() and not dialog.panel.fold_box.isHidden()
    value = dialog.panel.value()
    assert value is not None and value.instant == instant  # to the microsecond
    dialog.editor.setPlainText("Só o texto muda")
    edit = dialog.result_value()
    assert edit.text == "Só o texto muda" and edit.when is None and edit.hold_on_reply is None
    assert save_enabled(dialog)


def test_a_time_moved_and_put_back_in_the_edit_dialog_is_kept_exactly(qtbot):
    instant = datetime(2027, 11, 7, 6, 30, 45, 123456, tzinfo=UTC)  # the second 01:30:45
    record = outbox_record(scheduled_at=instant, due_at=instant)
    dialog = edit_dialog(qtbot, record, datetime(2027, 11, 1, tzinfo=UTC))
    picker = dialog.panel.picker
    picker.setDateTime(picker.dateTime().addSecs(60))
    assert dialog.result_value().when is not None
    picker.setDateTime(picker.dateTime().addSecs(-60))
    dialog.editor.setPlainText("Só o texto muda")
    edit = dialog.result_value()
    assert edit.when is None  # not a change: the stored instant stays, microseconds too
    value = dialog.panel.value()
    assert value is not None and value.instant == instant


def test_choosing_the_other_hour_in_the_edit_dialog_moves_it_by_an_hour_only(qtbot):
    instant = datetime(2027, 11, 7, 6, 30, 45, 123456, tzinfo=UTC)
    record = outbox_record(scheduled_at=instant, due_at=instant)
    dialog = edit_dialog(qtbot, record, datetime(2027, 11, 1, tzinfo=UTC))
    dialog.panel.earlier.click()
    edit = dialog.result_value()
    assert edit.when is not None and edit.when.instant == instant - timedelta(hours=1)


def test_hold_on_reply_is_edited_in_the_dialog_where_the_design_holds(qtbot):
    record = outbox_record(hold_on_reply=True)
    dialog = edit_dialog(qtbot, record, record.scheduled_at - timedelta(days=1))
    assert dialog.panel.hold.isChecked() and dialog.panel.hold.isEnabled()
    dialog.panel.hold.setChecked(False)
    assert dialog.result_value().hold_on_reply is False
    seed = designs.traits("server-scheduled-at")
    on_seed = edit_dialog(qtbot, outbox_record(backend=seed.name), record.created_at, seed)
    assert not on_seed.panel.hold.isEnabled()


def test_a_missed_message_keeps_its_past_time_when_only_the_text_changes(qtbot):
    past = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    record = outbox_record(state=OutboxState.MISSED, scheduled_at=past, due_at=past)
    dialog = edit_dialog(qtbot, record, past + timedelta(hours=3))
    assert dialog.panel.problem_label.isHidden()  # the kept time is not checked again
    dialog.editor.setPlainText("Desculpe a demora")
    assert save_enabled(dialog)
    type_into_picker(dialog.panel, datetime(2027, 6, 1, 9, 0))  # still in the past
    assert not save_enabled(dialog)
    assert dialog.problem() == "That time has already passed"


def test_an_empty_text_cannot_be_saved(qtbot):
    record = outbox_record()
    dialog = edit_dialog(qtbot, record, record.scheduled_at - timedelta(days=1))
    dialog.editor.setPlainText("   ")
    assert not save_enabled(dialog)
    assert dialog.problem() == "The message is empty"


# -- the reply box ---------------------------------------------------------------------


@pytest.fixture
def reply(qtbot, tmp_path: Path):
    now = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    profile = ProfileRecord(
        1, "https://chat.example.com", 1, 1, "Ana", "", "", now, now, None, None
    )
    session = Session(
        profile, AppSettings.defaults(), tmp_path, clock=FakeClock(now), zone=NEW_YORK
    )
    box = ReplyBox(session)
    qtbot.addWidget(box)
    yield box
    session.stop()


def test_the_reply_box_asks_the_policy_about_text_files_and_time(qtbot, reply, tmp_path):
    reply.set_scheduling(True)
    assert not reply.send_button.isEnabled()
    assert reply.send_button.toolTip() == "The message is empty (Ctrl+Shift+Enter)"
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"PNG")
    reply.add_files([picture])
    assert reply.send_button.isEnabled()  # a file alone is something to send
    reply.editor.setPlainText("Segue a foto")
    type_into_picker(reply.scheduler, datetime(2027, 6, 1, 8, 1))
    assert not reply.send_button.isEnabled()
    assert "at least 5 minutes" in reply.send_button.toolTip()
    type_into_picker(reply.scheduler, datetime(2027, 3, 14, 2, 30))
    assert "does not exist" in reply.send_button.toolTip()
    assert reply.send_button.text() == "Schedule for …"


def test_the_reply_box_knows_the_limits_of_where_messages_wait(qtbot, reply, tmp_path):
    files = []
    for name in ("a.pdf", "b.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF")
        files.append(path)
    reply.session._design_traits = designs.traits("server-resource")
    reply.editor.setPlainText("Dois anexos")
    reply.add_files(files)
    assert reply.send_button.isEnabled()  # sent now, 15 files may go
    reply.set_scheduling(True)
    assert not reply.send_button.isEnabled()
    assert reply.send_button.toolTip().startswith("At most 1 attachment here; got 2")


def test_a_reply_of_more_than_150000_characters_is_refused_with_the_limit(qtbot, reply):
    reply.editor.setPlainText("x" * 150_001)
    assert not reply.send_button.isEnabled()
    assert reply.send_button.toolTip().startswith("The message has 150,001 characters")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_the_panel_around_real_clock_changes(qtbot, data):
    """Driven with instants around real transitions: "in 1 hour" is exactly 3,600 s away,
    a stored instant shows and comes back unchanged, and what is shown is what is sent."""
    name = data.draw(st.sampled_from(ZONES_WITH_CHANGES))
    change = data.draw(st.sampled_from(transitions(name)))
    now = change + timedelta(seconds=data.draw(st.integers(-3 * 3600, 3 * 3600)))
    stored = change + timedelta(
        microseconds=data.draw(st.integers(-2 * 3600 * 10**6, 2 * 3600 * 10**6))
    )
    zone = ZoneInfo(name)
    panel = SchedulePanel(FakeClock(now), zone, lambda: RULES, lambda: LOCAL)
    qtbot.addWidget(panel)
    panel.use_preset(Preset.IN_1_HOUR)
    in_an_hour = panel.value()
    assert in_an_hour is not None and in_an_hour.instant == now + timedelta(hours=1)
    assert panel.current().local_text.startswith(f"Sends {in_an_hour.display()}")
    panel.set_instant(stored, kept=True)
    shown = panel.value()
    assert shown is not None and shown.instant == stored
    assert not panel.time_changed()
    wall = shown.wall
    assert panel.picker.dateTime().time().hour() == wall.hour
    assert panel.picker.dateTime().time().minute() == wall.minute


def test_a_server_that_has_not_shown_it_holds_is_named_where_the_agent_chooses(qtbot):
    panel = panel_at(qtbot, datetime(2027, 6, 1, 12, 0, tzinfo=UTC))
    panel.set_hold_supported(True, unconfirmed=True)
    assert panel.hold.isEnabled()
    assert panel.hold.text() == "Hold if the customer replies (if the server does)"
    assert "may go out anyway" in panel.hold.toolTip()
    panel.set_hold_supported(True)
    assert panel.hold.text() == "Hold if the customer replies"


def test_the_reply_box_counts_against_the_channel_s_limit_and_names_it(qtbot, reply):
    reply.set_channel(reply_limit("Channel::Whatsapp"))
    reply.editor.setPlainText("x" * 4_096)
    assert reply.send_button.isEnabled()
    assert reply.count_label.text() == "4,096 / 4,096"
    reply.editor.setPlainText("x" * 4_097)
    assert not reply.send_button.isEnabled()
    assert reply.send_button.toolTip().startswith(
        "WhatsApp takes at most 4,096 characters; the message has 4,097"
    )
    reply.set_scheduling(True)  # scheduled, it is checked the same way
    assert not reply.send_button.isEnabled()
    assert "WhatsApp takes at most 4,096" in reply.send_button.toolTip()
    reply.mode.setCurrentIndex(1)  # a private note never leaves Chatwoot: no channel limit
    assert reply.send_button.isEnabled() and reply.count_label.text() == ""
    reply.mode.setCurrentIndex(0)
    reply.set_channel(reply_limit("Channel::WebWidget"))  # only the server's limit
    assert reply.send_button.isEnabled() and reply.count_label.text() == ""


def test_digits_typed_after_a_click_on_the_hour_replace_it(qtbot):
    panel = panel_at(qtbot, datetime(2027, 6, 1, 12, 0, tzinfo=UTC))
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_wall(datetime(2027, 6, 2, 9, 0))
    panel.picker.setFocus()  # a real click gives it the focus as it presses
    qtbot.waitUntil(panel.picker.hasFocus)
    line = panel.picker.lineEdit()
    assert line.text() == "2027-06-02  09:00"
    line.setCursorPosition(13)  # between the hour's two digits: where an agent clicks
    at = line.cursorRect().center()
    line.setCursorPosition(0)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: line.hasSelectedText())
    assert panel.picker.currentSection() is QDateTimeEdit.Section.HourSection
    qtbot.keyClicks(panel.picker, "14")
    assert panel.wall() == datetime(2027, 6, 2, 14, 0)
    assert "14:00" in panel.local_label.text()
