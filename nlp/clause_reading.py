"""A sentence's tokens read as the clause's plain words (observation.py): texting-free, CAPS-free spelling, with
absolutes, asides, swearing and a word's repeats ("gaming gaming gaming") taken out, an insulting comparison of
manner said plainly ("like a maniac" -> "too fast"), "can't even" said as the act not done ("you can't even pick
up milk" -> "you don't pick up milk"), an idiom of not caring said plainly ("you don't give a shit about" ->
"you don't seem to care about") and an accusing question said as the "never" it implies ("Do you ever listen?",
"Would it kill you to help?" -> "you never listen", "you never help"). The words are data/clauses.json's.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from .clause_words import (AUXILIARIES, NOUN_TAGS, PARTNER, SWEARING_SLOT, ClauseWords, Word, denied_do,
                           is_decoration, is_verb, past_form, plain, starts)
from .clause_subjects import asking_be
from .idioms import IDIOM_KEY, PLAIN
from .implied_never import asks_yes_or_no, never_lead
from .texting import CONTRACTIONS, OWNED_AFTER, SUBJECTS

MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "UH"})  # swearing as an intensifier ("your shitty car")
NEGATIONS = frozenset({"n't", "not", "never"})
# Who may start the clause an occasion opens ("every time *the bank* calls"); the partner's own start their act.
OCCASION_SUBJECTS = frozenset({"i", "we", "he", "she", "they", "it", "someone", "somebody", "something", "anyone",
                               "anybody", "anything", "people", "the", "my", "our", "his", "her", "their", "this",
                               "that", "a", "an"})
OCCASIONS = (("every", "single", "time"), ("every", "time"), ("each", "time"), ("whenever",))
# "your *own* sister" presses the point and loses "own"; "my own home", "our own money" only say whose it is
WRITERS_OWN = frozenset({"my", "our"})
SAID_TWICE = frozenset({"that", "had"})  # "I know that that ...", "you had had enough": English says them twice


def is_swearing(word: Word, vocabulary: ClauseWords) -> bool:
    """Whether a word swears: one of clauses.json's "swearing", or one with letters starred out ("sh*t")."""
    return word.lower in vocabulary.swearing or ("*" in word.lower and any(c.isalpha() for c in word.lower))


def _word(token: Token, vocabulary: ClauseWords) -> Word:
    lower = token.lower_
    if lower in vocabulary.texting:  # its tag was guessed for the spelling: keep it only for pronouns and verbs
        text = "your" if token.tag_ == "PRP$" and lower in ("ur", "yr") else vocabulary.texting[lower]
        keep = token.tag_ in ("PRP", "PRP$", "MD") or token.tag_.startswith("VB")
        tag = token.tag_ if keep else "PRP" if text in PARTNER else "XX"
        lemma = token.lemma_ if lower in CONTRACTIONS else text.lower()  # "r" after "u": "be" (texting.py)
        return Word(text=text, lower=text.lower(), lemma=lemma, tag=tag)
    text = token.text
    if lower == "i":
        text = "I"
    elif (text.isupper() and len(text) > 1) or token.tag_ not in ("NNP", "NNPS"):
        text = text.lower()
    return Word(text=text, lower=lower, lemma=token.lemma_.lower(), tag=token.tag_)


def _joins(token: Token, sentence: Span) -> bool:
    """Whether a token is the hyphen inside one word ("lie-in", "Wi-Fi", "ex-girlfriend"): no space either side,
    a letter or digit on both."""
    doc = token.doc
    return (token.text == "-" and sentence.start < token.i < sentence.end - 1 and not token.whitespace_
            and not doc[token.i - 1].whitespace_ and doc[token.i - 1].text[-1:].isalnum()
            and doc[token.i + 1].text[:1].isalnum())


def _glued(first: Word, second: Word) -> Word:
    """Two halves of a hyphenated word as one Word, tagged by its head: the second half when it names or
    describes ("ex-girlfriend", "self-righteous"), else the first ("lie-in")."""
    tag = second.tag if second.tag in NOUN_TAGS or second.tag.startswith(("JJ", "VB")) else first.tag
    tag = "JJ" if tag == "VBN" else tag  # "the half-eaten sandwich"
    return Word(f"{first.text}-{second.text}", f"{first.lower}-{second.lower}", f"{first.lower}-{second.lemma}", tag)


