"""One instance per user and data directory: a second start brings the first forward and
ends; nothing a crash, a stranger or a cleaner leaves behind stops a start or answers
for the instance; two starts at once end with one instance."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon

from agent_desktop.gui import single_instance
from agent_desktop.gui.app import GuiOptions, Launcher
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.single_instance import (
    InstanceServer,
    ask_running_instance,
    server_name,
    socket_path,
)

unix_only = pytest.mark.skipif(os.name == "nt", reason="a Unix socket: Windows uses a pipe")


def place(home: Path) -> Path:
    path = socket_path(home)
    assert path is not None, "a folder of the user's own for the socket"
    return path


def say(path: Path, data: bytes) -> socket.socket:
    other = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    other.connect(str(path))
    other.sendall(data)
    return other


def test_a_second_start_raises_the_first(qtbot, home):
    server = InstanceServer(home)
    assert server.claimed
    with qtbot.waitSignal(server.raise_requested, timeout=5000):
        assert ask_running_instance(home)
    server.close()
    assert not ask_running_instance(home, timeout_ms=200)


@unix_only
def test_a_crashed_instance_leaves_no_obstacle_and_strangers_are_not_obeyed(qtbot, home):
    path = place(home)
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(str(path))  # what a killed instance leaves: the file, nobody listening
    crashed.close()
    assert path.exists()
    assert not ask_running_instance(home, timeout_ms=200)  # no hang, no error: start

    server = InstanceServer(home)  # takes the path over
    assert server.claimed
    raised: list[bool] = []
    server.raise_requested.connect(lambda: raised.append(True))
    for stray in (b"GET / HTTP/1.1\r\n\r\n", b'{"protocol": 99, "action": "raise"}\n', b""):
        say(path, stray).close()
    with qtbot.waitSignal(server.raise_requested, timeout=5000):  # answered after them all
        assert ask_running_instance(home)
    assert raised == [True]
    server.close()
    assert not path.exists()  # gone with the instance


@unix_only
def test_a_start_beside_a_live_instance_does_not_take_its_place(qtbot, home):
    """Two starts at the same moment (or a self-test beside the running app): the later
    one finds the place taken, leaves it, and the first still answers after it went."""
    first = InstanceServer(home)
    second = InstanceServer(home)
    assert first.claimed and not second.claimed
    second.close()
    assert place(home).exists()
    with qtbot.waitSignal(first.raise_requested, timeout=5000):
        assert ask_running_instance(home)
    first.close()


@unix_only
def test_an_instance_of_an_earlier_version_is_found_where_it_listened(home):
    """Earlier versions listened in the temporary folder: a start during an upgrade asks
    there too, rather than open a second window beside the running one."""
    earlier = Path(tempfile.gettempdir(), server_name(home))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as running:
        running.bind(str(earlier))
        running.listen(1)
        try:
            assert ask_running_instance(home, timeout_ms=500)
            asked, _ = running.accept()
            with asked:
                assert b'"action": "raise"' in asked.recv(4096)
        finally:
            earlier.unlink()


@unix_only
def test_a_connection_that_says_nothing_is_let_go(qtbot, home, monkeypatch):
    monkeypatch.setattr(single_instance, "READ_WITHIN_MS", 100)
    server = InstanceServer(home)
    silent = say(place(home), b"")  # connected, and says nothing
    qtbot.waitUntil(lambda: len(server.readers) == 1, timeout=5000)
    with qtbot.waitSignal(server.raise_requested, timeout=5000):  # others are heard meanwhile
        assert ask_running_instance(home)
    qtbot.waitUntil(lambda: not server.readers, timeout=5000)
    assert silent.recv(1) == b""  # closed from the instance's side
    silent.close()
    server.close()


@unix_only
def test_a_socket_removed_by_a_cleaner_is_put_back(qtbot, home):
    server = InstanceServer(home)
    place(home).unlink()  # what a cleaner of /tmp does to an old file
    assert not ask_running_instance(home, timeout_ms=200)
    server.keep_place()  # its periodic look
    with qtbot.waitSignal(server.raise_requested, timeout=5000):
        assert ask_running_instance(home)
    server.close()


@unix_only
def test_a_folder_that_is_not_the_users_alone_is_not_used(qtbot, home, monkeypatch):
    """Under /tmp, a folder another user made (or one others may write in) could hold a
    socket that answers every start: the instance then listens nowhere and every start
    runs on its own rather than ask a stranger."""
    stranger = os.getuid() + 4242  # the folders this test finds belong to someone else
    monkeypatch.setattr(os, "getuid", lambda: stranger)
    made = Path("/tmp", f"agent-desktop-{stranger}")
    try:
        assert socket_path(home) is None
        server = InstanceServer(home)
        assert not server.claimed
        assert not ask_running_instance(home, timeout_ms=200)
        server.close()
    finally:
        shutil.rmtree(made, ignore_errors=True)


def test_a_second_start_during_the_first_ones_start_brings_its_window_forward(
    qtbot, tmp_path, monkeypatch
):
    """Asked before there is a window (the first start still signing in, say), the window
    comes forward once it is there."""
    brought: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "bring_forward", lambda window: brought.append(window))
    home = tmp_path / "home"
    instance = InstanceServer(home)
    launcher = Launcher(home, QIcon(), GuiOptions(home=str(home), demo=True), instance)
    try:
        with qtbot.waitSignal(instance.raise_requested, timeout=5000):
            assert ask_running_instance(home)
        assert brought == []  # nothing to bring forward yet
        assert launcher.slow() is None  # the demo: straight to its window
        assert brought == [launcher.window]
    finally:
        launcher.close()
        instance.close()
        if launcher.demo is not None:
            launcher.demo.stop()
