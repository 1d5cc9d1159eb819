"""What the agent asks for when scheduling: plain data, shared by the window, the
command line and the service."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.timezones import ZonedTime


@dataclass(frozen=True)
class ScheduleRequest:
    conversation_id: int
    text: str
    when: ZonedTime
    hold_on_reply: bool = True
    files: tuple[Path, ...] = ()
    conversation_label: str = ""
    channel: ChannelLimit | None = None  # the conversation's channel's limit, where known
    # whether the channel was learned (None above is then "no limit"), or the server
    # could not be asked: the sender learns it at the message's time
    channel_known: bool = False
    # this computer's outbox only: a time that falls while the inbox is closed goes out at
    # its next opening (a server design is given the opening itself)
    wait_for_opening: bool = False
