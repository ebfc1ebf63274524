"""The things a clause names: its noun phrases as written ("your dishes", "the smoke alarm"), less what the
partner is called, vague nouns, swearing, compound prepositions and a subject's setting (observation.py)."""
from __future__ import annotations

from collections.abc import Sequence

from .clause_reading import is_swearing
from .clause_words import NOUN_TAGS, ClauseWords, Word, plain, render

VAGUE_NOUNS = frozenset({"thing", "things", "time", "way", "lot", "person", "one", "bit", "point", "reason",
                         "something", "anything", "everything", "nothing", "stuff", "idea", "clue", "problem",
                         "deal", "kind", "sort", "today", "tonight", "yesterday", "week", "day", "fault",
                         "blame", "nobody", "everybody", "everyone", "anyone", "anybody", "someone", "somebody",
                         "shame", "thanks", "weeks", "months", "years", "days", "hours", "minutes"})


def _in_preposition(words: Sequence[Word], i: int) -> bool:
    """Whether words[i] is the bare noun of a compound preposition: "in *front* of", "on *top* of", "in
    *charge* of", "on *behalf* of" (a preposition, the noun with no determiner, then "of")."""
    return (0 < i < len(words) - 1 and words[i].tag in ("NN", "NNS") and words[i - 1].tag == "IN"
            and words[i + 1].lower == "of")


SOFTENING_NOUNS = frozenset({"bit", "kind", "sort", "something"})  # "a bit *of* a martyr", "kind *of* a snob"
BECOMING = frozenset({"turn", "become", "grow"})  # "you've turned *into* a miser"


def _predicate_noun(run: Sequence[Word], before: Word | None, earlier: Word | None = None) -> bool:
    """Whether a noun phrase says what the partner is, not what the complaint is about: "a"/"an" after "such",
    "what", "like", "as" or a be-form ("such *a martyr* about the washing", "what *a tightwad*", "you're *a snob*",
    "you use me as *a free taxi*"), after a hedge's "of" ("a bit of *a martyr*") or after becoming's "into"
    ("turned into *a right miser*")."""
    return bool(run) and run[0].lower in ("a", "an") and before is not None and (
        before.lower in ("such", "what", "like", "as") or before.lemma == "be"
        or (earlier is not None and before.lower == "of" and earlier.lower in SOFTENING_NOUNS)
        or (earlier is not None and before.lower == "into" and earlier.lemma in BECOMING))


NOBODY = frozenset({"nobody", "noone", "everyone", "everybody", "anyone", "anybody", "one", "nothing", "everything"})


def _setting(before: Word | None, earlier: Word | None) -> bool:
    """Whether a noun phrase only says where the subject is ("nobody *in this house*", "everyone in the family"):
    the complaint is about what comes after it."""
    return before is not None and earlier is not None and before.lower == "in" and earlier.lower in NOBODY


def things_of(words: Sequence[Word], vocabulary: ClauseWords) -> tuple[str, ...]:
    """Noun phrases ("your dishes", "the smoke alarm") as written, leaving out labels, swearing, vague nouns and
    the nouns of compound prepositions ("in front of them" names no thing; "the front of the house" does); a
    subject's setting ("nobody in this house") comes last."""
    found: list[str] = []
    setting: list[str] = []  # "nobody *in this house*": where, named last
    run: list[Word] = []
    before: Word | None = None  # the word before the run
    earlier: Word | None = None  # and the one before that
    for i, word in enumerate([*words, plain(".", ".")]):
        if word.tag in ("DT", "PRP$", "CD", "JJ", "POS", "NN", "NNS", "NNP", "NNPS") and not (
                word.tag in ("DT", "PRP$") and any(w.tag in NOUN_TAGS for w in run)) and not _in_preposition(
                words, i):
            if not run:
                before = words[i - 1] if i else None
                earlier = words[i - 2] if i > 1 else None
            run.append(word)
            continue
        nouns = [w for w in run if w.tag in NOUN_TAGS]
        if nouns and not any(w.lower in vocabulary.labels or is_swearing(w, vocabulary) for w in run) and \
                nouns[-1].lower not in VAGUE_NOUNS and not _predicate_noun(run, before, earlier):
            while run and run[-1].tag not in NOUN_TAGS:
                run.pop()
            (setting if _setting(before, earlier) else found).append(render(run))
        run = [word] if word.tag in ("DT", "PRP$") else []
    return tuple(found + setting)


def things_after_preposition(out: Sequence[Word], vocabulary: ClauseWords) -> tuple[str, ...]:
    """The things named after the clause's first preposition ("you were rude *to the waiters*"): what a label
    or a blaming verb was about."""
    at = next((i for i, w in enumerate(out) if w.tag == "IN"), len(out))
    return things_of(out[at:], vocabulary)
