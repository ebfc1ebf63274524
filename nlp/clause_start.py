"""Where a clause about the partner starts in a sentence and which words it holds, "never" and inverted
questions put right (see observation.py)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from .clause_reading import NEGATIONS
from .clause_subjects import after_superlative, rhetorical_who
from .clause_words import (AUXILIARIES, PARTNER, ClauseWords, Word, denied_do, is_verb, past_form, plain,
                           sequel, starts, will_said)

MAX_WORDS, OCCASION_WORDS = 16, 8
STOP_TAGS = frozenset({".", ",", ":", "-LRB-", "-RRB-", "NFP", "HYPH"})
BE_FORMS = frozenset({"'re", "are", "were", "was", "is", "'s", "am", "'m", "be", "being", "been"})
ORDER_MODALS = (("should",), ("must",), ("need", "to"), ("have", "to"), ("got", "to"), ("ought", "to"),
                ("'ve", "got", "to"), ("gotta",), ("better",), ("'d", "better"))
SELF_PHRASES = (("the", "only", "one", "who"), ("the", "only", "one", "that"), ("the", "one", "who"),
                ("the", "one", "that"), ("the", "only", "one"))
NEGATED = {"VBD": "didn't", "VBZ": "doesn't"}
INVERTED_BE = {"are": ("'re", "aren't"), "were": ("were", "weren't"), "is": ("'s", "isn't"), "was": ("was", "wasn't")}
CONTRASTING, OFFERS = frozenset({"while", "whilst"}), frozenset({"want", "need", "fancy"})


def starts_of(words: Sequence[Word], vocabulary: ClauseWords) -> Iterator[tuple[int, str]]:
    """Where a clause may start and how, the partner's first: "partner", "inverted" (a question's auxiliary),
    "caused" (the writer after "you made me", "you made me late"), "order" (an imperative), "writer" (I/we, not
    "I feel ..."), "asked" (the partner asked to: "I have to ask *you* to close the garage"), "who" (a "who"
    standing for the partner: "what's wrong with you, *who* leaves the stove on")."""
    writer, praised = None, 0
    lead = [w for w in words if w.tag not in ("UH", ",", "RB") and w.lower != "please"]
    offered = bool(lead) and lead[0].lemma in OFFERS and words[-1].lower == "?"  # "Want a medal?": "do you" left out
    if lead and not offered and (lead[0].tag == "VB" or (
            lead[0].lemma == "do" and len(lead) > 2 and lead[1].lower == "n't")):
        yield (words.index(lead[0]), "order")
    for i, word in enumerate(words):
        if i < praised:
            continue
        sarcasm = starts(words, i, vocabulary.sarcasm_leads)
        if sarcasm:
            yield (i + sarcasm, "sarcasm")
        after = words[i + 1:i + 4]
        if word.lower in ("i", "we") and after and (is_verb(after[0]) or after[0].lower == "never") and not (
                {w.lemma for w in after[:2]} & vocabulary.hedges) and writer is None and not after_superlative(
                words, i):
            writer = (i, "writer")
        if rhetorical_who(words, i):
            yield (i, "who")
        if word.lower not in PARTNER or word.tag != "PRP":
            continue
        before = [w.lower for w in words[max(i - 2, 0):i]]
        own, agrees = not after or after[0].lower != "who", words[i - 1].tag != "VBZ"  # "it was you *who*": who starts
        if i and words[i - 1].lemma in vocabulary.asking_verbs and is_verb(words[i - 1]) and len(after) > 1 and \
                after[0].lower == "to" and after[1].tag == "VB":
            yield (i, "asked")  # "I have to ask *you to close* the garage": what the partner doesn't do
            continue
        if before[-1:] == ["of"] and after[:1] and after[0].lower == "to":  # "how lovely *of you to* notice ...":
            praised = next((k for k in range(i, len(words)) if words[k].tag in STOP_TAGS), len(words))
            continue  # praise (in a flagged line, sarcastic): nothing up to the next stop is said
        if writer is not None and before[-1:] and before[-1] in CONTRASTING:
            yield writer  # "I end up walking the dog *while you* sleep in": the writer's clause holds the complaint
            writer = None
        if before[-2:] == ["because", "of"] or (after and after[0].lemma in ("make", "get") and len(after) > 2
                                                and after[1].lower == "me" and (
                                                    after[2].tag == "VB" or after[2].lower in vocabulary.states)) or (
                [w.lower for w in after[:3]] in (["'re", "the", "reason"], ["are", "the", "reason"])):
            yield (i, "caused")
        elif before and {before[-1], words[i - 1].lemma} & AUXILIARIES and is_verb(words[i - 1]) and agrees and own:
            yield (i - 1, "inverted")
        elif len(before) == 2 and before[-1] in ("n't", "not") and is_verb(words[i - 2]):
            yield (i - 2, "inverted")
        elif own and (any(is_verb(w) for w in after[:2]) or (after and after[0].lower == "never")) \
                and after[0].tag != "VBZ" and after[0].lower != "to":
            yield (i, "partner")  # not "with *you is*" (another subject's), nor "how lovely of *you to* notice"
    if writer is not None:
        yield writer


def _lead(words: Sequence[Word], at: int, mode: str) -> tuple[list[Word], int, str | None]:
    """The clause's first words, where collecting goes on, and what to do to its next verb ("past" or None)."""
    if mode == "caused" and len(words) > at + 3 and words[at + 3].lemma == "feel":
        return [], len(words), None  # "you make me feel stupid": a feeling handed over, no observation
    if mode == "caused":
        after_me = next((j for j in range(at, len(words)) if words[j].lower == "me"), None)
        if after_me is not None and at + 1 < len(words) and words[at + 1].lemma in ("make", "get"):
            past = words[at + 1].tag == "VBD"
            if after_me + 1 < len(words) and not is_verb(words[after_me + 1]):  # "you made me *late*": I was late
                return [plain("I", "PRP", "i"), plain("was", "VBD", "be") if past else plain("'m", "VBP", "be")], \
                    after_me + 1, None
            return [plain("I", "PRP", "i")], after_me + 1, "past" if past else None
        writer = next((j for j in range(at, len(words)) if words[j].lower in ("i", "we")), len(words))
        return [], writer, None
    if mode == "sarcasm":  # "must be nice to (just) *not* turn up", "to *never have to* cook" -> "you don't cook"
        j = at + (at < len(words) and words[at].lower == "just")
        if j < len(words) and words[j].lower in ("not", "never"):
            obliged = [w.lower for w in words[j + 1:j + 3]] == ["have", "to"]
            return [plain("you", "PRP"), denied_do(False)], j + 1 + 2 * obliged, None
        return [plain("you", "PRP")], at, None
    if mode == "asked":  # "ask you to close the garage" -> "you don't close the garage"; "asked" -> "didn't"
        past = at > 0 and words[at - 1].tag == "VBD"
        return [plain("you", "PRP"), denied_do(past)], at + 2, None
    if mode == "who":  # "who leaves the stove on" -> "you leave ..."; "who never listens" -> "you don't listen"
        never = words[at + 1].lower == "never"  # rhetorical_who saw a verb after it
        lead = [plain("you", "PRP")] + [denied_do(words[at + 2].tag == "VBD")] * never
        return lead, at + 1 + never, "base" if never or words[at + 1].tag == "VBZ" else None
    if mode != "inverted":
        return [], at, None
    aux, i = words[at], at + 1
    negated = words[i].lower in ("n't", "not")
    i += 2 if negated else 1
    if i < len(words) and words[i].lower in ("n't", "not"):
        negated, i = not negated, i + 1  # "can't you *not* be late": two negations, so it happens
    you = plain("you", "PRP")
    if aux.lemma == "do":
        if not negated and [w.lower for w in words[i:i + 2]] in (["have", "to"], ["got", "to"]):
            i += 2  # "why do you *have to* drive like that": the act, not an obligation
        past = aux.tag == "VBD"
        if negated:
            return [you, plain("didn't" if past else "don't", "VBD" if past else "VBP", "do")], i, None
        return [you], i, "past" if past else None
    if aux.lower in INVERTED_BE:
        form = INVERTED_BE[aux.lower][negated]
        return [you, plain(form, "VBD" if aux.lower in ("were", "was") else "VBP", "be")], i, None
    if aux.lemma == "have" and aux.tag != "VBD":
        return [you, plain("haven't" if negated else "'ve", "VBP", "have")], i, None
    if words[i:i + 2] and [w.lower for w in words[i:i + 2]] == ["have", "to"]:
        i += 2
    return [you] + ([plain("don't", "VBP", "do")] if negated else []), i, None


