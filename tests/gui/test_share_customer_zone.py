"""The time zone the agent sets for a customer, written to their contact in Chatwoot when
Settings allow it: a checkbox in Settings, off by default; on, "Set…" writes the
`timezone` custom attribute beside the contact's others, "Use what is inferred" takes it
away again; off, the server is not written to; a refused write is told, and the zone is
still kept here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QPushButton

from agent_desktop.chatwoot import contacts
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.gui.customer_time import ZoneChooser
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.gui.settings_dialog import SettingsDialog
from agent_desktop.store.contact_zones import contact_zone
from tests.gui.test_customer_time import customer_of, opened


@pytest.fixture
def api(demo_server) -> Iterator[ChatwootClient]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


def with_custom_fields(api: ChatwootClient, window: MainWindow) -> tuple[int, int, dict[str, Any]]:
    """A listed conversation whose contact has custom attributes and no zone among them:
    its id, the contact's, and those attributes."""

    def wanted(side: Any) -> bool:
        custom = side.contact.get("custom_attributes") or {}
        return bool(custom) and "timezone" not in custom and side.contact_id is not None

    conversation_id, side = customer_of(api, window, wanted)
    contact_id = side.contact_id
    assert contact_id is not None
    return conversation_id, contact_id, dict(side.contact["custom_attributes"])


def share_in_settings(qtbot, session: Session) -> None:
    """The agent ticks the box in Settings and saves."""
    dialog = SettingsDialog(session.settings)
    qtbot.addWidget(dialog)
    box = dialog.editor("share_customer_zone")
    assert isinstance(box, QCheckBox) and not box.isChecked()  # off until the agent says
    assert box.text() == "Write the customer's time zone to the contact in Chatwoot"
    box.setChecked(True)
    assert dialog.changes() == {"share_customer_zone": True}
    session.save_settings(dialog.changes())


def choose(window: MainWindow, zone: str) -> ZoneChooser:
    shown = window.pane.customer_time
    shown.set_button.click()
    chooser = shown.chooser
    assert chooser is not None
    chooser.combo.setEditText(zone)
    chooser.ok.click()
    return chooser


def server_attributes(api: ChatwootClient, contact_id: int) -> dict[str, Any]:
    return contacts.contact(api, contact_id).custom_attributes


def test_with_the_setting_on_set_writes_the_zone_beside_the_contacts_other_attributes(
    qtbot, window, api, session
):
    share_in_settings(qtbot, session)
    cid, contact_id, custom = with_custom_fields(api, window)
    opened(qtbot, window, cid)
    choose(window, "Asia/Tokyo")
    merged = {**custom, "timezone": "Asia/Tokyo"}
    qtbot.waitUntil(lambda: server_attributes(api, contact_id) == merged, timeout=5_000)
    assert contact_zone(session.home, session.profile.id, contact_id) == "Asia/Tokyo"

    # "Use what is inferred" takes it off the contact again, the others still untouched
    opened(qtbot, window, cid)
    shown = window.pane.customer_time
    shown.set_button.click()
    chooser = shown.chooser
    assert chooser is not None
    (forget,) = [b for b in chooser.findChildren(QPushButton) if b.text() == "Use what is inferred"]
    forget.click()
    qtbot.waitUntil(lambda: server_attributes(api, contact_id) == custom, timeout=5_000)
    qtbot.waitUntil(
        lambda: contact_zone(session.home, session.profile.id, contact_id) is None, timeout=5_000
    )


def test_off_by_default_nothing_is_written_to_the_contact(qtbot, window, api, session):
    assert session.settings.share_customer_zone is False
    cid, contact_id, custom = with_custom_fields(api, window)
    opened(qtbot, window, cid)
    choose(window, "Asia/Tokyo")
    qtbot.waitUntil(
        lambda: contact_zone(session.home, session.profile.id, contact_id) == "Asia/Tokyo",
        timeout=5_000,
    )
    # every task the choice started has answered: none wrote to the server
    qtbot.waitUntil(lambda: not session.runner._relays, timeout=5_000)
    assert server_attributes(api, contact_id) == custom


def test_a_refused_write_is_told_and_the_zone_is_still_kept_here(
    qtbot, window, api, session, demo_server
):
    share_in_settings(qtbot, session)
    cid, contact_id, custom = with_custom_fields(api, window)
    opened(qtbot, window, cid)
    demo_server.faults.update({"error_rate": 1.0, "methods": ["PUT"]})
    choose(window, "Asia/Tokyo")
    notice = window.notices.label
    qtbot.waitUntil(lambda: "could not be written to the contact" in notice.text(), timeout=5_000)
    assert notice.text().startswith("The customer's time zone is kept here")
    demo_server.faults.update({"error_rate": 0.0})
    assert contact_zone(session.home, session.profile.id, contact_id) == "Asia/Tokyo"
    assert server_attributes(api, contact_id) == custom
    assert "set by you" in window.pane.customer_time.toolTip()
