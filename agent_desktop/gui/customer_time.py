"""The customer's clock in the thread's header: "14:05 for Beatriz (São Paulo)", how the
zone was found in the tooltip, and "Set…" to give it in one step (kept for the contact
in store/contact_zones, and on the contact in Chatwoot when Settings allow it). The
contact and the inbox are read from the server on a worker when a conversation opens,
and resolved by the same core functions as the command line's `schedule`; an answer for
a conversation no longer open is dropped. The time moves on each minute from the clock
alone: no network."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.chatwoot.contact_updates import share_zone
from agent_desktop.chatwoot.customers import customer_side
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.core.business_hours import BusinessHours, parse_business_hours
from agent_desktop.core.customer_zone import CustomerZone, ZoneSource, infer_zone, zone_named
from agent_desktop.core.zone_places import CITIES, folded
from agent_desktop.gui.elided_label import ElidedLabel
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session, describe_error
from agent_desktop.store.contact_zones import contact_zone, set_contact_zone

# the spelling of a zone's city as people write it ("São Paulo" for America/Sao_Paulo)
_CITY_NAMES = {folded(city): city for cities in CITIES.values() for city in cities}


@dataclass(frozen=True)
class CustomerClock:
    """What is known of the other side's clocks for one conversation."""

    conversation_id: int
    contact_id: int | None
    contact: dict[str, Any]  # the server's contact JSON, as core.customer_zone reads it
    name: str
    zone: CustomerZone
    hours: BusinessHours | None  # None: the inbox is not among the agent's

    def with_zone(self, set_by_agent: str | None) -> CustomerClock:
        """The same customer with the zone the agent gave (None: what is inferred)."""
        return replace(self, zone=infer_zone(self.contact, set_by_agent))


def gather(session: Session, conversation_id: int) -> CustomerClock:
    """On a worker: the contact and inbox from the server, the zone the agent set for the
    contact, and what follows from them (as the command line's `schedule` gathers it)."""
    side = customer_side(session.client(), conversation_id)
    kept = (
        contact_zone(session.home, session.profile.id, side.contact_id) if side.contact_id else None
    )
    hours = parse_business_hours(side.inbox) if side.inbox is not None else None
    name = side.contact.get("name")
    return CustomerClock(
        conversation_id,
        side.contact_id,
        side.contact,
        name.strip() if isinstance(name, str) else "",
        infer_zone(side.contact, kept),
        hours,
    )


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else tr("the customer")


def zone_place(zone: ZoneInfo) -> str:
    """A zone's city, as people write it: "São Paulo" for America/Sao_Paulo."""
    place = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    return _CITY_NAMES.get(folded(place), place)


