"""Blame shapes whose act is not the clause as written (analysis.py asks here before observation.observe):

- a double standard, "you can text Jake all day *but not me*": the act is the part about the writer, the first
  clause's act denied with the writer in its object ("you don't text me"), or the second clause as it stands
  ("... but *can't drive me to the airport*" -> "you can't drive me to the airport");
- sarcastic thanks taken back, "Thanks for walking the dog, *oh wait, you didn't*": the thanked act is the act
  not done ("you didn't walk the dog"), or what follows the take-back ("oh wait you didn't *ask how my day
  was*");
- love made the proof, "if you loved me *you'd have come to the hospital*", and an ideal partner, "a good
  husband *would ask how my day was*": the consequent, negated, is the act ("you didn't come to the
  hospital"); a negated consequent is the act done ("you wouldn't talk to me like that" -> "you talk to me
  like that").

Each is found from the rule's match (its id and where its words are); None when the sentence holds none of them,
or the shape's words are not there, and the observation is read as any other.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .clause_reading import NEGATIONS, is_swearing, read_words
from .clause_start import collect
from .clause_words import (AUXILIARIES, NOUN_TAGS, PARTNER, ClauseWords, Word, denied_do, is_verb, past_form, plain,
                           render)
from .observation import Observation
from .things import things_of

DOUBLE_STANDARD = frozenset({"blame.time_for_them_not_me", "blame.time_for_them_cant_for_me"})
TAKEN_BACK = frozenset({"contempt.oh_wait_you_didnt"})
LOVE_AS_PROOF = frozenset({"blame.if_you_loved_me"})
IDEAL_PARTNER = frozenset({"blame.a_real_partner_would"})

DENIED = frozenset({"not", "never", "nothing", "no"})  # "but *not* me": the first clause's act, denied
NOTS = NEGATIONS - {"never"}
ABOUT_WHOM = frozenset({"IN", "PRP", "PRP$", "DT", "CD", *NOUN_TAGS})  # where "but not ..." names whom: "for me"
GIVEN = frozenset({"time", "energy", "money", "effort"})  # "time *for* your mates": whom it is for is the slot
DEICTIC = frozenset({"that", "this"})  # "talk to me *like that*": the manner is the complaint, not a comparison
THIRD_PERSON = {"his": "your", "her": "your", "their": "your", "him": "you", "them": "you", "himself": "yourself",
                "herself": "yourself", "themselves": "yourself"}  # "a good husband would help *his* wife"
HAVE = frozenset({"have", "'ve", "of"})  # "you'd *have* come", "would *of* called"
HAD = frozenset({"have", "get", "find"})  # "have time for me" is asked as "make time for me"


@dataclass(frozen=True)
class Contrasted(Observation):
    """A double standard's observation, with what the partner does make room for and its verb ("the gym
    matters"): acknowledged in the need, never set against the writer."""

    valued: str = ""


def reshaped(sentence: Span, spans: Sequence[Span], vocabulary: ClauseWords) -> Observation | None:
    """The observation of the first of the sentence's spans whose rule has a shape above, else None."""
    for span in spans:
        seen = None
        if span.id_ in DOUBLE_STANDARD:
            seen = _double_standard(sentence, span, vocabulary)
        elif span.id_ in TAKEN_BACK:
            seen = _taken_back(sentence, span, vocabulary)
        elif span.id_ in LOVE_AS_PROOF | IDEAL_PARTNER:
            seen = _proof(sentence, span, vocabulary)
        if seen is not None:
            return seen
    return None


def _merged(words: Sequence[Word]) -> list[Word]:
    """"did" "n't" read as one "didn't" (and "do", "does" as "don't"), as the clause's own negations are."""
    out: list[Word] = []
    for word in words:
        if word.lower in NOTS and out and out[-1].lemma == "do" and out[-1].lower in ("do", "does", "did"):
            past = out[-1].lower == "did"
            out[-1] = plain("didn't" if past else "don't", "VBD" if past else "VBP", "do")
        else:
            out.append(word)
    return out


