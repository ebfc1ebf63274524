"""Who a word in a clause stands for, where that is not the word itself (clause_start.py, clause_reading.py): the
writer after a superlative's noun starts no clause of their own ("the rudest man *I* know"), a "who" may stand for
the partner ("what is wrong with you, *who* leaves the stove on"), and a "be" before the partner asks ("*are* you
going?") unless it is another subject's ("it*'s* you cancelling")."""
from __future__ import annotations

from collections.abc import Sequence

from .clause_words import NOUN_TAGS, PARTNER, Word


def after_superlative(words: Sequence[Word], i: int) -> bool:
    """Whether the writer at words[i] starts a relative clause after a superlative ("the rudest man *I know*")."""
    return i > 1 and words[i - 1].tag in NOUN_TAGS and any(w.tag == "JJS" or w.lower == "most"
                                                           for w in words[max(i - 4, 0):i])


def rhetorical_who(words: Sequence[Word], i: int) -> bool:
    """Whether words[i] is a "who" that stands for the partner: opening the sentence or following "you" ("What
    is wrong with you, *who* leaves the stove on", "*Who* leaves wet towels on the bed?"), a present or past verb
    after it, and no partner of its own ("who did you see": the partner is its subject)."""
    verb = i + 2 if i + 2 < len(words) and words[i + 1].lower in ("never", "always") else i + 1  # "who *never* listens"
    if words[i].lower != "who" or verb >= len(words) or words[verb].tag not in ("VBZ", "VBD") or any(
            w.lower in PARTNER for w in words[i + 1:i + 3]):
        return False
    lead = [w for w in words[:i] if w.tag not in ("UH", ",", "RB", "CC")]
    return not lead or lead[-1].lower in PARTNER and words[i - 1].lower in (",", *PARTNER)


SUBJECT_TAGS = frozenset({"PRP", "EX", "DT"})  # "it*'s* you", "that*'s* you"; not "how many weekends *are* you"


def asking_be(words: Sequence[Word]) -> bool:
    """Whether the words so far end in a "be" and the partner that asks a question ("are you going", "why are you
    going"), so the partner's -ing verb stays ("u going out?" is read "you go out"); not when the "be" has a
    subject of its own ("it's you cancelling" -> "you cancel")."""
    return len(words) > 1 and words[-2].lemma == "be" and not (len(words) > 2 and words[-3].tag in SUBJECT_TAGS)