class ZoneChooser(QDialog):
    """A searchable list of every zone, the candidates the clues left first; "Use what is
    inferred" forgets a zone the agent set."""

    chosen = Signal(object)  # a zone name, or None to forget the one set

    def __init__(self, found: CustomerClock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Customer's time zone"))
        zones = sorted(available_timezones() - {"Etc/Unknown", "localtime"})
        first = [z for z in found.zone.candidates if z in zones]
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName(tr("Time zone"))
        self.combo.addItems(first + [z for z in zones if z not in first])
        completer = QCompleter(QStringListModel(zones, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "paulo" finds Sao_Paulo
        self.combo.setCompleter(completer)
        current = found.zone.zone
        self.combo.setCurrentText(current.key if current else (first[0] if first else ""))
        editor = self.combo.lineEdit()
        if editor is not None:
            editor.selectAll()  # typing replaces it: the search starts at once
        self.combo.editTextChanged.connect(lambda _text: self._check())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        if found.zone.source is ZoneSource.AGENT:
            forget = buttons.addButton(
                tr("Use what is inferred"), QDialogButtonBox.ButtonRole.ResetRole
            )
            forget.setToolTip(tr("Forget the zone you set: it is inferred from the contact again"))
            forget.clicked.connect(lambda: self._done(None))
        question = QLabel(
            tr("Where is {name}'s clock?").format(name=found.name or tr("the customer"))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)
        self._check()

    def zone(self) -> ZoneInfo | None:
        return zone_named(self.combo.currentText())

    def _check(self) -> None:
        self.ok.setEnabled(self.zone() is not None)

    def _accept(self) -> None:
        zone = self.zone()
        if zone is not None:
            self._done(zone.key)

    def _done(self, name: str | None) -> None:
        self.chosen.emit(name)
        self.accept()


class CustomerTime(QWidget):
    """The header's line about the customer's clock, with its "Set…" action."""

    changed = Signal(object)  # the CustomerClock now known, or None while it is not

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.found: CustomerClock | None = None
        self.chooser: ZoneChooser | None = None
        self._conversation: Conversation | None = None
        self._asked = 0  # each conversation opened: older answers are old
        self._problem = ""

        self.label = ElidedLabel()
        self.label.setObjectName("customer-time")
        self.label.setAccessibleName(tr("Customer's time"))
        # the whole line and how it was found, from this widget's tooltip
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # it gives way to the header's buttons on a narrow window, down to "…": the header
        # asks no more room with the customer's time than without it
        self.label.setMinimumWidth(1)
        self.set_action = QAction(tr("Set time zone…"), self)
        self.set_action.setToolTip(tr("Set the customer's time zone"))
        self.set_action.setIconText(tr("Set…"))
        self.set_action.triggered.connect(lambda _checked=False: self.choose())
        self.set_button = QToolButton()
        self.set_button.setDefaultAction(self.set_action)
        self.set_button.setAutoRaise(True)
        # no taller than the line of text it sits on: the header keeps its height
        self.set_button.setMaximumHeight(self.label.fontMetrics().height() + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.set_button)

        self._minute = QTimer(self)
        self._minute.setSingleShot(True)
        self._minute.timeout.connect(self.refresh)
        # hidden until a conversation opens, its line kept: the thread below does not
        # move when the first conversation opens (nor its divider come back elsewhere)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setVisible(False)

    # -- loading ---------------------------------------------------------------------

    def show_for(self, conversation: Conversation) -> None:
        """A conversation opened: its customer's side, read on a worker."""
        self._conversation = conversation
        self._asked += 1
        asked, cid = self._asked, conversation.id
        self.found, self._problem = None, ""
        self.setVisible(True)
        self.refresh()
        self.changed.emit(None)
        self.session.run(
            lambda: gather(self.session, cid),
            lambda found: self._loaded(asked, found),
            lambda error: self._failed(asked, error),
        )

    def _loaded(self, asked: int, found: CustomerClock) -> None:
        if asked != self._asked:
            return  # the agent moved on meanwhile
        self.found = found
        self.refresh()
        self.changed.emit(found)

    def _failed(self, asked: int, error: Exception) -> None:
        if asked != self._asked:
            return
        self._problem = describe_error(error)
        self.refresh()

    # -- showing ---------------------------------------------------------------------

    def text(self) -> str:
        found = self.found
        if found is None:
            return tr("Customer's time unknown") if self._problem else ""
        zone = found.zone.zone
        if zone is None:
            if found.zone.source is ZoneSource.SEVERAL:
                return tr("Customer's time: several zones possible")
            return tr("Customer's time unknown")
        local = self.session.clock.now().astimezone(zone)
        return tr("{time} for {name} ({place})").format(
            time=f"{local:%H:%M}", name=first_name(found.name), place=zone_place(zone)
        )

    def how(self) -> str:
        if self.found is None:
            if self._problem:
                return tr("The contact could not be loaded: {reason}").format(reason=self._problem)
            return tr("Looking up the customer's time zone…")
        how = self.found.zone.how
        zone = self.found.zone.zone
        where = f"{zone.key}, " if zone is not None else ""
        return where + how

    def refresh(self) -> None:
        text = self.text()
        self.label.setText(text)
        self.setToolTip(f"{text}\n{self.how()}" if text else self.how())
        found = self.found
        self.set_action.setEnabled(found is not None and found.contact_id is not None)
        self._minute.stop()
        if found is not None and found.zone.known:
            now = self.session.clock.now()
            # on the minute, as a clock changes
            self._minute.start(max(1000, (60 - now.second) * 1000 - now.microsecond // 1000))

    # -- setting ---------------------------------------------------------------------

    def choose(self) -> None:
        """Open the zone chooser; the header follows the choice at once."""
        found = self.found
        if found is None or found.contact_id is None:
            return
        self.chooser = ZoneChooser(found, self.window())
        self.chooser.chosen.connect(self.set_zone)
        self.chooser.open()

    def set_zone(self, name: str | None) -> None:
        """The agent's zone for this contact (None forgets it): shown now, kept on a
        worker (the file is beside the database)."""
        found = self.found
        if found is None or found.contact_id is None:
            return
        self.found = found.with_zone(name)
        self.refresh()
        self.changed.emit(self.found)
        home, profile_id, contact_id = self.session.home, self.session.profile.id, found.contact_id
        self.session.run(lambda: set_contact_zone(home, profile_id, contact_id, name))
        if self.session.settings.share_customer_zone:
            was = found.zone.zone if found.zone.source is ZoneSource.AGENT else None
            self._share(contact_id, name, was.key if was is not None else None)

    def _share(self, contact_id: int, name: str | None, forgotten: str | None) -> None:
        """Also on the contact in Chatwoot, on a worker; a refusal is told, and the zone
        stays kept here all the same."""
        session = self.session
        session.run(
            lambda: share_zone(session.client(), contact_id, name, forgotten=forgotten),
            None,
            lambda error: session.error.emit(
                tr(
                    "The customer's time zone is kept here but could not be written to "
                    "the contact in Chatwoot: {reason}"
                ).format(reason=describe_error(error))
            ),
        )
