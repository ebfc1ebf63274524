"""The words a clause is read in: data/clauses.json's lists, the lexicon's texting spellings and word lists, and
vaderSentiment's ratings; and the plain Word a clause is made of (a sentence's tokens are read into Words by
clause_reading.py).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import spacy
from spacy.tokenizer import Tokenizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]  # no hints

from .errors import RuleFileError
from .rule_loading import load_lexicon
from .rule_types import DATA_DIR

CLAUSES_FILE = DATA_DIR / "clauses.json"
PARTNER = frozenset({"you", "u", "ya", "yu"})
WRITER = frozenset({"i", "me", "we", "us"})
AUXILIARIES = frozenset({"do", "be", "have", "can", "could", "would", "will", "should", "must", "may", "might"})
CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'m", "'d")
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
SWEARING_SLOT = "<swearing>"  # in a "not_caring" idiom: any swear word ("give a <swearing>")


@dataclass(frozen=True)
class ClauseWords:
    """The word lists the extraction reads (data/clauses.json), the lexicon's texting spellings, labels and negators,
    and vaderSentiment's ratings (word -> valence, -4..4). Phrases are tuples of lower-case tokens, split as
    spaCy splits them ("for god's sake" -> for, god, 's, sake), longest first; `not_caring` pairs an idiom of
    not caring (SWEARING_SLOT standing for any swear word) with its plain wording ("give a damn" -> "seem to
    care"); `implied_never` are the words that make "Do you ... ?" accuse ("ever", "for once"), and
    `implied_never_leads` the openings that say "you never" ("would it kill you to"); a request holding one of
    `not_asked` ("yourself") is never offered: "Would you be willing to hear yourself?" is a jab, not a wish;
    `relatives` are the lexicon's family words ("mum", "sister"); `asking_verbs` ("ask", "tell") put the partner
    as the object of what the writer asks for ("how many times do I have to *ask* you to close the garage");
    `doubted_verbs` ("lie") accuse when stated, so the writer's doubt is said instead; `manners` pairs an
    insulting comparison of how something is done ("like a maniac") with its plain wording ("too fast")."""

    dropped: frozenset[str]
    dropped_phrases: tuple[tuple[str, ...], ...]
    boundaries: tuple[tuple[str, ...], ...]
    states: frozenset[str]
    vague_verbs: frozenset[str]
    insults: tuple[tuple[str, ...], ...]
    anaphors: frozenset[str]
    sarcasm_leads: tuple[tuple[str, ...], ...]
    blaming_phrases: tuple[tuple[str, ...], ...]
    hedges: frozenset[str]
    past_forms: dict[str, str]
    texting: dict[str, str]
    labels: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    negators: frozenset[str]
    blaming_verbs: frozenset[str]
    withheld_verbs: frozenset[str]
    habit_verbs: frozenset[str]
    swearing: frozenset[str]
    not_caring: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    implied_never: tuple[tuple[str, ...], ...]
    implied_never_leads: tuple[tuple[str, ...], ...]
    not_asked: frozenset[str]
    valence: dict[str, float] = field(repr=False)
    relatives: frozenset[str] = frozenset()
    asking_verbs: frozenset[str] = frozenset()
    doubted_verbs: frozenset[str] = frozenset()
    manners: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


EMOTICON = re.compile(r"</?3+|[:;=8][-'^]?[()\[\]DPpOo3/\\|*]+|[()\[\]/\\|][-'^]?[:;=]")
DECORATION_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf", "Co", "Cn"})  # symbols, marks, joiners


def is_decoration(text: str) -> bool:
    """Whether a token is an emoji, an emoticon ("<3", ":(") or a mark of one: around a clause, never its word."""
    return bool(EMOTICON.fullmatch(text)) or all(unicodedata.category(c) in DECORATION_CATEGORIES for c in text)


@dataclass
class Word:
    """One word of a sentence as the clause reads it: spelling, lower case, lemma and fine-grained tag; `quoted`:
    written in quotation marks ("you're *"working"*"), scare quotes that doubt it; `idiom`: part of an idiom."""

    text: str
    lower: str
    lemma: str
    tag: str
    quoted: bool = False
    idiom: bool = False  # inside an idiom (idioms.py): its nouns name no thing ("bite my *head* off")


@cache
def _tokenizer() -> Tokenizer:
    """English's own tokenizer, the pipeline's: a phrase is split as a sentence is."""
    return spacy.blank("en").tokenizer


def _tokens(phrase: str) -> tuple[str, ...]:
    """A phrase's lower-case tokens as a sentence's are split ("couldn't" -> could, n't), SWEARING_SLOT kept."""
    return tuple(t for piece in phrase.lower().split()
                 for t in ((piece,) if piece == SWEARING_SLOT else (tok.lower_ for tok in _tokenizer()(piece))))


def _phrases(values: object, key: str, path: Path) -> tuple[tuple[str, ...], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RuleFileError(f"{path.name}: '{key}' must be a list of non-empty strings")
    return tuple(sorted((_tokens(v) for v in values), key=len, reverse=True))


def _wordings(values: object, key: str, path: Path) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """A mapping of phrases to wordings, as token tuples, the longest phrase first."""
    if not isinstance(values, dict) or not values or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in values.items()):
        raise RuleFileError(f"{path.name}: '{key}' must map each phrase to a non-empty wording")
    return tuple(sorted(((_tokens(k), _tokens(v)) for k, v in values.items()), key=lambda kv: len(kv[0]),
                        reverse=True))


def load_clause_words(path: Path = CLAUSES_FILE, lexicon_path: Path = DATA_DIR / "lexicon.json") -> ClauseWords:
    """Read clauses.json (and lexicon.json's texting spellings and labels), rejecting missing or unknown keys
    and malformed lists or mappings."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleFileError(f"{path.name}: cannot read JSON ({exc})") from exc
    lists = ("dropped", "dropped_phrases", "boundaries", "states", "vague_verbs", "insults", "anaphors",
             "sarcasm_leads", "hedges", "blaming_phrases", "swearing", "implied_never", "implied_never_leads",
             "not_asked", "asking_verbs", "doubted_verbs")
    mappings = ("past_forms", "spellings", "not_caring", "manners")
    if not isinstance(raw, dict) or set(raw) != {*lists, *mappings}:
        raise RuleFileError(f"{path.name}: expected exactly the keys {sorted({*lists, *mappings})}")
    words = {key: _phrases(raw[key], key, path) for key in lists}
    for key in ("past_forms", "spellings"):
        if not isinstance(raw[key], dict) or not all(isinstance(v, str) and v for v in raw[key].values()):
            raise RuleFileError(f"{path.name}: '{key}' must map each word to a non-empty word")
    lexicon = load_lexicon(lexicon_path)
    known = dict(lexicon.lists)
    return ClauseWords(
        dropped=frozenset(w[0] for w in words["dropped"]), dropped_phrases=words["dropped_phrases"],
        boundaries=words["boundaries"], states=frozenset(w[0] for w in words["states"]),
        vague_verbs=frozenset(w[0] for w in words["vague_verbs"]), insults=words["insults"],
        anaphors=frozenset(w[0] for w in words["anaphors"]), sarcasm_leads=words["sarcasm_leads"],
        blaming_phrases=words["blaming_phrases"],
        hedges=frozenset(w[0] for w in words["hedges"]), past_forms=dict(raw["past_forms"]),
        texting=dict(lexicon.texting) | {k.lower(): v for k, v in raw["spellings"].items()}, labels=lexicon.labels,
        positive=lexicon.positive, negative=lexicon.negative, negators=lexicon.negators,
        blaming_verbs=frozenset(known.get("damage_verbs", ())) | {"blame", "hurt", "make"},
        withheld_verbs=frozenset(known.get("withheld_verbs", ())) | {"think"},
        habit_verbs=frozenset(known.get("habit_verbs", ())),
        swearing=frozenset(w[0] for w in words["swearing"]),
        not_caring=_wordings(raw["not_caring"], "not_caring", path), implied_never=words["implied_never"],
        implied_never_leads=words["implied_never_leads"], not_asked=frozenset(w[0] for w in words["not_asked"]),
        valence=dict(SentimentIntensityAnalyzer().lexicon), relatives=frozenset(known.get("relatives", ())),
        asking_verbs=frozenset(w[0] for w in words["asking_verbs"]),
        doubted_verbs=frozenset(w[0] for w in words["doubted_verbs"]),
        manners=_wordings(raw["manners"], "manners", path))


def starts(words: Sequence[Word], at: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the first phrase (in `phrases`' order) that starts at `at`, else 0. Only the phrases whose
    first word is the word at `at` are compared: comparing them all was most of a suggestion's time."""
    if at >= len(words):
        return 0
    for phrase in _by_first_word(phrases).get(words[at].lower, ()):
        if tuple(w.lower for w in words[at:at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


_indexes: dict[int, tuple[tuple[tuple[str, ...], ...], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """`phrases` grouped by their first word, in order; built once per phrase list (kept by identity)."""
    known = _indexes.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    _indexes[id(phrases)] = (phrases, index)
    return index


def is_verb(word: Word) -> bool:
    """Whether a word is a verb, an auxiliary or a modal."""
    return word.tag.startswith("VB") or word.tag == "MD"


def plain(text: str, tag: str = "RB", lemma: str | None = None) -> Word:
    """A word the clause puts in itself ("don't", "you")."""
    return Word(text, text.lower(), lemma or text.lower(), tag)


def denied_do(past: bool) -> Word:
    """The "do" that denies an act: "didn't" in the past, else "don't"."""
    return plain("didn't", "VBD", "do") if past else plain("don't", "VBP", "do")


def past_form(lemma: str, vocabulary: ClauseWords) -> str:
    """The simple past of a verb's lemma: the irregular table in clauses.json, else English spelling rules."""
    if lemma in vocabulary.past_forms:
        return vocabulary.past_forms[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def render(words: Sequence[Word]) -> str:
    """Join words, gluing "n't", "'s", "'re" and the like to the word before."""
    text = ""
    for word in words:
        glued = word.lower in CLITICS or word.lower == "'"
        text += word.text if glued or not text else " " + word.text
    return text


RECALLED = frozenset({"promise", "swear", "agree"})  # "when you *promised* you'd drive": a word given, then broken
PROMISED = RECALLED | {"say"}  # "you *said* you'd come and then you ...": a word given, with what broke it
THEN = (("and", "then"), ("but", "then"), ("then",))
SUBJECTS = frozenset({"you", "i", "we"})


def sequel(words: Sequence[Word], i: int, out: Sequence[Word], vocabulary: ClauseWords) -> int:
    """How many words of "and then you" start at `i` when the clause so far only gives a word ("you promise",
    "you said you'd come"): what follows is what broke it, the complaint. 0 otherwise."""
    if not out or out[0].lower != "you" or not any(w.lemma in PROMISED for w in out[1:3]):
        return 0
    reach = starts(words, i, THEN)
    if not reach or i + reach + 1 >= len(words) or words[i + reach].lower not in PARTNER:
        return 0
    return reach + 1 if is_verb(words[i + reach + 1]) or words[i + reach + 1].lower == "never" else 0


def will_said(out: list[Word]) -> list[Word]:
    """The clause subject's "will" said as a "when" clause says it: "you'll scroll" -> "you scroll" ("I feel tense
    when you'll scroll" is no English); "you won't" (a refusal) and "you say you'll" stay."""
    return [w for j, w in enumerate(out) if not (
        j == 1 and out[0].lower in SUBJECTS and w.tag == "MD" and w.lower in ("'ll", "will")
        and (len(out) < 3 or out[2].lower not in ("n't", "not")))]
