"""Every refusal code Hearth's code raises is one docs/protocol.md names, unless no socket reply can carry it.

Found by the valid-payload fuzz: `resume` with no pause was refused `not_paused`, a code the protocol did not name.
This reads every `IllegalMove(message, code)` in exercises/ and couples/ (their source, so a new code is held to it
the day it is written) rather than waiting for a fuzz to meet it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")

# Codes raised only where no socket reply carries them, each with where it is met instead.
NOT_SOCKET_REPLIES = {
    # Pressing Start (POST /sessions): the room page says them in words (a flash), never a socket.
    "unknown_exercise": "couples/log/store.start_session",
    "needs_two": "starting before the partner has joined (the room's Start; exercises/moves for the pure machines)",
    "busy": "couples/agreements/start_options: a review while a talk about the same agreement is live",
    "no_agreements": "couples/agreements/start_options: a review with nothing to review",
    "retired": "couples/agreements/start_options: reviewing a retired agreement",
    "bad_role": "couples/scenes/start_options: a rehearsal role that isn't the scene's",
    "unknown_scene": "couples/scenes/start_options: a scene that doesn't exist",
    "bad_cast": "exercises/rehearsal start(): the options the server built",
    "bad_scene": "exercises/rehearsal start(): the options the server built",
    "no_agreement": "exercises/boundary/agreement_review start(): the options the server built",
    "bad_seed": "exercises/boundary/talk_state seed_from(): the options the server built",
    # Fields the server writes into an act, never the page: a fault on our side if ever met.
    "bad_time": "exercises/boundary/agreement_review day_of(): the event's own timestamp",
    "not_checked": "exercises/rehearsal: the coach's reading the server adds to a rewrite",
    "bad_version": "exercises/boundary/talk_state: `version` is required by the accept action's schema first",
}


def raised_codes() -> dict[str, set[str]]:
    """Each literal code of an `IllegalMove(...)` call in exercises/ and couples/, with the files raising it."""
    codes: dict[str, set[str]] = {}
    for path in sorted([*(ROOT / "exercises").rglob("*.py"), *(ROOT / "couples").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) ==
                    "IllegalMove"):
                continue
            for arg in [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "code")]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    codes.setdefault(arg.value, set()).add(str(path.relative_to(ROOT)))
    return codes


def documented(code: str) -> bool:
    return f"`{code}`" in PROTOCOL or f'"{code}"' in PROTOCOL


def test_every_code_an_act_or_event_can_meet_is_named_in_the_protocol():
    codes = raised_codes()
    assert len(codes) > 40 and {"not_paused", "not_your_turn", "hold_that_thought"} <= set(codes)
    missing = {code: sorted(files) for code, files in codes.items()
               if not documented(code) and code not in NOT_SOCKET_REPLIES}
    assert missing == {}, "name these in docs/protocol.md, or say why no socket reply carries them"


def test_the_exceptions_are_still_raised_and_still_unnamed():
    codes = raised_codes()
    assert sorted(set(NOT_SOCKET_REPLIES) - set(codes)) == [], "no longer raised: take it out of the list"
    assert [code for code in NOT_SOCKET_REPLIES if documented(code)] == [], "named now: take it out of the list"
