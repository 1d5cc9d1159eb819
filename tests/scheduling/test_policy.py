"""The scheduling policy on its own: what each state allows in each design, and which
requests are valid. Pure: no server, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desktop.core.rules import MAX_CONTENT_CHARS, Rule, ScheduleRules
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.policy import Action
from agent_desktop.store.states import OutboxState
from tests.support.samples import outbox_record

A, S = Action, OutboxState
NOW = datetime(2027, 3, 14, 6, 0, tzinfo=UTC)
RULES = ScheduleRules()
LOCAL = designs.traits("local")
FORK = designs.traits("server-resource")
SEED = designs.traits("server-scheduled-at")


def allowed(state, backend="local", at=NOW + timedelta(hours=1)):
    record = outbox_record(state=state, backend=backend, scheduled_at=at)
    return policy.allowed(record, designs.traits(backend), NOW)


def test_every_design_is_found_with_the_fallback_last():
    names = [d.name for d in designs.all_designs()]
    assert sorted(names) == ["local", "server-resource", "server-scheduled-at"]
    assert names[-1] == "local"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (S.PENDING, {A.EDIT, A.SEND_NOW, A.CANCEL}),
        (S.HELD, {A.EDIT, A.SEND_NOW, A.CANCEL}),
        (S.MISSED, {A.EDIT, A.SEND_NOW, A.CANCEL}),
        (S.FAILED, {A.EDIT, A.SEND_NOW, A.CANCEL, A.RETRY}),
        (S.SENDING, set()),
        (S.SENT, set()),
        (S.CANCELLED, {A.RESTORE}),
    ],
)
def test_what_the_local_outbox_allows_in_each_state(state, expected):
    assert allowed(state) == expected


@pytest.mark.parametrize("backend", ["server-resource", "server-scheduled-at"])
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (S.PENDING, {A.EDIT, A.SEND_NOW, A.CANCEL}),
        (S.HELD, {A.EDIT, A.SEND_NOW, A.CANCEL}),
        # the server failed it: it goes again from here, but is no longer the server's
        (S.FAILED, {A.SEND_NOW, A.RETRY}),
        (S.SENT, set()),
        (S.CANCELLED, {A.RESTORE}),
    ],
)
def test_what_a_server_design_allows_in_each_state(backend, state, expected):
    assert allowed(state, backend) == expected


def test_a_cancelled_message_can_be_restored_until_its_time_not_after():
    assert A.RESTORE in allowed(S.CANCELLED, at=NOW + timedelta(seconds=1))
    assert A.RESTORE not in allowed(S.CANCELLED, at=NOW)
    record = outbox_record(state=S.CANCELLED, scheduled_at=NOW - timedelta(minutes=1))
    refusal = policy.refusal(record, A.RESTORE, LOCAL, NOW)
    assert refusal == "the time of scheduled message #7 has passed; schedule it again"


def test_refusals_say_why_in_words():
    sending = outbox_record(state=S.SENDING)
    assert policy.refusal(sending, A.CANCEL, LOCAL, NOW) == (
        "scheduled message #7 is being sent right now"
    )
    sent = outbox_record(state=S.SENT)
    assert policy.refusal(sent, A.EDIT, LOCAL, NOW) == (
        "scheduled message #7 is sent; that can no longer be done"
    )
    failed_on_server = outbox_record(state=S.FAILED, backend="server-resource")
    assert policy.refusal(failed_on_server, A.EDIT, FORK, NOW) == (
        "scheduled message #7 is failed on the server and can no longer be changed"
    )
    assert policy.refusal(outbox_record(), A.RETRY, LOCAL, NOW) == (
        "scheduled message #7 is pending, not failed"
    )
    assert policy.refusal(outbox_record(), A.EDIT, LOCAL, NOW) is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_nothing_to_send_is_refused_but_a_file_alone_is_something(text):
    assert [v.rule for v in policy.check_send(text, 0, RULES)] == [Rule.EMPTY_TEXT]
    assert policy.check_send(text, 1, RULES) == []


def test_the_length_limit_is_150000_characters():
    assert policy.check_send("a" * MAX_CONTENT_CHARS, 0, RULES) == []
    (violation,) = policy.check_send("a" * (MAX_CONTENT_CHARS + 1), 0, RULES)
    assert violation.rule is Rule.TEXT_TOO_LONG
    assert violation.message == "the message has 150,001 characters; the limit is 150,000"


def test_a_scheduled_request_reports_every_broken_rule_text_first():
    found = policy.check_schedule(" ", 0, NOW - timedelta(days=1), NOW, RULES, LOCAL)
    assert [v.rule for v in found] == [Rule.EMPTY_TEXT, Rule.IN_PAST]
    ok = policy.check_schedule("Olá", 0, NOW + timedelta(hours=1), NOW, RULES, LOCAL)
    assert ok == []


def test_each_design_has_its_own_file_limit():
    in_an_hour = NOW + timedelta(hours=1)
    assert policy.check_schedule("x", 15, in_an_hour, NOW, RULES, LOCAL) == []
    (too_many,) = policy.check_schedule("x", 2, in_an_hour, NOW, RULES, FORK)
    assert too_many.rule is Rule.TOO_MANY_FILES
    assert too_many.message == "at most 1 attachment here; got 2"


def test_the_seed_servers_own_lead_applies_when_longer_than_the_agents():
    no_lead = ScheduleRules(min_lead_minutes=0)
    soon = NOW + timedelta(minutes=2)
    assert policy.check_schedule("x", 0, soon, NOW, no_lead, LOCAL) == []
    (violation,) = policy.check_schedule("x", 0, soon, NOW, no_lead, SEED)
    assert violation.rule is Rule.TOO_SOON
    assert violation.message == "the time must be at least 5 minutes from now"


def test_an_edit_checks_only_what_changes():
    missed = outbox_record(state=S.MISSED, scheduled_at=NOW - timedelta(hours=1))
    # its kept time has passed: a text-only edit is still fine
    assert policy.check_edit(missed, "Novo texto", None, NOW, RULES, LOCAL) == []
    (past,) = policy.check_edit(missed, None, NOW - timedelta(minutes=1), NOW, RULES, LOCAL)
    assert past.rule is Rule.IN_PAST
    (empty,) = policy.check_edit(missed, "  ", None, NOW, RULES, LOCAL)
    assert empty.rule is Rule.EMPTY_TEXT


def test_hold_on_reply_is_a_trait_of_the_design():
    assert LOCAL.hold_on_reply and FORK.hold_on_reply
    assert not SEED.hold_on_reply


def test_a_new_design_is_a_choice_of_the_backend_setting_by_itself(monkeypatch):
    from agent_desktop.scheduling.designs.local import LocalOutbox
    from agent_desktop.store import setting_specs

    class Elsewhere(LocalOutbox):
        traits = policy.Traits(name="elsewhere", local=True, actions=policy.LOCAL_ACTIONS)
        label = "Somewhere else"
        detect_order = 30

    *servers, fallback = designs.all_designs()
    monkeypatch.setattr(designs, "all_designs", lambda: (*servers, Elsewhere(), fallback))
    setting_specs.backend_choices.cache_clear()
    try:
        spec = setting_specs.spec_of("backend")
        assert spec.validate("elsewhere") == "elsewhere"
        assert spec.choices is not None and ("elsewhere", "Somewhere else") in spec.choices()
        assert setting_specs.BACKENDS == (
            "auto",
            "local",
            "server-resource",
            "server-scheduled-at",
            "elsewhere",
        )
    finally:
        setting_specs.backend_choices.cache_clear()


def test_a_server_lead_longer_than_any_the_agent_may_set_still_stands():
    """The agent's lead goes up to an hour; a server that wants 90 minutes gets them."""
    now = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
    slow = policy.Traits(
        name="slow-server", local=False, actions={}, server_lead=timedelta(minutes=90)
    )
    rules = ScheduleRules(min_lead_minutes=5)
    (found,) = policy.check_time(now + timedelta(minutes=60), now, rules, slow)
    assert found.rule is Rule.TOO_SOON and found.params == {"minutes": 90}
    assert policy.check_time(now + timedelta(minutes=91), now, rules, slow) == []
    assert policy.check_time(now + timedelta(minutes=10), now, rules) == []
