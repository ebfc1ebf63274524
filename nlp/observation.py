"""The observation in a flagged sentence: its clause about the partner, in the writer's own words, made plain.

"You ALWAYS leave your dishes in the sink!!" -> "you leave your dishes in the sink"; "Why do you never text me
back?" -> "you don't text me back"; "You're always late and you don't even call" -> "you're late and don't call".
The clause is read from the sentence's tags and lemmas (the pipeline runs no dependency parser): it starts at
the partner ("you", "u"), at the writer after "you made me" / "because of you", or at the verb of an order
("Set your alarm"); a question's inverted auxiliary is put back ("did you say" -> "you said"); absolutes,
intensifiers, swearing and asides (data/clauses.json) are taken out and "never" becomes "don't"/"didn't", the
"never" an accusing question implies too ("Do you ever listen?" -> "you don't listen", clause_reading.py); it
ends at the sentence's end, a comma, or a word that starts another thought ("because", "but", "and I").
A clause that only labels ("you're so selfish", "you're rude to waiters") keeps no wording, only its things; a
clause or thing that still swears ("you leave your shit everywhere") is never said; nor is what the partner does
inside a negated clause ("you don't think before *you speak*"): that is not the complaint, nor the "when you ..."
after a label that named things ("you're rude to waiters *when you're tired*"). The writer's "every time I ..."
before the partner's act is kept ("I mention the gym and you sigh"), and the writer's clause before "while you"
is the complaint ("I end up walking the dog while you sleep in"). An accusation stated as fact ("you're
lying about where you were") is said as the writer's doubt ("I'm not sure where you were"), and an act in scare
quotes as what the partner says ("you're "working"" -> "you say you're working").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span

from .clause_reading import NEGATIONS, is_swearing, read_words
from .clause_start import BE_FORMS, ORDER_MODALS, SWEEPING, collect, occasion_before, starts_of
from .clause_words import AUXILIARIES, NOUN_TAGS, RECALLED, ClauseWords, Word, is_verb, plain, render, starts
from .things import VAGUE_NOUNS, labels_in, things_after_preposition as _things_after_preposition, things_of as _things

WARM = 1.5  # summed vaderSentiment rating of a clause's words at which it reads as thanks, not a complaint
LABEL_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "DT", "PDT"})


@dataclass(frozen=True)
class Observation:
    """One sentence's clause, plain: `clause` ("you leave your dishes in the sink", "" when it only labels or
    names nothing), `request` (what the writer asks for: "text me back" from "you don't text me back", or an
    order's verb phrase; "" when none), `past` (the clause happened: "I felt"), `things` (its noun phrases as
    written, "your dishes"), `lemmas` (lower-case lemmas of its words, for the topic table)."""

    clause: str
    request: str
    past: bool
    things: tuple[str, ...]
    lemmas: frozenset[str]
    acts: frozenset[str] = frozenset()  # the lemmas of its clause's verbs: what the partner did ("yell")

    @property
    def concrete(self) -> bool:
        """Whether it names something a person can picture: a clause, a request or a thing."""
        return bool(self.clause or self.request or self.things)


def _be_complement(out: Sequence[Word]) -> int | None:
    """The index of what follows "you're (not) (being)", or None when the clause has no such be-form."""
    i = 1
    while i < len(out) and (out[i].lower in BE_FORMS or out[i].lower in ("not", "n't")):
        i += 1
    return i if i > 1 and i < len(out) and out[1].lower in BE_FORMS else None


def _labels(out: Sequence[Word], vocabulary: ClauseWords) -> bool:
    """Whether the clause only says what the partner is ("you're so selfish", "you were rude to him")."""
    if not out or out[0].lower != "you":
        return False
    at = _be_complement(out)
    if at is None:
        return labels_in(out, vocabulary)
    word = out[at]
    return word.tag in LABEL_TAGS and word.lower not in vocabulary.states


# "you don't care about anything *I say*", "everything *I do*": what the writer's clause after these describes
# is the noun before it; alone it says nothing ("I feel discouraged when I say").
CIRCUMSTANCES = frozenset({"when", "whenever", "if"})
COMPARISONS = frozenset({"like", "as"})  # what a vague verb's clause is cut at: "you treat me *like* a child"
# "you never initiate *anything*": no act to ask for
SWEEPING_OBJECTS = SWEEPING | {"something", "anyone", "anybody", "everyone", "everybody"}
SPEECH = frozenset({"say", "tell", "text", "write", "reply", "answer", "call", "go"})  # you said *"fine"*: quoted
HEADS_OF_RELATIVES = frozenset({"anything", "everything", "something", "nothing", "all", "whatever", "what"})


def _content(out: Sequence[Word], vocabulary: ClauseWords) -> bool:
    """Whether the clause names something: a noun, a verb other than the vague ones, or a state."""
    return any((w.tag in NOUN_TAGS and w.lower not in VAGUE_NOUNS) or w.lower in vocabulary.states
               or (is_verb(w) and w.lemma not in vocabulary.vague_verbs and w.lemma not in AUXILIARIES)
               for w in out[1:])


def _warm(out: Sequence[Word], vocabulary: ClauseWords) -> bool:
    """Thanks, not a complaint: a warm word (the lexicon's, or vaderSentiment's sum at WARM or above, nouns left
    out but "thanks": "our *holiday* money" is a topic, not a kindness), and no cold word or negation."""
    lowers = [w.lower for w in out] + [w.lemma for w in out]
    # A warm word under a negator is no thanks: "*Nobody* in this house remembers the dog needs feeding".
    if any(w in vocabulary.negators or w == "noone" or w.endswith("n't") or w in vocabulary.negative
           or vocabulary.valence.get(w, 0.0) <= -1.0 for w in lowers):
        return False
    # A comparison's words are no warmth: "feel *like* a guest", "you *treat* our savings like your own fund".
    compares = any(w.lower in COMPARISONS and w.tag == "IN" for w in out)
    return any(w in vocabulary.positive for w in lowers) or sum(
        vocabulary.valence.get(w.lower, 0.0) for w in out
        if (w.tag not in NOUN_TAGS or w.lower == "thanks") and w.tag != "IN" and w.lemma not in RECALLED
        and not (compares and is_verb(w) and w.lemma in vocabulary.vague_verbs)) >= WARM


def observe(sentence: Span, vocabulary: ClauseWords, skipped: frozenset[int] = frozenset(),
            ruled: bool = False) -> Observation:
    """The plain observation in one flagged sentence (token indices in `skipped` are left out: the words a
    label rule matched): its first clause that names something, else an Observation that is not `concrete`
    or holds only the things the sentence names. `ruled`: a blame rule matched in it, so a warm word there is
    no thanks ("I feel like you *treat* our savings like your personal fund")."""
    words = read_words(sentence, vocabulary, skipped)
    lemmas = frozenset(w.lemma for w in words if (w.tag in NOUN_TAGS or is_verb(w)) and not w.idiom)
    # Thanks the classifier read as blame: none of its things are rewritten. Weighed on the whole sentence, the
    # label a rule matched included: "You're so controlling about the holidays" is no thanks for the holidays.
    warm = not ruled and _warm(read_words(sentence, vocabulary, frozenset()) if skipped else words, vocabulary)
    found = Observation("", "", False, () if warm else _things(words, vocabulary), lemmas)
    negated_until = 0  # the end of a negated clause that said nothing: the partner's acts inside it are not said
    named_until = 0  # the end of a clause that said nothing but named things ("you're rude to waiters ...")
    for start in starts_of(words, vocabulary):
        if start[0] < negated_until and start[1] in ("partner", "inverted"):
            continue
        if start[0] < named_until and start[1] == "partner" and words[start[0] - 1].lower in CIRCUMSTANCES:
            continue  # "... *when you're* tired": when it happens, not what the complaint is
        if start[1] == "writer" and start[0] and words[start[0] - 1].lower in HEADS_OF_RELATIVES:
            continue  # "anything *I say*": a relative clause, not what happened
        out, end = collect(words, *start, vocabulary)
        seen = _clause(out, start[1], vocabulary)
        if seen.clause and out[0].lower == "you" and any(
                w.quoted and (is_verb(w) or w.tag in ("JJ", "RB")) and out[k - 1].lemma not in SPEECH
                for k, w in enumerate(out) if k):  # you're "working": in doubt; you said "fine": words quoted
            seen = replace(seen, clause=f"you {'said' if seen.past else 'say'} {seen.clause}", request="")
        occasion = occasion_before(words, start[0]) if start[1] == "partner" and seen.clause else []
        if occasion:  # "I feel ... when I mention the gym and you sigh"
            seen = replace(seen, clause=f"{render(occasion)} and {seen.clause}",
                           things=_things(occasion, vocabulary) + seen.things)
        if end < len(words) and words[end].lower in COMPARISONS and not any(
                is_verb(w) and w.lemma not in vocabulary.vague_verbs | AUXILIARIES for w in out):
            seen = replace(seen, clause="", request="")  # "you treat our savings *like* ...": half a comparison
        if seen.request and not vocabulary.not_asked.isdisjoint(seen.request.lower().split()):
            seen = replace(seen, request="")  # "hear yourself" is a jab as a request, not a wish
        if seen.clause or seen.request:
            return seen
        if any(w.lower in NEGATIONS or w.lower.endswith("n't") for w in out):
            negated_until = max(negated_until, end)
        if seen.things:
            named_until = max(named_until, end)
        found = found if found.things else seen
    return found


def _clause(out: list[Word], mode: str, vocabulary: ClauseWords) -> Observation:
    """The observation of one collected clause, by how it started (clause_start.starts_of's modes)."""
    things = _things(out, vocabulary)
    lemmas = frozenset(w.lemma for w in out if (w.tag in NOUN_TAGS or is_verb(w)) and not w.idiom)
    if any(is_swearing(w, vocabulary) for w in out):
        return Observation("", "", False, things, lemmas)  # nothing clean to say of it
    if mode == "order":
        if out and out[0].lemma == "do":
            out = [plain("you", "PRP"), *out[2:]]
            return _stated(out, things, lemmas, vocabulary)
        return Observation("", render(out) if _content(out, vocabulary) else "", False, things, lemmas)
    modal = next((len(m) for m in ORDER_MODALS if tuple(w.lower for w in out[1:1 + len(m)]) == m), 0)
    if modal and mode == "partner":
        rest = out[1 + modal:]
        if len(rest) > 1 and rest[0].lower in ("have", "'ve") and rest[1].tag == "VBN":
            rest = [plain(rest[1].lemma, "VB"), *rest[2:]]  # "should have asked me" asks for "ask me"
        if rest and rest[0].lower in ("not", "n't"):
            return _stated([out[0], *rest[1:]], things, lemmas, vocabulary)
        return Observation("", render(rest) if _content(out, vocabulary) else "", False, things, lemmas)
    return _stated(out, things, lemmas, vocabulary)


def _asked(words: Sequence[Word]) -> str:
    """What a clause's denied acts ask for (`words` follow its "you don't"): the acts up to one the partner does
    ("help" of "help and you complain": what is complained of is never asked), each one's own "don't" taken out
    ("help and listen" of "help and don't listen"); "" when an act's object is a sweeping word ("initiate
    anything" asks for nothing anyone can picture)."""
    asked: list[Word] = []
    for word in words:
        if word.lower == "you" and asked and asked[-1].lower == "and":
            asked.pop()
            break
        if not (word.lower in ("don't", "didn't") and asked and asked[-1].lower == "and"):
            asked.append(word)
    return "" if any(w.lower in SWEEPING_OBJECTS for w in asked) else render(asked)


def _is_past(word: Word, vocabulary: ClauseWords) -> bool:
    """Whether a verb is said in the past, by its form first and the tagger second: "forgot" is past though the
    tagger may not call it a verb; "hog" is not, though it may call it VBD; "put", "let" (the same in both)
    are past when the tagger says so."""
    lower = word.lower
    if lower in ("didn't", "wasn't", "weren't", "was", "were"):
        return True
    same = vocabulary.past_forms.get(word.lemma) == word.lemma
    if lower in vocabulary.past_forms.values() and not same:
        return True
    if word.tag == "VBD":
        return lower != word.lemma or same
    return lower.endswith("ed") and is_verb(word) and lower != word.lemma


WH_WORDS = frozenset({"where", "what", "who", "when", "why", "how", "whether"})


def _doubted(out: list[Word], main: Word, things: tuple[str, ...], lemmas: frozenset[str]) -> Observation:
    """An accusation stated as fact ("you're lying about where you were") said as the writer's doubt: "I'm not
    sure where you were", "I'm not sure about the money"; "I'm not sure what's true" when it names nothing."""
    rest = out[out.index(main) + 1:]
    about = next((i for i, w in enumerate(rest) if w.lower == "about"), None)
    if about is None or about + 1 >= len(rest):
        return Observation("I'm not sure what's true", "", False, things, lemmas)
    said = rest[about + 1:] if rest[about + 1].lower in WH_WORDS else rest[about:]
    return Observation(f"I'm not sure {render(said)}", "", False, things, lemmas)


def _stated(out: list[Word], things: tuple[str, ...], lemmas: frozenset[str],
            vocabulary: ClauseWords) -> Observation:
    """An observation from a clause with its subject: none when it only labels, names nothing or is thanks."""
    if len(out) < 2 or _warm(out, vocabulary):
        return Observation("", "", False, (), lemmas)
    if _labels(out, vocabulary) or not _content(out, vocabulary):
        return Observation("", "", False, _things_after_preposition(out, vocabulary), lemmas)
    verbs = [w for w in out if is_verb(w)]
    main = next((w for w in verbs if w.lemma not in AUXILIARIES and w.lower not in ("n't", "not")), None)
    if main is not None and main.lemma in vocabulary.doubted_verbs and out[0].lower == "you":
        return _doubted(out, main, things, lemmas)
    if any(w.lemma in vocabulary.blaming_verbs for w in verbs) or any(
            starts(out, i, vocabulary.blaming_phrases) for i in range(len(out))) or (
            main is not None and main.lemma in vocabulary.withheld_verbs):
        return Observation("", "", False, _things_after_preposition(out, vocabulary) or _things(out[1:], vocabulary),
                           lemmas)
    negated = len(out) > 2 and out[0].lower == "you" and out[1].lower in ("don't", "didn't")
    if negated and main is not None and main.lemma in vocabulary.habit_verbs:
        return Observation("", _asked(out[2:]), False, things, lemmas)  # "you don't clean" reads as blame
    past = _is_past(out[1], vocabulary) if out[0].lower == "you" and len(out) > 1 else bool(verbs) and _is_past(
        verbs[0], vocabulary)
    request = ""
    seeming = {wording[0] for _, wording in vocabulary.not_caring}  # "seem to care" is no act to ask for
    if len(out) > 2 and out[0].lower == "you" and out[1].lower == "don't" and out[2].lower not in seeming:
        request = _asked(out[2:])
    elif len(out) > 2 and out[0].lower == "you" and out[1].lower == "aren't":
        request = render([plain("be", "VB"), *out[2:]])  # "you aren't on time" asks "be on time"
    acts = frozenset(w.lemma for w in verbs if w.lemma not in AUXILIARIES)
    return Observation(render(out), request, past, things, lemmas, acts)
