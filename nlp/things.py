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
                         "shame", "thanks", "congratulations", "congrats", "weeks", "months", "years", "days",
                         "hours", "minutes", "times", "month", "year",
                         "nose", "eyes", "back"})  # idioms' body parts: "roll your eyes", "behind my back"


DEFINITE = frozenset({"the", "our", "my", "this", "that"})  # "*the* baby", "*our* kid": a person, not a label


def labels_in(words: Sequence[Word], vocabulary: ClauseWords) -> bool:
    """Whether the words hold a label ("a baby", "such a mess"): one of the lexicon's, unless after "the", "our",
    "my", "this" or "that" ("you sleep through the baby crying", "the mess in the hall" name a baby, a mess)."""
    return any(w.lower in vocabulary.labels and not (i and words[i - 1].lower in DEFINITE) for i, w in enumerate(words))


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


COMPLEMENTS = frozenset({"of", "on", "about"})
PHRASE_TAGS = frozenset({"DT", "PRP$", "CD", "JJ", "NN", "NNS", "NNP", "NNPS"})


def _complement(run: Sequence[Word], words: Sequence[Word], i: int, vocabulary: ClauseWords) -> bool:
    """Whether words[i] joins a noun phrase to the run's noun as its complement ("the inside *of* the car",
    "your comments *about* my cooking"): "of", "on" or "about" between a noun that is no label, no vague or
    softening noun ("a bit *of*"), and the start of another noun phrase; a relative takes only "of" ("the
    birthday of my mum"): "cold with my mum *about* the cooking" is cold about the cooking."""
    return (bool(run) and i + 1 < len(words) and words[i].lower in COMPLEMENTS and words[i].tag == "IN"
            and words[i + 1].tag in PHRASE_TAGS and run[-1].tag in NOUN_TAGS
            and run[-1].lower not in VAGUE_NOUNS | SOFTENING_NOUNS
            and (words[i].lower == "of" or run[-1].lemma not in vocabulary.relatives)  # "cold with my mum | about"
            and not labels_in(run, vocabulary) and not any(is_swearing(w, vocabulary) for w in run))


# vague alone, concrete as someone's: "my *time*" ("my things" was read as giving them away, a care cue)
OWNED = frozenset({"stuff", "time"})


def _named(run: Sequence[Word], noun: Word) -> bool:
    """Whether a noun phrase's last noun names something: not a vague noun, unless someone's ("my stuff",
    "other people's time"; not "the thing", "your fault")."""
    return noun.lower not in VAGUE_NOUNS or noun.lower in OWNED and any(w.tag in ("PRP$", "POS") for w in run)


NOBODY = frozenset({"nobody", "noone", "everyone", "everybody", "anyone", "anybody", "one", "nothing", "everything"})


def _setting(before: Word | None, earlier: Word | None) -> bool:
    """Whether a noun phrase only says where the subject is ("nobody *in this house*", "everyone in the family"):
    the complaint is about what comes after it."""
    return before is not None and earlier is not None and before.lower == "in" and earlier.lower in NOBODY


def things_of(words: Sequence[Word], vocabulary: ClauseWords) -> tuple[str, ...]:
    """Noun phrases ("your dishes", "the smoke alarm") as written, leaving out labels, swearing, idioms, vague nouns and
    the nouns of compound prepositions ("in front of them" names no thing; "the front of the house" does); a
    subject's setting ("nobody in this house") comes last."""
    found: list[str] = []
    setting: list[str] = []  # "nobody *in this house*": where, named last
    run: list[Word] = []
    head = 0  # where the run's last noun phrase starts: after its "of", "on" or "about"
    before: Word | None = None  # the word before the run
    earlier: Word | None = None  # and the one before that
    for i, word in enumerate([*words, plain(".", ".")]):
        if word.tag in ("DT", "PRP$", "CD", "JJ", "JJS", "POS", "NN", "NNS", "NNP", "NNPS") and not (
                word.tag in ("DT", "PRP$", "CD") and any(w.tag in NOUN_TAGS for w in run[head:])) and not (
                _in_preposition(words, i)):
            if not run:
                before = words[i - 1] if i else None
                earlier = words[i - 2] if i > 1 else None
            run.append(word)
            continue
        if _complement(run, words, i, vocabulary) and not _predicate_noun(run, before, earlier):
            run.append(word)  # "the first half *of* the play", "my opinion *on* the mortgage"
            head = len(run)
            continue
        head = 0
        nouns = [w for w in run if w.tag in NOUN_TAGS]
        if nouns and not any(w.idiom for w in nouns) and not labels_in(run, vocabulary) and not any(
                is_swearing(w, vocabulary) for w in run) and _named(run, nouns[-1]) and not _predicate_noun(
                run, before, earlier):
            while run and run[-1].tag not in NOUN_TAGS:
                run.pop()
            (setting if _setting(before, earlier) else found).append(render(run))
        run = [word] if word.tag in ("DT", "PRP$", "CD") else []  # "work | three times"
    return tuple(found + setting)


def things_after_preposition(out: Sequence[Word], vocabulary: ClauseWords) -> tuple[str, ...]:
    """The things named after the clause's first preposition ("you were rude *to the waiters*"): what a label
    or a blaming verb was about."""
    at = next((i for i, w in enumerate(out) if w.tag == "IN"), len(out))
    return things_of(out[at:], vocabulary)