def _never(out: list[Word], pending: str | None) -> str | None:
    """Put "never" right: "you've never" -> "you've not"; before a verb, the negation the verb needs ("didn't"
    after a past auxiliary: "did you never call" -> "you didn't call")."""
    prev = out[-1] if out else None
    if prev is not None and prev.lemma in AUXILIARIES and is_verb(prev) and prev.lemma != "do":
        if prev.lower in ("can", "will", "'ll"):
            out[-1] = plain("can't" if prev.lower == "can" else "won't", "MD", prev.lemma)
        else:
            out.append(plain("not"))
        return None
    return "didn't" if pending == "past" else "never"


def _verb(word: Word, pending: str | None, vocabulary: ClauseWords) -> list[Word]:
    if pending in ("never", "didn't") and word.lemma == "be":  # "would it kill you to be on time"
        past = pending == "didn't" or word.tag == "VBD"
        return [plain("weren't" if past else "aren't", "VBD" if past else "VBP", "be")]
    if pending in ("never", "didn't"):
        negation = "didn't" if pending == "didn't" else NEGATED.get(word.tag, "don't")
        return [plain(negation, "VBD" if negation == "didn't" else "VBP", "do"), plain(word.lemma, "VB")]
    if pending == "past":
        return [plain(past_form(word.lemma, vocabulary), "VBD", word.lemma)]
    return [word]