def _observed(words: list[Word], vocabulary: ClauseWords, request: bool = True) -> Observation | None:
    """The clause the words start ("you", then its verbs), cut where another thought starts; its request is what
    a denied act asks for ("you didn't walk the dog" -> "walk the dog"), when `request`."""
    out, end = collect(words, 0, "partner", vocabulary)
    if end + 1 < len(words) and words[end].lower == "like" and words[end + 1].lower in DEICTIC:
        out += words[end:end + 2]
    out = _merged(out)
    if len(out) < 3 or out[0].lower != "you" or any(is_swearing(w, vocabulary) for w in out):
        return None
    verbs = [w for w in out if is_verb(w)]
    acts = frozenset(w.lemma for w in verbs if w.lemma not in AUXILIARIES) or frozenset(
        w.lemma for w in verbs[-1:])
    if not acts:
        return None
    denied = out[1].lower in ("don't", "didn't") or (out[1].tag == "MD" and out[2].lower in NOTS)
    at = 2 if out[1].lower in ("don't", "didn't") else 3
    asked = render(out[at:]) if request and denied and at < len(out) else ""
    if asked and out[at].lemma in HAD and out[at + 1:at + 2] and out[at + 1].lower == "time":
        asked = render([plain("make", "VB"), *out[at + 1:]])  # "you don't have time for me" asks "make time"
    past = out[1].tag == "VBD" or out[1].lower in ("couldn't", "wouldn't") or (
        out[1].lower in ("could", "would") and len(out) > 2 and out[2].lower in NOTS)
    lemmas = frozenset(w.lemma for w in out if w.tag in NOUN_TAGS or is_verb(w))
    return Observation(render(out), asked, past, things_of(out, vocabulary), lemmas, acts)


def _double_standard(sentence: Span, span: Span, vocabulary: ClauseWords) -> Observation | None:
    """ "you can text Jake all day but not me" -> "you don't text me"; "... but (you) can't drive me to the
    airport" -> "you can't drive me to the airport"."""
    words = read_words(span.doc[span.start:sentence.end], vocabulary, frozenset())
    cut = next((i for i, w in enumerate(words) if w.lower == "but"), None)
    if cut is None or not words or words[0].lower not in PARTNER:
        return None
    left, right = words[:cut], words[cut + 1:]
    if right and right[0].lower in PARTNER:
        right = right[1:]
    main = _main_verb(left)
    if main is None:
        return None
    if right and right[0].lower in DENIED and not (len(right) > 1 and is_verb(right[1])):
        seen = _denied_too(left, main, right[1:], vocabulary)
    else:
        seen = _observed([plain("you", "PRP"), *right], vocabulary)
    valued = _valued(left[main + 1:], vocabulary)
    return Contrasted(**vars(seen), valued=valued) if seen is not None and valued else seen


def _main_verb(left: Sequence[Word]) -> int | None:
    """Where the first clause's act is: the last of its first run of verbs ("can *text*", "*have* time")."""
    main = next((i for i, w in enumerate(left) if i and is_verb(w)), None)
    while main is not None and main + 1 < len(left) and is_verb(left[main + 1]):
        main += 1
    return None if main is None or left[main].lemma == "be" else main


def _valued(after: Sequence[Word], vocabulary: ClauseWords) -> str:
    """What the first clause makes room for, with its verb: "for *your mates*" -> "your mates matter", "text
    *Jake*" -> "Jake matters"; "" when it names nothing ("for everyone")."""
    at = next((i + 1 for i, w in enumerate(after) if w.lower in ("for", "with")), 0)
    things = things_of(after[at:], vocabulary) or things_of(after, vocabulary)
    if not things:
        return ""
    head = things[0].split()[-1]
    many = any(w.text == head and w.tag in ("NNS", "NNPS") for w in after)
    return f"{things[0]} {'matter' if many else 'matters'}"


