"""Idioms read as one warm or cold word (data/idioms.jsonl): "you always *have my back*" is praise, "you always
*bite my head off*" is blame, and "you never *cut me any slack*" is a kindness withheld.

A line of idioms.jsonl is {"idiom": pattern, "valence": "warm" | "cold", "kind": "warm" | a blame kind}, with
"plain": true for a cold idiom that names an act in plain words ("glued to your phone": said again in a
suggestion, its nouns a topic; a figure, "throw me under the bus", is neither). The valence is how the idiom
reads said of the partner without a negation ("you always <idiom>"); a cold idiom's
kind is the blame kind it says (KINDS: "blame" for an act, "label" for a trait, "contempt" for a sneer). The
pattern is words separated by spaces, matched in lower case: "~word" is any inflection of the word (its
lemma), "a|b" either word, "a-b" a hyphenated word written with or without its hyphen, a word ending in "?"
optional, and the placeholders ME, MY, YOUR and YOURSELF stand for the pronouns a partner or the writer may be
(YOU the partner), POSS for "'s", CAN and NOT for the halves of "can't" (PLACEHOLDERS).

Each idiom is a rule of its own (IdiomRule): the hearth_blame component files its matches in
doc.spans[IDIOM_KEY], where the tone (polarity.SentenceTone) reads each as one warm or cold word and
polarity.outright reads an absolute before one. Each cold idiom said of the partner ("you <idiom>", a few
helping words between) is also a blame rule of its kind (`blame_rules`), one the classifier may not veto:
its corpus holds too few idioms to read them.

The file was written for Hearth on 2026-12-01, each idiom judged by hand (a writer who had read neither the rules,
the corpus nor the test sets; a few more from a newcomer's trial of the coach); no list was copied.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from .rule_types import DATA_DIR, KINDS, BlameRule, MatchRule, Pattern

IDIOM_KEY = "hearth_idiom"
IDIOM_RULES = "idiom."  # the prefix of the ids of the blame rules made of cold idioms (`blame_rules`)
IDIOM_IDS = "idiom:"  # the prefix of each idiom's own id (IdiomRule.id, the id of its span)
WARM, COLD = "warm", "cold"
VALENCES = (WARM, COLD)
# How a suggestion treats an idiom, kept as its span's kb_id (`retelling`): PLAIN, said again and its nouns a
# topic; UNSAID, left out (it labels, sneers or blames in a figure); "" said again, its nouns no topic.
PLAIN, UNSAID = "plain", "unsaid"
INSULT_KINDS = frozenset({"label", "contempt"})  # the blame kinds that insult: never said again in a suggestion
PRESSED = "pressed"  # a cold idiom asked about ("can you not be *glued to your phone*"): no negation warms it
PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "ME": {"LOWER": {"IN": ["me", "us"]}},
    "MY": {"LOWER": {"IN": ["my", "our"]}},
    "YOUR": {"LOWER": {"IN": ["your", "his", "her", "their", "ur", "yr"]}},
    "YOURSELF": {"LOWER": {"IN": ["yourself", "himself", "herself", "themselves", "urself", "yourselves"]}},
    "YOU": {"NORM": "you"},
    "POSS": {"LOWER": {"IN": ["'s", "’s"]}},  # "god's gift" is split "god", "'s", "gift"
    "CAN": {"LOWER": {"IN": ["can", "ca", "could"]}},  # "can't" is split "ca", "n't"
    "NOT": {"NORM": "not"},  # "not", "n't"
}
# Words that may stand between "you" and a cold idiom said of the partner, by norm ("you're *always* on your
# high horse", "you *just* take me for granted", "ur *such a* drama queen"): never a negation, so "you never
# bite my head off" is not one (its tone reads it as warm).
HELPING_WORDS = ("are", "'re", "were", "was", "is", "be", "been", "have", "'ve", "has", "had", "'d", "will", "'ll",
                 "would", "do", "did", "does", "always", "just", "really", "so", "such", "a", "an", "totally", "keep",
                 "kept", "keeps", "constantly", "literally", "honestly", "seriously", "only", "even", "still",
                 "again", "forever", "clearly", "obviously", "completely", "absolute", "total", "utter",
                 "complete", "real", "bit", "of", "kind", "sort", "like", "being", "acting", "got", "get",
                 "gotta", "to", "wanna", "want", "try", "tried", "trying", "actually", "basically",
                 "proper", "right")
HELPING_REACH = "{0,4}"  # at most four helping words between "you" and the idiom
EXPLANATIONS = {  # what a cold idiom's flag says, by its kind
    "blame": "Said of your partner, this idiom may land as blame; naming what happened and how it felt is "
             "easier to hear.",
    "label": "This idiom may land as a verdict on who your partner is; saying what happened and how it felt "
             "keeps the door open.",
    "contempt": "Sarcasm and put-downs sting even half in jest; saying plainly what hurt gives your partner a "
                "way in.",
}


@dataclass(frozen=True)
class IdiomRule(MatchRule):
    """One idiom: its pattern, its valence (`kind`, "warm" or "cold") and, when cold, the blame kind it says."""

    REQUIRED = frozenset({"idiom", "valence", "kind"})
    OPTIONAL = frozenset({"plain"})

    written: str = ""  # the pattern as idioms.jsonl writes it
    blame_kind: str = ""  # a cold idiom's kind in KINDS; "" for a warm one
    verb_first: bool = False  # it opens with an inflected word ("~give ME a break"): said alone, an imperative
    plain: bool = False  # it names an act in plain words ("glued to YOUR phone"), not in a figure ("bite MY head off")

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> IdiomRule:
        """An idiom from one line of idioms.jsonl; ValueError with a sentence on a fault."""
        unknown, missing = record.keys() - cls.REQUIRED - cls.OPTIONAL, cls.REQUIRED - record.keys()
        if unknown or missing:
            raise ValueError(f"unknown keys {sorted(unknown)}" if unknown else f"missing keys {sorted(missing)}")
        written, valence, kind = record["idiom"], record["valence"], record["kind"]
        if not isinstance(written, str) or not written.strip():
            raise ValueError("'idiom' must be a non-empty string")
        if valence not in VALENCES:
            raise ValueError(f"valence {valence!r} is not one of {', '.join(VALENCES)}")
        if (valence == WARM) != (kind == WARM) or (valence == COLD and kind not in KINDS):
            raise ValueError(f"kind {kind!r} does not fit a {valence} idiom")
        pattern = idiom_pattern(written)
        if not isinstance(record.get("plain", False), bool):
            raise ValueError("'plain' must be true or false")
        return cls(id=IDIOM_IDS + "_".join(re.findall(r"[a-z]+", written.lower())), kind=valence,
                   patterns=(pattern,), written=" ".join(written.split()),
                   blame_kind="" if valence == WARM else kind, verb_first=written.split()[0].startswith("~"),
                   plain=record.get("plain", False))


def retelling(idiom: IdiomRule, span: Span) -> str:
    """How a suggestion treats this match of `idiom` (PLAIN, UNSAID or ""): a cold idiom that labels or sneers
    ("drama queen"), or blames in a figure with nouns in it ("throw me under the bus"), said again would still
    blame; one that names an act plainly ("talk over me", "glued to your phone") is said again."""
    if idiom.plain:
        return PLAIN
    if idiom.blame_kind in INSULT_KINDS or (
            idiom.blame_kind and any(t.pos_ in ("NOUN", "PROPN") for t in span)):
        return UNSAID
    return ""


def idiom_pattern(written: str) -> Pattern:
    """The Matcher pattern of an idiom as idioms.jsonl writes it (see the module's docstring); ValueError when
    a word is not a word or every word is optional."""
    pattern: list[dict[str, Any]] = []
    pieces = [part for piece in written.split() for part in _hyphened(piece)]
    for piece in pieces:
        if piece == "-":  # "two-faced" is split "two", "-", "faced"; "two faced" is matched too
            pattern.append({"ORTH": "-", "OP": "?"})
            continue
        optional = piece.endswith("?")
        piece = piece.rstrip("?")
        if piece in PLACEHOLDERS:
            spec: dict[str, Any] = dict(PLACEHOLDERS[piece])
        else:
            lemmas = all(word.startswith("~") for word in piece.split("|"))
            words: list[str] = []
            for word in piece.split("|"):  # "ME|people": a placeholder's words beside others
                spelled = PLACEHOLDERS.get(word, {}).get("LOWER", {}).get("IN", [word.lstrip("~")])
                words += spelled
            if not all(re.fullmatch(r"[a-z]+", word) for word in words):
                raise ValueError(f"{piece!r} is not a word, a placeholder or words joined by '|'")
            spec = {"LEMMA" if lemmas else "LOWER": words[0] if len(words) == 1 else {"IN": words}}
        if optional:
            spec["OP"] = "?"
        pattern.append(spec)
    if all("OP" in spec for spec in pattern) or pattern[0].get("ORTH") == "-" or pattern[-1].get("ORTH") == "-":
        raise ValueError("an idiom needs one word that is not optional")
    return tuple(pattern)


def _hyphened(piece: str) -> list[str]:
    """"two-faced" as "two", "-", "faced": the words of a hyphenated one with the hyphen between them."""
    if "-" not in piece.strip("-"):
        return [piece]
    parts = piece.split("-")
    return [part for word in parts for part in (word, "-")][:-1]


def load_idioms(path: Path = DATA_DIR / "idioms.jsonl") -> tuple[IdiomRule, ...]:
    """Every idiom of the file; ValueError naming the line on a fault or a pattern written twice."""
    from .rule_loading import read_jsonl  # rule_loading imports this module

    idioms: list[IdiomRule] = []
    seen: set[str] = set()
    for line, record in read_jsonl(path):
        try:
            idiom = IdiomRule.from_record(record)
            if idiom.id in seen:
                raise ValueError(f"the idiom {idiom.written!r} is written twice")
        except ValueError as exc:
            raise ValueError(f"line {line}: {exc}") from exc
        seen.add(idiom.id)
        idioms.append(idiom)
    return tuple(idioms)


def blame_rules(idioms: tuple[IdiomRule, ...]) -> tuple[BlameRule, ...]:
    """One `sure` blame rule per kind of the cold idioms, matching each said of the partner: "you", up to
    HELPING_REACH helping words, then the idiom ("you *always* bite my head off", "ur such a drama queen")."""
    subject = {"NORM": {"IN": ["you", "you're"]}}
    helping = {"NORM": {"IN": list(dict.fromkeys(HELPING_WORDS))}, "OP": HELPING_REACH}
    by_kind: dict[str, list[Pattern]] = {}
    for idiom in idioms:
        if idiom.blame_kind:
            by_kind.setdefault(idiom.blame_kind, []).extend(
                (subject, helping, *pattern) for pattern in idiom.patterns)
    return tuple(BlameRule(id=IDIOM_RULES + kind, kind=kind, patterns=tuple(patterns), explanation=EXPLANATIONS[kind],
                           guards=("appreciation", "unnegated"), sure=True)
                 for kind, patterns in sorted(by_kind.items()))
