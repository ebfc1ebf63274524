"""Shared moves for the check-in tests: Ana (1) and Ben (2) walking the ritual."""

from __future__ import annotations

from exercises import Action, checkin

ANA, BEN = "1", "2"
AT = "2026-11-24T20:00:00Z"
AGREEMENT = {"id": 7, "title": "Phones away at dinner", "text": "Phones away at dinner — we talk.",
             "version": 2, "next_review": "2026-11-24"}


def act(state, who, name, **fields):
    """One move; returns the new state (the events are checked where they matter)."""
    return checkin.apply(state, who, Action(name, fields, AT))[0]


def events_of(state, who, name, **fields):
    """One move's event names."""
    return [e.name for e in checkin.apply(state, who, Action(name, fields, AT))[1]]


def both_ready(state):
    return act(act(state, ANA, "ready"), BEN, "ready")


def arrived(state=None, **options):
    state = state or checkin.start((ANA, BEN), AT, **options)
    state = act(state, ANA, "arrive", feeling=6, connection=5, mood="tired")
    return act(state, BEN, "arrive", feeling=8, connection=7, mood="hopeful")


def appreciated(**options):
    state = both_ready(arrived(**options))
    state = act(state, ANA, "appreciate", text="You made soup when I was tired.")
    state = act(state, BEN, "appreciate", text="You waited up for me.")
    state = act(state, ANA, "acknowledge", number=1)
    return act(state, BEN, "acknowledge", number=1)


def at_hard(**options):
    state = both_ready(appreciated(**options))
    state = act(state, ANA, "win", text="We walked on Sunday.")
    state = act(state, BEN, "win", text="I finished the shelf.")
    return both_ready(state)


def at_requests(**options):
    state = at_hard(**options)
    state = both_ready(state)
    if state.step is checkin.Step.AGREEMENTS:
        state = both_ready(state)
    return state


def at_close(**options):
    state = at_requests(**options)
    state = act(state, ANA, "request", text="This week it would help me if we ate together once.")
    state = act(state, BEN, "request", text="This week it would help me if you texted when late.")
    state = act(state, BEN, "answer", answer="yes")
    state = act(state, ANA, "answer", answer="yes_with_change", why="Most days; Thursday is hard.")
    return both_ready(state)
