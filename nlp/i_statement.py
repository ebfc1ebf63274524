"""Whether a text is an I statement: it speaks from "I" about a feeling or a need, not about the partner.

An I statement has at least one clause in which "I" says how they feel or what they need:
  "I feel worn out when ...", "I felt a bit unseen", "I get anxious when ...", "I'm stressed from work",
  "I need ...", "I'd love it if ...", "What I'd like is ..."
and no clause about the partner:
  a main clause whose subject is "you" ("You never help with the dishes", "..., you always forget"), or
  "you" glued after "I feel" ("I feel you never help", "I feel like you ...", "I feel that you ...",
  "I feel as if you ..."): the flagged line with "I feel" put in front of it is still the flagged line.
"you" in a clause that hangs on another ("when you're late", "Could you ...?", "I know you're busy") is
not about the partner in this sense, nor is the aside "you know".

"I feel like ..." and "I feel that ..." report a thought, not a feeling; after "I feel" a feeling is an
adjective, a participle or an adverb ("unseen", "worn out", "alone", "on edge"), after some words of degree
("a bit", "so", "really"). "I'm ..." counts with an adjective or participle that is not one of the few
words of fact or certainty in NOT_FEELINGS ("I'm sure", "I'm late"). The reading uses the tagger, lemmas
and sentence boundaries only (Hearth's pipeline has no parser), so an unknown word the tagger takes for a
name ("I feel zorpy", "You nevr zorp help") never counts as a feeling.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .analysis import check_text
from .component import BLAME_KEY
from .pipeline import loaded

PARTNER = frozenset({"you", "u", "ya", "yall"})
FEEL = frozenset({"feel"})  # a feeling follows
BECOME = frozenset({"get", "become", "grow"})  # "I get anxious"
BE = frozenset({"be", "m", "am"})  # "Im" is tagged as the verb "m"
NEED = frozenset({"need", "want", "wish", "hope", "miss", "worry", "value", "appreciate", "love", "like",
                  "prefer", "long", "crave", "care", "fear", "dread", "rather"})
NOT_FEELINGS = frozenset({"sure", "certain", "right", "wrong", "late", "early", "busy", "done", "ready", "home",
                          "fine", "ok", "okay", "here", "there", "able", "free", "back", "aware", "convinced"})
DEGREE = frozenset({"a", "bit", "little", "lot", "kind", "sort", "of", "so", "really", "very", "quite", "pretty",
                    "too", "more", "less", "somewhat", "rather", "totally", "completely", "just", "also", "still",
                    "kinda", "sorta", "super", "extremely", "incredibly", "often", "sometimes"})
THOUGHT = frozenset({"like", "that", "as", "if", "though"})  # "I feel like/that/as if ...": a thought
CLAUSE_JOINS = frozenset({"and", "but", "so", "or", "then", "honestly", "well", "also"})
ASIDES = frozenset({"know", "see"})  # "..., you know, ..."
FEELING_TAGS = frozenset({"JJ", "JJR", "VBN", "RB"})  # adjective, participle, adverb ("alone")


def is_i_statement(doc: Doc) -> bool:
    """Whether `doc` speaks from "I" about a feeling or need and has no clause about the partner."""
    sentences = list(doc.sents)
    return (any(_speaks_from_i(sent) for sent in sentences)
            and not any(_about_partner(sent) for sent in sentences))


def reads_as_i_statement(text: str) -> bool:
    """`is_i_statement` of `text` read through the process's pipeline (blame rules left out).

    Raises TextRejected for a text nlp cannot read (empty, not text, or over MAX_CHARS).
    """
    return is_i_statement(loaded().language(check_text(text), disable=[BLAME_KEY]))


def _speaks_from_i(sent: Span) -> bool:
    """Whether some "I" in the sentence says how they feel or what they need."""
    return any(_feeling_or_need(sent, token.i - sent.start + 1) for token in sent if token.lower_ == "i")


def _feeling_or_need(sent: Span, at: int) -> bool:
    """Whether the verb group after "I" (from `at`, in sentence offsets) names a feeling or a need."""
    be_seen, previous = False, ""
    while at < len(sent) and (sent[at].pos_ in ("AUX", "PART", "ADV") or sent[at].lemma_.lower() in BE):
        lemma = sent[at].lemma_.lower()
        if lemma in NEED:  # "I'd rather", tagged as an adverb
            return True
        if lemma in BE and previous == "do":
            return False  # "Nothing I do is ...": "I do" ends in a clause of its own
        be_seen, previous = be_seen or lemma in BE, lemma
        at += 1
    if at >= len(sent):
        return False
    head = sent[at]
    lemma = head.lemma_.lower()
    if lemma in FEEL:
        return _feeling_after(sent, at + 1, allow_phrase=True)
    if lemma in BECOME:
        return _feeling_after(sent, at + 1, allow_phrase=False)
    if lemma in NEED:
        return True
    return be_seen and head.tag_ in ("JJ", "VBN") and head.lower_ not in NOT_FEELINGS


def _feeling_after(sent: Span, at: int, allow_phrase: bool) -> bool:
    """Whether a feeling follows a feeling verb: past words of degree, an adjective, participle or adverb
    (or with `allow_phrase`, a phrase like "on edge"), never a thought ("like", "that") or a person."""
    while at < len(sent) and sent[at].lower_ in DEGREE:
        at += 1
    if at >= len(sent):
        return False
    word = sent[at]
    if word.lower_ in THOUGHT or word.pos_ in ("PRON", "DET", "PROPN", "NOUN", "PUNCT"):
        return False
    if allow_phrase and word.pos_ == "ADP":
        return True
    return word.tag_ in FEELING_TAGS


def _about_partner(sent: Span) -> bool:
    """Whether a clause of the sentence has the partner as its subject, or "you" glued after "I feel"."""
    return any(_partner_clause(sent, token) for token in sent if token.lower_ in PARTNER)


def _partner_clause(sent: Span, you: Token) -> bool:
    at = you.i - sent.start
    following = sent[at + 1] if at + 1 < len(sent) else None
    if following is None or following.is_punct or following.lower_ in ASIDES:
        return False  # "..., you know", "thank you."
    if following.pos_ not in ("VERB", "AUX", "ADV", "PROPN"):
        return False  # "you" as an object: "... with you", "you two"
    before = at - 1
    while before >= 0 and sent[before].lower_ in THOUGHT:
        before -= 1
    if before < 0:
        return True  # the sentence opens with it
    previous = sent[before]
    return previous.is_punct or previous.lower_ in CLAUSE_JOINS or previous.lemma_.lower() in FEEL
