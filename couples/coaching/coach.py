"""Live coaching: the author's drafts are read for blaming "you" phrasing, privately.

Nothing of it reaches the partner: a draft's coaching goes to the author's socket only, and a sent
message's analysis travels inside the action (so the exercise can decide with it and the log can be
replayed without re-running spaCy), never in what is broadcast.

An exercise asks for analysis with data, keeping exercises/ free of spaCy:
  ANALYZED = {"say": "text"}          the server adds fields["coach"] = {"blaming", "kinds", "care", "care_kind"}
  I_STATEMENTS = {"say"}              and, for these actions, coach["i_statement"] = nlp.reads_as_i_statement
  PARAPHRASED = {"paraphrase": "text"} and paraphrase_target(state) -> str: the server adds
                                       fields["listening"] = nlp.paraphrase_feedback(target, text)
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType
from typing import Any

from flask import Flask, current_app, has_app_context

import nlp
from couples.text import clean
from exercises import is_blank
from nlp import helper_for, loaded
from nlp import reads_as_i_statement

SERVER_FIELDS = frozenset({"coach", "listening"})  # written by the server only
CARE_NOTE = nlp.CARE_NOTE
TEXTS_KEPT = 2048  # recent analyses this process keeps (a sent message was usually coached as a draft)


def start_helper(app: Flask) -> None:
    """Have spaCy read messages in a helper process beside this one (HEARTH_NLP_PROCESS, on by default).

    The server's own process then spends its CPU on sockets and the log; until the helper has loaded
    its model, and whenever it cannot answer, messages are read in-process as before.
    """
    if app.config["HEARTH_NLP_PROCESS"] and app.config["HEARTH_LOAD_NLP"]:
        helper = helper_for(loaded().name)
        helper.start()
        app.extensions["hearth_nlp_helper"] = helper


def _ask(request: dict[str, Any]) -> dict[str, Any] | None:
    helper = current_app.extensions.get("hearth_nlp_helper") if has_app_context() else None
    return helper.ask(request) if helper is not None else None


def analysis_of(text: str) -> dict[str, Any]:
    """`nlp.analyze(text).to_dict()`, from the helper process if it can answer, remembered for recent texts.

    A page coaches its draft after each pause in typing, so the message finally sent has nearly always
    just been read; sticky sessions bring it to the same process, which then answers from memory.
    The same dict may be handed to several callers: never change it.
    """
    return _remembered(loaded().name, text)


@lru_cache(maxsize=TEXTS_KEPT)
def _remembered(_model: str, text: str) -> dict[str, Any]:
    return _ask({"op": "analyze", "text": text}) or nlp.analyze(text).to_dict()


def feedback_of(statement: str, paraphrase: str) -> dict[str, Any]:
    """`nlp.paraphrase_feedback(statement, paraphrase).to_dict()`, from the helper process if it can answer."""
    return (_ask({"op": "paraphrase", "statement": statement, "paraphrase": paraphrase})
            or nlp.paraphrase_feedback(statement, paraphrase).to_dict())


def coach_reply(text: str) -> dict[str, Any]:
    """The private coaching for one draft: flags, a suggested I statement, and the care note if needed."""
    reply = dict(analysis_of(text))
    reply["care_note"] = care_note_for(reply)
    return reply


DRAFT_TOO_LONG = f"That's a lot to hold at once. Please keep it under {nlp.MAX_CHARS:,} characters."


def draft_reply(text: object) -> dict[str, Any] | None:
    """The private coaching for a draft sent after a pause in typing (`coach_reply`), or None when it holds
    nothing visible. Raises ValueError (DRAFT_TOO_LONG) unless it is text of at most nlp.MAX_CHARS, and
    couples.text.UncleanText (a ValueError with its kind sentence) for text nlp must never read."""
    if not isinstance(text, str) or len(text) > nlp.MAX_CHARS:
        raise ValueError(DRAFT_TOO_LONG)
    text = clean(text)
    return None if is_blank(text) else coach_reply(text)


def care_note_for(analysis: dict[str, Any] | None) -> str | None:
    """The care note an analysis calls for (a crisis line first for self-harm), or None when its words are safe."""
    return nlp.care_note(analysis.get("care_kind")) if analysis and analysis["care"] else None


def read_ahead(module: ModuleType, action: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """Read the action's text now, before its session's turn is taken, so `enrich` finds it remembered.

    Reading may wait on the helper process; nobody else's action should wait behind that wait. Returns
    the analysis (None when the exercise reads no text of this action), e.g. for `care_note_for`.
    """
    text = _analyzed_text(module, action, fields)
    return analysis_of(text) if text else None


def _analyzed_text(module: ModuleType, action: str, fields: dict[str, Any]) -> str | None:
    """The text of `fields` the exercise asks the server to read for `action` (ANALYZED), if there is one."""
    field = getattr(module, "ANALYZED", {}).get(action)
    if field and isinstance(fields.get(field), str) and fields[field].strip():
        return fields[field][:nlp.MAX_CHARS]
    return None


def enrich(module: ModuleType, state: Any, action: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The action's fields with the server's analysis added where the exercise asks for it.

    Fields named in SERVER_FIELDS are the server's to write: the socket refuses a page that sends them.
    """
    enriched = dict(fields)
    text = _analyzed_text(module, action, fields)
    if text:
        analysis = analysis_of(text)
        enriched["coach"] = {"blaming": analysis["blaming"], "kinds": sorted({f["kind"] for f in analysis["flags"]}),
                             "care": analysis["care"], "care_kind": analysis.get("care_kind")}
        if action in getattr(module, "I_STATEMENTS", ()):  # read in this process: only a rehearsal's rewrite asks
            enriched["coach"]["i_statement"] = reads_as_i_statement(text)
    field = getattr(module, "PARAPHRASED", {}).get(action)
    if field and isinstance(fields.get(field), str) and fields[field].strip():
        target = module.paraphrase_target(state)
        if target:
            enriched["listening"] = feedback_of(target, fields[field][:nlp.MAX_CHARS])
    return enriched


def care_note_of(fields: dict[str, Any]) -> str | None:
    """The care note a sent action's coaching calls for (shown to its author alone), or None: a crisis line
    first for words about self-harm, as before it was sent."""
    coach = fields.get("coach")
    return care_note_for(coach) if isinstance(coach, dict) and coach.get("care") else None
