"""The command line against the demo server: what an agent or a script sees."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import keyring
import pytest
from keyring.backends import fail

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.commands.main import main
from agent_desktop.core.clock import SystemClock
from agent_desktop.core.timezones import WallKind, resolve_wall_time
from agent_desktop.store.database import open_database
from agent_desktop.store.drafts import Draft, load_drafts, save_drafts
from agent_desktop.store.outbox import Outbox
from agent_desktop.workspace import App
from tests.cli.conftest import run_process
from tests.test_credentials import MemoryKeyring

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def local_in(minutes: float, zone: ZoneInfo = SAO_PAULO) -> str:
    return (datetime.now(zone) + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S")


def test_conversations_as_a_table_and_as_json(cli):
    table = cli("conversations", "--status", "all", "--assignee", "all")
    assert table.code == 0
    assert table.out.splitlines()[0].split()[:3] == ["ID", "STATUS", "CONTACT"]
    assert "page 1, more with --page 2" in table.out
    listed = json.loads(cli("conversations", "--json", "--assignee", "unassigned").out)
    assert listed["conversations"] and listed["counts"]["unassigned"] >= len(
        listed["conversations"]
    )


def test_dry_run_json_gives_the_instant_and_contacts_no_server(cli, demo_server):
    demo_server.faults.update({"error_rate": 1.0})  # any request would fail
    result = cli(
        "schedule",
        "1",
        "--text",
        "Olá",
        "--at",
        "2027-01-15 09:30",
        "--tz",
        "America/Sao_Paulo",
        "--dry-run",
        "--json",
    )
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "utc": "2027-01-15T12:30:00Z",
        "local": "2027-01-15T09:30:00-03:00",
        "zone": "America/Sao_Paulo",
        "offset": "UTC-03:00",
        "display": "2027-01-15 09:30 (UTC-03:00)",
        "repeated_hour": False,
    }


def next_repeated_hour(zone: str) -> str:
    """The next 01:30 that happens twice in the zone (clocks fall back)."""
    tz = ZoneInfo(zone)
    day = datetime.now(tz).replace(hour=1, minute=30, second=0, microsecond=0, tzinfo=None)
    for _ in range(400):
        day += timedelta(days=1)
        if resolve_wall_time(day, tz).kind is WallKind.AMBIGUOUS:
            return day.strftime("%Y-%m-%d %H:%M")
    raise AssertionError("no fall-back within a year")


def test_the_later_of_a_repeated_hour(cli):
    args = [
        "schedule",
        "1",
        "--text",
        "x",
        "--at",
        next_repeated_hour("America/New_York"),
        "--tz",
        "America/New_York",
        "--dry-run",
        "--json",
    ]
    first, second = cli(*args), cli(*args, "--later")
    assert first.code == 0, first.err
    assert json.loads(first.out)["offset"] == "UTC-04:00"
    assert json.loads(second.out)["offset"] == "UTC-05:00"
    assert json.loads(second.out)["repeated_hour"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "2026-03-08 02:30", "--tz", "America/New_York"], "does not exist in America"),
        (["--at", "2001-01-01 10:00"], "that time has already passed"),
        (["--at", "tomorrow"], "cannot read 'tomorrow'"),
        (["--at", "2030-01-01 10:00", "--tz", "Mars/Base"], "unknown time zone"),
    ],
)
def test_bad_times_exit_2_with_one_line(cli, args, message):
    result = cli("schedule", "1", "--text", "oi", *args)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1


def test_too_soon_and_too_far(cli):
    soon = cli("schedule", "1", "--text", "oi", "--at", local_in(2), "--tz", "America/Sao_Paulo")
    assert soon.code == 2 and "at least 5 minutes from now" in soon.err
    far = cli(
        "schedule",
        "1",
        "--text",
        "oi",
        "--at",
        local_in(60 * 24 * 370),
        "--tz",
        "America/Sao_Paulo",
    )
    assert far.code == 2 and "at most one year from now" in far.err


def test_empty_and_oversized_text_exit_2(cli, tmp_path):
    at = ["--at", local_in(60), "--tz", "America/Sao_Paulo"]
    assert "the message is empty" in cli("schedule", "1", "--text", "  ", *at).err
    big = tmp_path / "big.txt"
    big.write_text("a" * 150_001, encoding="utf-8")
    result = cli("schedule", "1", "--text-file", str(big), *at)
    assert result.code == 2 and "150,001 characters; the limit is 150,000" in result.err
    missing = cli("schedule", "1", "--text-file", str(tmp_path / "nope.txt"), *at)
    assert missing.code == 2 and "no such file" in missing.err


def test_schedule_list_edit_cancel_send_now_in_the_local_outbox(cli):
    created = cli(
        "schedule",
        "1",
        "--text",
        "Primeira",
        "--at",
        local_in(60),
        "--tz",
        "America/Sao_Paulo",
        "--json",
    )
    assert created.code == 0, created.err
    record = json.loads(created.out)
    assert (record["status"], record["backend"], record["zone"]) == (
        "pending",
        "local",
        "America/Sao_Paulo",
    )
    listed = cli("scheduled")
    assert f"{record['id']}" in listed.out and "Primeira" in listed.out
    edited = cli("edit", str(record["id"]), "--text", "Segunda")
    assert edited.code == 0
    assert json.loads(cli("scheduled", "--json").out)[0]["text"] == "Segunda"
    other = json.loads(
        cli(
            "schedule",
            "2",
            "--text",
            "Outra",
            "--at",
            local_in(90),
            "--tz",
            "America/Sao_Paulo",
            "--json",
        ).out
    )
    assert cli("cancel", str(other["id"])).code == 0
    assert [r["status"] for r in json.loads(cli("scheduled", "--json").out)] == [
        "pending",
        "cancelled",
    ]
    assert (
        json.loads(cli("scheduled", "--status", "cancelled", "--json").out)[0]["id"] == other["id"]
    )
    sent = cli("send-now", str(record["id"]))
    assert sent.code == 0 and "sent (message" in sent.out
    again = cli("cancel", str(record["id"]))
    assert again.code == 2 and "is sent" in again.err


@pytest.mark.parametrize("design", ["fork", "seed"])
def test_server_designs_through_the_command_line(cli, demo_server, design):
    account = getattr(demo_server.accounts, design)
    created = json.loads(
        cli(
            "schedule",
            "1",
            "--text",
            "No servidor",
            "--at",
            local_in(60),
            "--tz",
            "America/Sao_Paulo",
            "--json",
            account=account,
        ).out
    )
    expected = {"fork": "server-resource", "seed": "server-scheduled-at"}[design]
    assert created["backend"] == expected
    assert (
        cli(
            "edit",
            str(created["id"]),
            "--at",
            local_in(120),
            "--tz",
            "America/Sao_Paulo",
            account=account,
        ).code
        == 0
    )
    assert cli("send-now", str(created["id"]), account=account).code == 0
    listed = json.loads(cli("scheduled", "--json", account=account).out)
    assert listed[0]["status"] == "sent"


def test_run_until_idle_sends_what_is_due_and_exits(cli):
    cli("config", "set", "min_lead_minutes", "0")
    ids = [
        json.loads(
            cli(
                "schedule",
                str(n),
                "--text",
                f"run {n}",
                "--at",
                local_in(0.03),
                "--tz",
                "America/Sao_Paulo",
                "--no-hold-on-reply",
                "--json",
            ).out
        )["id"]
        for n in (1, 2)
    ]
    result = cli("run", "--until-idle")
    assert result.code == 0
    started, *events = result.out.splitlines()
    assert started.startswith("sending from") and "2 messages waiting" in started
    assert [line.split()[0] for line in events] == ["sent", "sent"]
    assert {r["status"] for r in json.loads(cli("scheduled", "--json").out) if r["id"] in ids} == {
        "sent"
    }


def upstream_api(demo_server) -> ChatwootClient:
    return ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )


def agent_in_inbox(demo_server, inbox: int, member: bool) -> None:
    """An admin adds the demo agent to (or removes them from) an inbox."""
    account = demo_server.accounts.upstream
    response = httpx.request(
        "PUT" if member else "DELETE",
        f"{demo_server.url}/demo/accounts/{account}/inboxes/{inbox}/agents/1",
        headers={"Api-Access-Token": demo_server.token},
    )
    response.raise_for_status()


def test_a_refused_conversation_fails_its_message_and_a_retry_sends_it(cli, demo_server):
    cli("config", "set", "min_lead_minutes", "0")
    # a server that keeps the schedule refuses a time already past when the request
    # reaches it: a few seconds' margin for a loaded machine
    results = [cli("schedule", c, "--text", t, "--at", "+3s", "--json") for c, t in ("1x", "2y")]
    assert [r.code for r in results] == [0, 0], [r.err for r in results]
    created, other = (json.loads(r.out) for r in results)
    agent_in_inbox(demo_server, 1, member=False)  # the agent was taken off that inbox
    assert cli("run", "--until-idle").code == 0
    by_id = {r["id"]: r for r in json.loads(cli("scheduled", "--json").out)}
    assert by_id[created["id"]]["status"] == "failed"
    assert by_id[created["id"]]["last_error"] == (
        "you no longer have access to this conversation (You are not authorized to do this action)"
    )
    if by_id[other["id"]]["status"] != "failed":  # another inbox: the token was fine
        assert by_id[other["id"]]["status"] == "sent"
    retried = cli("retry", str(created["id"]))
    assert retried.code == 3 and "no longer have access" in retried.err
    agent_in_inbox(demo_server, 1, member=True)
    again = cli("retry", str(created["id"]))
    assert again.code == 0 and "sent (message" in again.out


def test_schedule_checks_the_conversation_when_it_can(cli, demo_server):
    missing = cli("schedule", "99999", "--text", "x", "--at", "+1h")
    assert missing.code == 2
    assert missing.err.strip() == "error: there is no conversation 99999 in this account"
    named = json.loads(cli("schedule", "1", "--text", "x", "--at", "+1h", "--json").out)
    with upstream_api(demo_server) as api:
        title = api.conversation(1).title
    assert named["conversation"] == title  # the Scheduled tab names it, not just its number
    demo_server.faults.update({"error_rate": 1.0, "methods": ["GET"]})
    offline = cli("schedule", "1", "--text", "sem rede", "--at", "+1h", "--backend", "local")
    assert offline.code == 0
    assert "could not check conversation 1" in offline.err and "kept all the same" in offline.err


def test_config_get_set_reset_and_refusals(cli):
    assert cli("config", "get", "min_lead_minutes").out.strip() == "5"
    assert cli("config", "set", "grace_minutes", "30").out.strip() == "grace_minutes = 30"
    assert "grace_minutes = 30" in cli("config", "get").out
    bad = cli("config", "set", "min_lead_minutes", "90")
    assert bad.code == 2 and "from 0 to 60" in bad.err
    unknown = cli("config", "set", "colour", "blue")
    assert unknown.code == 2 and "unknown setting" in unknown.err
    assert cli("config", "reset", "grace_minutes").out.strip() == "grace_minutes = 15 (default)"
    assert cli("config", "set", "backend", "local").code == 0


def test_doctor_reports_everything_as_json(cli):
    report = json.loads(cli("doctor", "--json").out)
    assert report["ok"] is True
    assert report["server"]["token_valid"] is True
    assert report["server"]["backend"]["detected"] == "local"
    assert set(report["outbox"]) >= {"pending", "overdue", "failed", "held", "missed"}
    assert set(report["on_servers"]) >= {"pending", "held", "draft", "failed", "unsettled"}
    from agent_desktop.store.peek import SCHEMA_HEAD

    assert report["database"]["schema"] == SCHEMA_HEAD
    assert report["server"]["delivery_check"] == "key-then-fingerprint"  # nothing sent yet
    assert report["server"]["server_version"]


def test_doctor_says_how_an_uncertain_send_is_checked_once_the_server_showed_it(cli, demo_server):
    cli("config", "set", "min_lead_minutes", "0")
    # a few seconds ahead: on a loaded machine a second can pass before the time is read
    assert cli("schedule", "1", "--text", "Mostra", "--at", "+5s").code == 0
    assert cli("run", "--until-idle").code == 0
    (sent,) = json.loads(cli("scheduled", "--status", "all", "--json").out)
    assert sent["status"] == "sent", sent  # the send itself shows the server's ways
    keeps = demo_server.state.server.keeps_content_attributes
    report = json.loads(cli("doctor", "--json").out)
    assert report["server"]["delivery_check"] == ("key" if keeps else "fingerprint")
    words = cli("doctor").out
    assert ("by its delivery key (the server keeps it)" in words) is keeps


def test_server_and_auth_problems_exit_3(cli, monkeypatch):
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", "wrong")
    result = cli("conversations")
    assert result.code == 3 and "Invalid Access Token" in result.err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = main(["--server", f"http://127.0.0.1:{port}", "--account", "1", "conversations"])
    assert down == 3


@pytest.fixture
def memory(monkeypatch):
    """A keyring in memory for the test, and no token in the environment."""
    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_login_keeps_the_token_in_the_keyring_and_then_works_without_env(
    demo_server, monkeypatch, capsys, memory
):
    monkeypatch.setattr("sys.stdin", io.StringIO(demo_server.token + "\n"))
    code = main(["--server", demo_server.url, "--account", "2", "login"])
    out = capsys.readouterr().out
    assert code == 0 and "Signed in to" in out and "account 2" in out
    assert list(memory.items.values()) == [demo_server.token]
    assert main(["conversations"]) == 0  # the last profile and the keyring's token


def test_logout_forgets_the_token_and_keeps_what_is_scheduled(
    demo_server, monkeypatch, capsys, home, memory
):
    monkeypatch.setattr("sys.stdin", io.StringIO(demo_server.token + "\n"))
    assert main(["--server", demo_server.url, "--account", "1", "login"]) == 0
    soon = local_in(120)
    assert (
        main(["schedule", "1", "--text", "amanhã", "--at", soon, "--tz", "America/Sao_Paulo"]) == 0
    )
    (home / "first-page.json").write_text("{}")  # as the window leaves it
    with App.at(home) as app:
        profile = app.profiles.last_used()
    assert profile is not None
    save_drafts(home, profile.id, {1: Draft("Rascunho", False)})
    capsys.readouterr()

    assert main(["logout"]) == 0
    out = capsys.readouterr().out
    assert f"Signed out of {demo_server.url}." in out
    assert "1 scheduled message in this app's outbox waits until you sign in again" in out
    assert memory.items == {}
    assert not (home / "first-page.json").exists()
    assert load_drafts(home, profile.id) == {}
    assert main(["conversations"]) == 3  # no token any more
    assert "login" in capsys.readouterr().err
    assert main(["scheduled", "--json"]) == 0
    assert [r["text"] for r in json.loads(capsys.readouterr().out)] == ["amanhã"]


def test_logout_with_nothing_signed_in_says_so(capsys):
    assert main(["logout"]) == 2
    assert "not signed in there" in capsys.readouterr().err


def test_login_without_a_keyring_says_so(demo_server, monkeypatch, capsys):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(demo_server.token + "\n"))
        code = main(["--server", demo_server.url, "--account", "1", "login"])
        assert code == 1
        assert "no system keyring is available" in capsys.readouterr().err
    finally:
        keyring.set_keyring(previous)


def test_login_with_several_accounts_asks_which(demo_server, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(demo_server.token + "\n"))
    assert main(["--server", demo_server.url, "login"]) == 2
    assert "choose an account with --account: 1 (Loja Azul" in capsys.readouterr().err


def test_nothing_signed_in_yet_is_explained():
    result = run_process("scheduled")
    assert result.code == 2 and "run 'agent-desktop --server URL login' first" in result.err


def test_a_separate_process_reports_errors_without_tracebacks(demo_server):
    env = {"AGENT_DESKTOP_TOKEN": demo_server.token}
    bad = run_process(
        "--server",
        demo_server.url,
        "--account",
        "1",
        "schedule",
        "1",
        "--text",
        "x",
        "--at",
        "2026-03-08 02:30",
        "--tz",
        "America/New_York",
        env=env,
    )
    assert bad.code == 2 and "Traceback" not in bad.err
    insecure = run_process("--server", "http://chat.example.com", "conversations", env=env)
    assert insecure.code == 2 and "unencrypted" in insecure.err
    assert "Traceback" not in insecure.err


def test_at_takes_the_presets_of_the_window(cli):
    from agent_desktop.core.presets import Preset

    before = datetime.now(UTC)
    result = cli("schedule", "1", "--text", "oi", "--at", "+1h", "--dry-run", "--json")
    after = datetime.now(UTC)
    assert result.code == 0, result.err
    sent_at = datetime.fromisoformat(json.loads(result.out)["utc"].replace("Z", "+00:00"))
    # exactly an hour after the moment it was read (shown to the second)
    assert before.replace(microsecond=0) + timedelta(hours=1) <= sent_at
    assert sent_at <= after + timedelta(hours=1)
    new_york = ZoneInfo("America/New_York")
    for text, preset in (
        ("tomorrow 09:00", Preset.TOMORROW_9),
        ("monday 09:00", Preset.NEXT_MONDAY_9),
    ):
        now = datetime.now(UTC)
        shown = cli(
            "schedule",
            "1",
            "--text",
            "oi",
            "--at",
            text,
            "--tz",
            "America/New_York",
            "--dry-run",
            "--json",
        )
        assert shown.code == 0, shown.err
        expected = preset.wall(now, new_york).resolve(new_york)
        assert json.loads(shown.out)["local"] == expected.iso_local()
        assert json.loads(shown.out)["local"][11:].startswith("09:00:00")


def test_a_cancelled_message_is_restored_and_its_hold_edited(cli):
    created = json.loads(cli("schedule", "1", "--text", "Depois", "--at", "+2h", "--json").out)
    assert created["hold_on_reply"] is True
    ident = str(created["id"])
    assert cli("edit", ident, "--no-hold-on-reply").code == 0
    assert json.loads(cli("scheduled", "--json").out)[0]["hold_on_reply"] is False
    assert cli("cancel", ident).code == 0
    restored = cli("restore", ident)
    assert restored.code == 0 and "now pending" in restored.out
    listed = json.loads(cli("scheduled", "--json").out)[0]
    assert listed["status"] == "pending" and listed["scheduled_at"] == created["scheduled_at"]
    again = cli("restore", ident)
    assert again.code == 2 and "is not cancelled" in again.err


def test_the_list_says_when_a_sent_message_went(cli):
    created = json.loads(cli("schedule", "1", "--text", "Já", "--at", "+1h", "--json").out)
    assert cli("send-now", str(created["id"])).code == 0
    row = next(
        line for line in cli("scheduled").out.splitlines() if line.startswith(str(created["id"]))
    )
    assert "sent now" in row and "in 1 h" not in row


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cancel", "99999999999999999999999"], "is not an id: use a whole number from 1 to"),
        (["edit", "0", "--text", "x"], "'0' is not an id"),
        (["scheduled", "--conversation", "-3"], "'-3' is not an id"),
        (["schedule", "12x", "--text", "x", "--at", "+1h"], "'12x' is not an id"),
    ],
)
def test_ids_the_database_cannot_hold_are_refused_in_one_line(cli, args, message):
    result = cli(*args)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1


def test_folders_and_oversized_files_are_refused_in_one_line(cli, tmp_path):
    folder = tmp_path / "uma pasta"
    folder.mkdir()
    as_text = cli("schedule", "1", "--text-file", str(folder), "--at", "+1h")
    assert (
        as_text.code == 2 and as_text.err.strip() == f"error: cannot read {folder}: it is a folder"
    )
    attached = cli("schedule", "1", "--text", "x", "--attach", str(folder), "--at", "+1h")
    assert (
        attached.code == 2 and "cannot attach" in attached.err and "it is a folder" in attached.err
    )
    huge = tmp_path / "video.mp4"
    with huge.open("wb") as sparse:  # 200 MB on paper, nothing on disk: never read
        sparse.truncate(200 * 1024 * 1024)
    too_big = cli("schedule", "1", "--text", "x", "--attach", str(huge), "--at", "+1h")
    assert too_big.code == 2
    assert "it has 200 MB; the limit is 40 MB" in too_big.err
    assert len(too_big.err.strip().splitlines()) == 1
    assert json.loads(cli("scheduled", "--json").out) == []  # nothing half kept


def test_a_token_with_a_control_character_is_refused_and_never_echoed(
    demo_server, monkeypatch, capsys
):
    token = "abc\x01" + demo_server.token
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", token)
    code = main(["--server", demo_server.url, "--account", "1", "conversations"])
    captured = capsys.readouterr()
    assert code == 2
    assert "holds a character no token has" in captured.err
    assert demo_server.token not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) == 1


def test_doctor_counts_the_messages_servers_keep_too(cli, demo_server):
    fork = demo_server.accounts.fork
    assert cli("schedule", "1", "--text", "No servidor", "--at", "+1h", account=fork).code == 0
    report = json.loads(cli("doctor", "--json", account=fork).out)
    assert report["on_servers"]["pending"] == 1 and report["outbox"]["pending"] == 0
    assert "kept by servers" in cli("doctor", account=fork).out


def test_a_reader_that_stops_reading_ends_the_listing_quietly(cli, demo_server, home):
    """`agent-desktop scheduled | head`: the listing stops where the reader did, with no
    error line, and the shell's usual status for a command cut short by its reader."""
    first = cli("schedule", "1", "--text", "primeira", "--at", "+2h", "--backend", "local")
    assert first.code == 0, first.err
    db = open_database(home)
    try:
        outbox = Outbox(db, SystemClock())
        (record,) = outbox.find()
        for n in range(1500):  # far more than a pipe holds
            outbox.add(
                profile_id=record.profile_id,
                conversation_id=1,
                content=f"mensagem {n} " + "texto " * 10,
                scheduled_at=record.scheduled_at + timedelta(minutes=n + 1),
                zone="UTC",
            )
    finally:
        db.close()
    env = {**os.environ, "AGENT_DESKTOP_TOKEN": demo_server.token}
    where = ["--server", demo_server.url, "--account", str(demo_server.accounts.upstream)]
    listing = subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", *where, "scheduled"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert listing.stdout is not None and listing.stderr is not None
    assert listing.stdout.readline()  # the first line, as `head -1` takes it
    listing.stdout.close()
    with listing.stderr:
        told = listing.stderr.read().decode()
    assert listing.wait(timeout=60) == 141
    assert told == ""


