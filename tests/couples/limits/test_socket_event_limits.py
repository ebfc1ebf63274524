"""The socket limits of coach_paraphrase, join_session, leave_session and still_here, per connection and per
person: within them each event is answered, past them the sender hears `slow_down` saying when to try again (with
retry_after) and the handler never runs; another connection, the partner, and the person's other events keep
their own counts. (act and coach: tests/couples/live/test_socket_limits.py.)"""

from __future__ import annotations

import pytest

from tests.support.apps import suite_app
from tests.support.live import act, joined, received, start

EVENTS = ("coach_paraphrase", "join_session", "leave_session", "still_here")
PER_CONNECTION, PER_PERSON = 3, 5
TINY = {**{f"socket {event}": f"{PER_CONNECTION} per minute" for event in EVENTS},
        **{f"socket {event} per person": f"{PER_PERSON} per minute" for event in EVENTS}}
IN_A_MINUTE = "You're going a little fast. Let's take a short breather: you can try again in about a minute."
STATEMENT = "I feel tired on Sunday mornings when the kitchen is a mess and I clean alone."
PARAPHRASE = "What I hear is that you feel tired on Sunday mornings when you clean alone."


@pytest.fixture
def app(database, tmp_path):
    """The suite's app with these events' limits made tiny (the fixtures `couple` and `partner` use it)."""
    yield from suite_app(database.fresh(tmp_path), RATELIMIT_OVERRIDES=TINY)


@pytest.fixture
def session_id(couple, partner):
    """A listening session in which Ana has spoken and Ben is to reflect it: set up over HTTP and `act` alone, so
    none of the events counted here has been sent yet."""
    ana, _ = couple
    started = start(ana, "listening")
    sock = partner(ana)
    assert act(sock, started, "choose", topic="Sunday mornings", first_speaker=str(ana.id))["ok"]
    assert act(sock, started, "speak", text=STATEMENT)["ok"]
    sock.disconnect()
    return started


def send(sock, event: str, session_id: int) -> dict:
    payloads = {"coach_paraphrase": {"session_id": session_id, "text": PARAPHRASE},
                "join_session": {"session_id": session_id, "last_seq": 0},
                "leave_session": {"session_id": session_id}, "still_here": {}}
    return sock.emit(event, payloads[event], callback=True)


def answered(reply: dict, event: str) -> bool:
    """Whether the handler answered `event` as it does within the limits."""
    if reply.get("ok") is not True:
        return False
    return {"coach_paraphrase": "feedback" in reply, "join_session": reply.get("view") is not None,
            "leave_session": reply == {"ok": True}, "still_here": isinstance(reply.get("online"), list)}[event]


def slowed(reply: dict) -> bool:
    """Whether `reply` is `slow_down`, saying in words and in seconds (a minute at most) when to try again."""
    error = reply.get("error") or {}
    return (reply.get("ok") is False and error.get("code") == "slow_down" and error.get("message") == IN_A_MINUTE
            and isinstance(error.get("retry_after"), int) and 1 <= error["retry_after"] <= 61)


@pytest.mark.parametrize("event", EVENTS)
def test_each_event_is_limited_per_connection(event, couple, partner, session_id):
    ana, ben = couple
    first = partner(ben)
    replies = [send(first, event, session_id) for _ in range(PER_CONNECTION + 1)]
    assert all(answered(reply, event) for reply in replies[:PER_CONNECTION]), replies
    assert slowed(replies[-1]), replies[-1]
    assert slowed(send(first, event, session_id))  # it stays refused within the window
    assert answered(send(partner(ben), event, session_id), event)  # another connection has its own count
    assert answered(send(partner(ana), event, session_id), event)  # and so has the partner
    others = [other for other in EVENTS if other != event]
    assert all(answered(send(first, other, session_id), other) for other in others)  # other events: their own


@pytest.mark.parametrize("event", EVENTS)
def test_each_event_is_limited_per_person_over_all_their_connections(event, couple, partner, session_id):
    ana, ben = couple
    first, second = partner(ben), partner(ben)
    assert all(answered(send(first, event, session_id), event) for _ in range(PER_CONNECTION))
    assert all(answered(send(second, event, session_id), event) for _ in range(PER_PERSON - PER_CONNECTION))
    assert slowed(send(second, event, session_id))  # within its connection's limit, past Ben's
    assert slowed(send(partner(ben), event, session_id))  # a new connection buys no new count
    assert all(answered(send(partner(ana), event, session_id), event) for _ in range(PER_CONNECTION))


def test_a_join_past_the_limit_joins_nothing(couple, partner, session_id):
    """Refused, the handler never ran: the page is not in the session's room and hears none of its events."""
    ana, ben = couple
    ana_sock, ben_sock, ben_acting = partner(ana), partner(ben), partner(ben)
    joined(ana_sock, session_id)
    for _ in range(PER_CONNECTION):
        joined(ben_sock, session_id)
    assert answered(send(ben_sock, "leave_session", session_id), "leave_session")
    assert slowed(send(ben_sock, "join_session", session_id))
    ana_sock.get_received(), ben_sock.get_received()
    assert act(ben_acting, session_id, "paraphrase", text=PARAPHRASE)["ok"]
    assert received(ana_sock, "session_event")  # the event went out
    assert received(ben_sock, "session_event") == []  # but not to the page whose join was refused


def test_a_leave_past_the_limit_leaves_nothing(couple, partner, session_id):
    """Refused, the handler never ran: the page stays in the session's room and still hears its events."""
    _, ben = couple
    ben_sock, ben_acting = partner(ben), partner(ben)
    joined(ben_sock, session_id)
    for _ in range(PER_CONNECTION):
        assert answered(send(ben_sock, "leave_session", session_id), "leave_session")
    joined(ben_sock, session_id)
    assert slowed(send(ben_sock, "leave_session", session_id))
    ben_sock.get_received()
    assert act(ben_acting, session_id, "paraphrase", text=PARAPHRASE)["ok"]
    assert [e["view"]["current"]["paraphrase"] for e in received(ben_sock, "session_event")] == [PARAPHRASE]


def test_a_paraphrase_draft_past_the_limit_is_not_read(couple, partner, session_id):
    """Within the limit the listener's draft is coached; past it the reply holds nothing read from it."""
    _, ben = couple
    ben_sock = partner(ben)
    replies = [send(ben_sock, "coach_paraphrase", session_id) for _ in range(PER_CONNECTION + 1)]
    assert all(reply["feedback"] and reply["feedback"]["held_back"] is False for reply in replies[:PER_CONNECTION])
    assert slowed(replies[-1]) and "feedback" not in replies[-1]