def _split_word(token: Token, sentence: Span, skipped: frozenset[int]) -> bool:
    """Whether a token is the second half of one written word the tokenizer split ("gon|na", "got|ta", "lem|me"):
    letters on both sides, no space between, the first half kept; "can|not" stays two words."""
    doc = token.doc
    return (sentence.start < token.i and token.i - 1 not in skipped and not doc[token.i - 1].whitespace_
            and token.text.isalpha() and doc[token.i - 1].text.isalpha() and token.lower_ != "not"
            and not (token.lower_ in CONTRACTIONS and doc[token.i - 1].lower_ in SUBJECTS))  # "you|re": two words


def _spelled(sentence: Span, vocabulary: ClauseWords, skipped: frozenset[int]) -> list[Word]:
    """The sentence's tokens as Words, in texting-free, CAPS-free spelling, "you're" and the like split, and a
    hyphenated word kept whole (the clause never ends inside "lie-in")."""
    raw: list[Word] = []
    glue = quoted = False
    doc = sentence.doc
    in_idioms = {i for idiom in doc.spans[IDIOM_KEY] if idiom.kb_id_ != PLAIN for i in range(idiom.start, idiom.end)
                 } if IDIOM_KEY in doc.spans else set()
    for token in sentence:
        if token.text in ('"', "\u201c", "\u201d"):
            quoted = not quoted if token.text == '"' else token.text == "\u201c"
            continue
        if token.is_space or token.i in skipped or token.tag_ in ("``", "''") or token.text in ('"', "*") or (
                is_decoration(token.text)):
            continue
        if _joins(token, sentence):
            glue = bool(raw) and token.i - 1 not in skipped
            continue
        word = _word(token, vocabulary)
        word.quoted = quoted
        word.idiom = token.i in in_idioms
        if raw and _split_word(token, sentence, skipped):  # "gonna" said whole, read as one word
            whole = raw[-1].text + word.text
            raw[-1] = Word(whole, whole.lower(), whole.lower(), raw[-1].tag)
            continue
        if glue:
            raw[-1], glue = _glued(raw[-1], word), False
            continue
        if word.lower == "nt":
            word = Word("n't", "n't", "not", "RB")
        elif token.lower_ in ("ur", "yr") and token.i + 1 < sentence.end and (token.doc[token.i + 1].tag_ in (
                "NN", "NNS", "JJ", "NNP", "VB") or raw and raw[-1].lower in OWNED_AFTER):  # texting.OWNED_AFTER
            word = Word("your", "your", "your", "PRP$")
        elif token.lower_ in CONTRACTIONS and token.lower_ not in vocabulary.texting and raw and (
                raw[-1].lower in SUBJECTS) and token.tag_.startswith("VB"):  # "you|re", "i|m" (texting.py)
            word = Word("'" + token.lower_, "'" + token.lower_, CONTRACTIONS[token.lower_], "VBP")
        elif word.tag == "VBG" and raw and raw[-1].lower in PARTNER and not asking_be(raw):  # "u going out?"
            word = Word(word.lemma, word.lemma, word.lemma, "VBP")
        if "'" in word.text and " " not in word.text and not word.text.startswith("'") and word.lower in (
                "you're", "i'm", "you've", "i've", "we're", "you'll"):
            head, tail = word.text.split("'")
            head = "I" if head.lower() == "i" else head
            raw += [plain(head, "PRP"), plain(f"'{tail}", "VBP", CONTRACTIONS[tail])]
        else:
            raw.append(word)
    return raw


def _not_caring(raw: Sequence[Word], at: int, vocabulary: ClauseWords) -> tuple[int, tuple[str, ...]]:
    """The length and plain wording of the idiom of not caring that starts at `at` ("gave a damn", "couldn't care
    less"), else (0, ()): its first word is compared by lemma, SWEARING_SLOT matches any swear word."""
    for phrase, wording in vocabulary.not_caring:
        window = raw[at:at + len(phrase)]
        if len(window) == len(phrase) and all(
                (is_swearing(w, vocabulary) if p == SWEARING_SLOT else w.lower == p or (i == 0 and w.lemma == p))
                for i, (w, p) in enumerate(zip(window, phrase, strict=True))):
            return len(phrase), wording
    return 0, ()


def _caring(kept: list[Word], idiom: Sequence[Word], wording: tuple[str, ...]) -> list[Word]:
    """The idiom said plainly, the negations and auxiliaries before it taken into its one negation: "you could n't
    give a toss" -> "you don't seem to care"; "you never gave a damn" -> "you didn't seem to care"."""
    before: list[Word] = []
    while kept and (kept[-1].lower in NEGATIONS or (is_verb(kept[-1]) and kept[-1].lemma in AUXILIARIES)):
        before.append(kept.pop())
    past = any(w.tag == "VBD" for w in (*before, idiom[0]))
    negation = denied_do(past)
    return [negation, *(plain(w, "TO" if w == "to" else "VB") for w in wording)]