def _denied_too(left: Sequence[Word], main: int, rest: Sequence[Word],
                vocabulary: ClauseWords) -> Observation | None:
    """The first clause's act denied, the writer (`rest`: "me", "for your kids") in the slot of whom it was for."""
    start = next((i for i, w in enumerate(rest) if w.tag == "IN"), None)  # "never time *for* your daughter"
    start = next((i for i, w in enumerate(rest) if w.tag in ABOUT_WHOM), None) if start is None else start
    if start is None:
        return None
    whom, after = list(rest[start:]), list(left[main + 1:])
    preposition = whom[0].lower if whom[0].tag == "IN" else None
    slot = next((i for i, w in enumerate(after) if w.tag == "IN" and (
        w.lower == preposition or (preposition is None and after[0].lower in GIVEN))), None)
    if any(w.tag in NOUN_TAGS for w in rest[:start]):  # "... but never *time* for us": what is denied is named
        kept = list(rest[:start])
    elif slot is not None:  # "time for football" -> "time for your kids"; "time for your mates" -> "time for me"
        kept = after[:slot] if preposition else after[:slot + 1]
    else:  # "text Jake" -> "text me"; a particle stays ("pick up")
        kept = [w for w in after[:1] if w.tag == "RP"]
    past = any(w.tag == "VBD" for w in left[1:main + 1])
    return _observed([plain("you", "PRP"), denied_do(past), plain(left[main].lemma, "VB"), *kept, *whom], vocabulary)


def _taken_back(sentence: Span, span: Span, vocabulary: ClauseWords) -> Observation | None:
    """ "Thanks for walking the dog, oh wait, you didn't" -> "you didn't walk the dog"; "oh wait you didn't ask
    how my day was" -> "you didn't ask how my day was"."""
    doc = span.doc
    wait = next((t.i for t in doc[span.start:sentence.end] if t.lower_ == "wait"), None)
    if wait is None:
        return None
    back = _merged(read_words(doc[wait + 1:sentence.end], vocabulary, frozenset()))
    you = next((i for i, w in enumerate(back) if w.lower in PARTNER), None)
    if you is not None and any(is_verb(w) and w.lemma not in AUXILIARIES for w in back[you + 1:you + 4]):
        return _observed([plain("you", "PRP"), *back[you + 1:]], vocabulary)  # "oh wait you didn't *ask* ..."
    # the thanks in the sentence, or in the one before ("Thanks for remembering our anniversary. Oh wait, ...")
    opening = doc[sentence.start - 1].sent.start if sentence.start else sentence.start
    thanked = next((t.i for t in reversed(doc[opening:wait]) if t.lower_ == "for" and t.i + 1 < wait
                    and doc[t.i + 1].tag_ == "VBG"), None)
    if thanked is None:
        return None
    stop = next((t.i for t in doc[thanked:wait] if t.is_sent_end or t.lower_ == "oh"), wait)
    act = read_words(doc[thanked + 1:stop], vocabulary, frozenset())
    past = any(w.tag == "VBD" for w in back)
    return _observed([plain("you", "PRP"), denied_do(past), plain(act[0].lemma, "VB"), *act[1:]], vocabulary)


def _proof(sentence: Span, span: Span, vocabulary: ClauseWords) -> Observation | None:
    """The consequent after the rule's "would", negated: "you'd have come to the hospital" -> "you didn't come to
    the hospital"; "a good husband would ask" -> "you don't ask"; "you wouldn't talk to me like that" -> "you
    talk to me like that"."""
    doc = span.doc
    modal = next((t.i for t in doc[span.start + 1:span.end] if t.tag_ == "MD" and t.lower_ != "can"), None)
    if modal is None:
        return None
    negated = doc[modal].lower_ in ("wouldn't", "wouldnt")
    words = read_words(doc[modal + 1:sentence.end], vocabulary, frozenset())
    if span.id_ in IDEAL_PARTNER:  # "a good husband would help *his* wife": the partner is "you"
        words = [plain(THIRD_PERSON[w.lower], "PRP") if w.lower in THIRD_PERSON else w for w in words]
    i = 0
    while i < len(words) and words[i].lower in NOTS:
        negated, i = not negated, i + 1
    past = i + 1 < len(words) and words[i].lower in HAVE and words[i + 1].tag in ("VBN", "VBD")
    i += past
    if i >= len(words) or not is_verb(words[i]):
        return None
    verb, rest = words[i], words[i + 1:]
    if not negated:  # the act asked for, not done
        return _observed([plain("you", "PRP"), denied_do(past), plain(verb.lemma, "VB"), *rest], vocabulary)
    if verb.lemma == "be":
        done = plain("were", "VBD", "be") if past else plain("'re", "VBP", "be")
    else:
        done = plain(past_form(verb.lemma, vocabulary) if past else verb.lemma, "VBD" if past else "VBP", verb.lemma)
    return _observed([plain("you", "PRP"), done, *rest], vocabulary, request=False)
