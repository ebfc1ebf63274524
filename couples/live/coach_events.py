"""Private coaching while a person types: their draft, or their draft paraphrase, read for them alone.

Each reply goes to the author's socket only; nothing is broadcast or logged.
"""

from __future__ import annotations

from typing import Any

from couples import coaching, log
from couples.live import payloads
from couples.live.members import current_member
from couples.live.replies import errors_as_replies
from couples.live.session_events import my_session
from exercises import exercise


@errors_as_replies
def on_coach(payload: Any) -> dict[str, Any]:
    """The author's page sends a draft after a pause in typing (payloads.Coach). Replies to the author only;
    broadcasts nothing."""
    current_member()  # refuses a socket whose sign-in has ended ("not_signed_in")
    return {"ok": True, "analysis": coaching.draft_reply(payloads.parse(payloads.Coach, payload).text)}


@errors_as_replies
def on_coach_paraphrase(payload: Any) -> dict[str, Any]:
    """The listener's page sends a draft paraphrase after a pause in typing (payloads.CoachParaphrase). Replies
    to them only; broadcasts nothing."""
    draft = payloads.parse(payloads.CoachParaphrase, payload)
    facts, text = my_session(draft.session_id), draft.text
    facts, now = log.progress(facts)
    module, state = exercise(facts.kind), log.state_of(facts, now.last_seq)
    if not text.strip() or not coaching.may_paraphrase(module, state, current_member().actor):
        return {"ok": True, "feedback": None}
    return {"ok": True, "feedback": coaching.paraphrase_reply(module, state, text)}
