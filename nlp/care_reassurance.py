"""When "safe" reassures and when it names the danger: the care classifier's gate for reassurance words.

"safe", "secure"... are cue words of danger ("I don't feel safe at home"), and said plainly they are the opposite
("I feel safe with you"). CareReader.kind_of (care_model.py) leaves a message alone when its only cue words are
these and `reassures` finds each said plainly; otherwise the classifier reads it as usual.
"""
from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Doc, Span, Token

# Cue words that speak of danger only when denied or limited ("I don't feel safe", "I only feel safe when he's
# out"); said plainly they reassure. A newcomer found "I feel safe with you" raising the danger note.
REASSURANCE = frozenset({"safe", "safer", "secure", "protected"})
DENIALS = frozenset({"not", "n't", "never", "no", "nt", "dont", "don't", "cant", "can't", "without", "only",
                     "anymore", "unless", "until", "except", "neither", "nor", "nowhere"})
# A denial counts only in the clause of the reassurance word it would deny. "You never pressure me, and I feel safe
# because of it" denies the pressure, not the safety; any "never" in the message used to count. The main pipeline
# has no parser (pipeline.py leaves it out for speed), so a clause is read from the tags: it ends at the sentence's
# end, at ; : or a dash, at a reason ("I feel safe because you never shout"), and at a comma or a coordinating word
# that a new subject follows (", and I feel safe"; not "I don't feel loved and safe", which is one clause).
# Conditions stay in the clause: "I feel safe when he's not home" is limited safety, and the classifier reads it.
CLAUSE_MARKS = frozenset({";", ":", "-", "--", "\u2013", "\u2014"})
REASONS = frozenset({"because", "cos", "coz", "cuz", "cause", "'cause", "since"})
COORDINATORS = frozenset({"and", "but", "or", "so", "yet", "plus", "&"})
SUBJECTS = frozenset({"i", "you", "u", "he", "she", "we", "they", "it", "there", "this", "that", "everyone",
                      "everybody", "nobody", "nothing"})
# Safety in doubt is not reassurance either: "my therapist asked whether I feel safe", "am I safe?"
DOUBTS = frozenset({"whether", "if"})


def only_reassured(cues: Set[str], reassured: bool) -> bool:
    """Whether a message's cue words are all reassurance words, said plainly (`reassured`, from `reassures`)."""
    return bool(cues) and cues <= REASSURANCE and reassured


def reassures(doc: Doc) -> bool:
    """Whether the message's reassurance words ("safe", "secure"...) are all said plainly: none denied, limited
    or in doubt in its own clause (see CLAUSE_MARKS). False when it holds none."""
    found = [t for t in doc if t.lower_ in REASSURANCE or t.lemma_.lower() in REASSURANCE]
    return bool(found) and not any(unsettled(token) for token in found)


def unsettled(token: Token) -> bool:
    """Whether a reassurance word is denied or limited in its clause ("I don't feel safe", "I feel safe only when
    he's out"), in doubt ("whether I feel safe", "am I safe?"), or neither (False: "I feel safe with you")."""
    clause = clause_of(token)
    if any(t.lower_ in DENIALS for t in clause if t.i != token.i):
        return True
    return any(t.lower_ in DOUBTS for t in clause if t.i < token.i) or any(t.text == "?" for t in token.sent)


def clause_of(token: Token) -> Span:
    """The clause holding a token, read from its sentence's words and tags (the pipeline has no parser)."""
    doc, sent = token.doc, token.sent
    start = token.i
    while start > sent.start and not _ends_clause(doc, start - 1):
        start -= 1
    end = token.i + 1
    while end < sent.end and not _ends_clause(doc, end):
        end += 1
    return doc[start:end]


def _ends_clause(doc: Doc, i: int) -> bool:
    """Whether doc[i] stands between two clauses: a mark, a reason, or a comma or coordinating word that a new
    subject follows (adverbs aside: ", and then I feel safe")."""
    word = doc[i].lower_
    if word in CLAUSE_MARKS or word in REASONS:
        return True
    if word != "," and word not in COORDINATORS:
        return False
    after = i + 1
    while after < len(doc) and doc[after].tag_ in ("RB", "UH", ",") and doc[after].lower_ not in DENIALS:
        after += 1
    return after < len(doc) and (doc[after].lower_ in SUBJECTS or doc[after].tag_ == "NNP")