def _too_to(raw: Sequence[Word], at: int, kept: Sequence[Word]) -> int:
    """The index just after the "to" of "(you're) *too* busy *to* text me back", when raw[at] is that "too" after
    the partner and a "be", and the "to" and a bare verb follow within eight words, no punctuation between; else 0."""
    if raw[at].lower != "too" or len(kept) < 2 or kept[-2].lower not in PARTNER or kept[-1].lemma != "be":
        return 0
    for j in range(at + 2, min(at + 9, len(raw) - 1)):
        if raw[j].tag in (".", ",", ":"):
            return 0
        if raw[j].lower == "to" and any(w.tag == "VB" for w in raw[j + 1:j + 3]):  # "to (even) text"
            return j + 1
    return 0


def read_words(sentence: Span, vocabulary: ClauseWords, skipped: frozenset[int]) -> list[Word]:
    """The sentence's words in texting-free, CAPS-free spelling, with its absolutes, asides and swearing taken
    out, idioms of not caring said plainly and an accusing question's implied "never" said."""
    raw = _spelled(sentence, vocabulary, skipped)
    kept: list[Word] = []
    i = 0
    while i < len(raw):
        lead = never_lead(raw, i, vocabulary)
        if lead:  # "would it kill you to help" -> "you never help"
            kept += [plain("you", "PRP"), plain("never")]
            i += lead
            continue
        implied = starts(raw, i, vocabulary.implied_never) if asks_yes_or_no(kept) else 0
        if implied:  # "do you ever listen" -> "do you never listen"
            kept.append(plain("never"))
            i += implied
            continue
        idiom, wording = _not_caring(raw, i, vocabulary)
        if idiom:
            kept += _caring(kept, raw[i:i + idiom], wording)
            i += idiom
            continue
        occasion = starts(raw, i, OCCASIONS)
        if occasion and i + occasion < len(raw) and (raw[i + occasion].lower in OCCASION_SUBJECTS
                                                      or raw[i + occasion].tag in ("NNP", "NNPS")):
            # "every time I ask, you sigh", "... every time the bank calls": the occasion stays, its absolute goes
            kept.append(plain("when", "WRB"))
            i += occasion
            continue
        if raw[i].lower in ("ca", "can", "could") and kept and kept[-1].lower in PARTNER and [
                w.lower for w in raw[i + 1:i + 3]] in (["n't", "even"], ["not", "even"]):  # the act not done
            kept.append(denied_do(raw[i].lower == "could"))
            i += 3
            continue
        manner = next((m for m in vocabulary.manners if tuple(w.lower for w in raw[i:i + len(m[0])]) == m[0]), None)
        if manner:  # "drive *like a maniac*" -> "drive too fast": how it was done, said plainly
            kept += [plain(w, "RB") for w in manner[1]]
            i += len(manner[0])
            continue
        unable = _too_to(raw, i, kept)
        if unable:  # "you're too busy to text me back" -> "you're busy and don't text me back": the act not done
            raw[unable - 1:unable] = [plain("and", "CC"), denied_do(kept[-1].lower in ("was", "were"))]
            i += 1
            continue
        skip = starts(raw, i, vocabulary.dropped_phrases)
        if skip:
            i += skip
            continue
        word, following = raw[i], raw[i + 1] if i + 1 < len(raw) else None
        tail_tag = following.tag if following else ""
        if (word.lower in vocabulary.dropped and not (
                word.lower == "so" and tail_tag not in ("JJ", "RB", "VBN", "JJR")) and not (
                word.lower == "own" and (tail_tag not in NOUN_TAGS or kept and kept[-1].lower in WRITERS_OWN))) or (
                is_swearing(word, vocabulary) and word.tag in MODIFIER_TAGS):
            i += 1
            continue
        if word.lemma == "keep" and following is not None and following.tag == "VBG" and kept and (
                kept[-1].lower in PARTNER):  # "you keep talking over me" says "you talk over me" as a habit
            done = past_form(following.lemma, vocabulary) if word.tag == "VBD" else following.lemma
            kept.append(Word(done, done, following.lemma, "VBD" if word.tag == "VBD" else "VBP"))
            i += 2
            continue
        if kept and word.lower == kept[-1].lower and word.lower.isalpha() and word.lower not in SAID_TWICE:
            i += 1  # "it's just gaming gaming gaming": a word repeated for weight is said once
            continue
        if not (word.lower == "once" and kept and kept[-1].lower in ("never", "not", "n't")):
            kept.append(word)
        i += 1
    return kept