SWEEPING = frozenset({"everything", "anything", "nothing"})
BE_SAID = {"": ("'re", "VBP"), "don't": ("aren't", "VBP"), "didn't": ("weren't", "VBD")}


DENIALS = NEGATIONS | {"don't", "didn't"}


def _denied(words: Sequence[Word]) -> bool:
    """Whether the words hold a negation ("don't", "n't", "never")."""
    return any(w.lower in DENIALS for w in words)


def _be_said(out: list[Word]) -> list[Word]:
    """A bare "be" after the partner said as English says it: "you be glued" -> "you're glued", "you don't be on
    time" -> "you aren't on time", "you didn't be" -> "you weren't"."""
    said: list[Word] = []
    for word in out:
        negation = said[-1].lower if said and said[-1].lower in ("don't", "didn't") else ""
        subject = said[-2 if negation else -1].lower if len(said) > bool(negation) else ""
        if word.lower == "be" and word.tag == "VB" and subject == "you":
            form, tag = BE_SAID[negation]
            said[len(said) - bool(negation):] = [plain(form, tag, "be")]
            continue
        said.append(word)
    return said


def collect(words: Sequence[Word], at: int, mode: str, vocabulary: ClauseWords) -> tuple[list[Word], int]:
    """The clause's words from its start to the first word that begins another thought, and where it ended."""
    out, i, pending = _lead(words, at, mode)
    while i < len(words) and len(out) < MAX_WORDS:
        word = words[i]
        then = sequel(words, i, out, vocabulary)
        if then:  # "you promise *and then you* bail": the word given is kept with what broke it
            out.append(plain("and then", "CC"))
            i += then
            continue
        if out and (word.tag in STOP_TAGS or (len(out) > 1 and starts(words, i, vocabulary.boundaries))):
            break
        insult = starts(words, i, vocabulary.insults) if mode == "order" else 0
        if insult:
            i += insult + (i + insult < len(words) and words[i + insult].lower == "and")
            continue
        if mode == "writer" and [w.lower for w in out] == ["i", "'m"] and starts(words, i, SELF_PHRASES):
            i += starts(words, i, SELF_PHRASES)
            if i < len(words) and words[i].lemma in ("be", "have") and words[i].tag == "VBZ":
                out[-1] = plain("'m" if words[i].lemma == "be" else "'ve", "VBP", words[i].lemma)
                i += 1
            else:
                out.pop()
                pending = "base" if i < len(words) and words[i].tag == "VBZ" else None
            continue
        if word.lower in ("and", "&", "plus"):
            following = words[i + 1] if i + 1 < len(words) else None
            if following is None or following.tag in ("PRP", "EX", "DT") and following.lower not in PARTNER:
                break
            out.append(plain("and", "CC"))
            if following.lower in PARTNER and _denied(out) and not _denied(words[i + 2:i + 4]):
                out.append(plain("you", "PRP"))  # "you don't help and *you* complain": "complain" is no denial
            i += 2 if following.lower in PARTNER else 1
            continue
        if pending in ("never", "didn't") and word.lower in ("not", "n't"):
            pending = None  # "can you for once *not* be glued": two negations, so it happens
        elif word.lower == "never":
            pending = _never(out, pending) or pending
        elif word.lower in SWEEPING and i + 1 < len(words) and words[i + 1].lower in ("i", "we"):
            out.append(plain("what", "WP"))  # "everything I do" -> "what I do": the absolute goes, the thing stays
        elif pending and is_verb(word) and word.lower not in ("n't", "not"):
            out += [plain(word.lemma, "VB")] if pending == "base" else _verb(word, pending, vocabulary)
            pending = None
        else:
            out.append(word)
        i += 1
    return _be_said(will_said(out)), i


def occasion_before(words: Sequence[Word], at: int) -> list[Word]:
    """The writer's "when I ..." that opens the sentence's clause about the partner starting at `at` ("*when I
    mention the gym* you sigh", "every time" read as "when"), without its "when" or comma; [] when none, or
    when the partner is the object of it ("when I ask you to ...")."""
    end = at - 1 if at and words[at - 1].lower == "," else at
    if not end or is_verb(words[end - 1]) or words[end - 1].tag in ("IN", "TO"):
        return []
    j = end - 1
    while j >= 0 and end - j <= OCCASION_WORDS and words[j].lower != "when" and words[j].tag not in STOP_TAGS:
        j -= 1
    run = list(words[j + 1:end])
    found = j >= 0 and words[j].lower == "when" and len(run) > 1 and run[0].lower in ("i", "we")
    return run if found and any(is_verb(w) for w in run) and not any(w.lower in PARTNER for w in run) else []