def test_the_account_used_is_named_when_none_was_given_and_the_outbox_s_condition_told(
    cli, demo_server
):
    made = cli("schedule", "1", "--text", "lembrete", "--at", "+2h", "--backend", "local")
    assert made.code == 0, made.err
    assert "goes out only while Agent Desktop's window or 'agent-desktop run' is running" in (
        made.err
    )
    assert demo_server.url not in made.err  # the account was given: nothing more to say
    env = {"AGENT_DESKTOP_TOKEN": demo_server.token}
    listed = run_process("scheduled", env=env)  # the last account used, unnamed
    assert listed.code == 0, listed.err
    account = demo_server.accounts.upstream
    assert f"(#{account}) on {demo_server.url}" in listed.err
    assert "lembrete" in listed.out and demo_server.url not in listed.out


def test_schedule_names_the_account_it_used_when_none_was_given(cli, demo_server, capsys):
    assert cli("conversations").code == 0  # the account used last, from now on
    capsys.readouterr()
    code = main(["schedule", "1", "--text", "lembrete", "--at", "+2h", "--backend", "local"])
    err = capsys.readouterr().err
    assert code == 0, err
    account = demo_server.accounts.upstream
    assert f"(#{account}) on {demo_server.url}" in err  # where it went, on stderr
    (kept,) = json.loads(cli("scheduled", "--json", account=account).out)
    assert kept["text"] == "lembrete"  # and it went there


def test_the_same_text_scheduled_again_is_refused_unless_meant(cli):
    # most often a command run again after an unclear answer: a second copy would reach
    # the customer twice
    assert cli("schedule", "1", "--text", "Chegou o pedido?", "--at", "+2h").code == 0
    again = cli("schedule", "1", "--text", "Chegou o pedido?", "--at", "+3h")
    assert again.code == 2 and len(again.err.strip().splitlines()) == 1
    assert "already waits in conversation 1 as #1" in again.err and "--again" in again.err
    assert len(json.loads(cli("scheduled", "--json").out)) == 1
    meant = cli("schedule", "1", "--text", "Chegou o pedido?", "--at", "+3h", "--again")
    assert meant.code == 0
    assert len(json.loads(cli("scheduled", "--json").out)) == 2
    # another conversation, or the same text once the first has gone, is not a copy
    assert cli("schedule", "2", "--text", "Chegou o pedido?", "--at", "+2h").code == 0
