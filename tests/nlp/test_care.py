"""Words that suggest danger raise care; near misses ("the film was killer") do not.

Four sets, each with its own job (nlp/care_model.py says how they are used):
  nlp/data/care_training/regression.jsonl  rows we promise, one by one (also trained on)
  tests/nlp/data/care_validation*.jsonl    never trained on; chose the classifier's threshold
  tests/nlp/data/care_unseen_2.jsonl         never trained on, never tuned on: the figure we quote
  tests/nlp/data/care_texting.jsonl          never trained on, never tuned on: messages typed without apostrophes
"""
from __future__ import annotations

from typing import Any

import pytest

import nlp
from nlp import care_model, care_reassurance
from nlp.component import CARE_KEY
from nlp.pipeline import Loaded

from .conftest import read_jsonl

VALIDATION = ("care_validation.jsonl", "care_validation_2.jsonl", "care_validation_3.jsonl")
TEXTING = "care_texting.jsonl"  # a newcomer's, written 2026-12-01: nlp/data/care_training_next/README.md
TEXTING_FALSE_NOTES = 44  # of its 220 everyday lines, with the classifiers shipped today: a known fault
REGRESSION = care_model.read_rows([care_model.TRAINING_DIR / "regression.jsonl"])
NEAR_MISSES = ["the film was killer", "I'm dying to see you", "This traffic is killing me.",
               "I could kill for a coffee right now", "He punched the air when we scored.",
               "I hit my head on the cupboard door", "you're such a sweetheart", "It stung."]


def figures(rows: list[dict[str, Any]]) -> tuple[float, float, float]:
    """(recall, specificity, kind agreement among the caught) of rules and classifier together."""
    analyses = nlp.analyze_many([row["text"] for row in rows])
    caught = [(row, a) for row, a in zip(rows, analyses, strict=True) if row["care"] and a.care]
    positives = sum(row["care"] for row in rows)
    quiet = sum(1 for row, a in zip(rows, analyses, strict=True) if not row["care"] and not a.care)
    kinds = sum(a.care_kind == row["care_kind"] for row, a in caught)
    return len(caught) / positives, quiet / (len(rows) - positives), kinds / len(caught)


def test_the_sets_are_big_enough_to_mean_something() -> None:
    for name in VALIDATION + ("care_unseen_2.jsonl",):
        rows = read_jsonl(name)
        assert sum(r["care"] for r in rows) >= 100 and sum(not r["care"] for r in rows) >= 100, name
        for kind in care_model.KINDS:
            assert sum(r.get("care_kind") == kind for r in rows) >= 15, (name, kind)


@pytest.mark.parametrize("row", REGRESSION, ids=[r["text"][:40] for r in REGRESSION])
def test_care(pipeline: Loaded, row: dict[str, Any]) -> None:
    analysis = nlp.analyze(row["text"])
    assert analysis.care is row["care"]
    assert analysis.care_kind == row.get("care_kind")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_ordinary_sentences_about_films_sport_accidents_and_feelings_stay_quiet(pipeline: Loaded, text: str) -> None:
    assert not nlp.analyze(text).care


def test_unseen_text_recall_errs_toward_the_note(pipeline: Loaded) -> None:
    recall, specificity, kinds = figures(read_jsonl("care_unseen_2.jsonl"))
    assert recall >= 0.95, recall  # the floor: a missed note costs far more than a needless one
    assert specificity >= 0.80, specificity  # these negatives are all near misses, chosen to be hard
    assert kinds >= 0.80, kinds


def test_validation_figures_are_the_ones_the_model_recorded(pipeline: Loaded) -> None:
    meta = care_model.load_meta()
    recall, specificity, _kinds = figures([row for name in VALIDATION for row in read_jsonl(name)])
    assert (round(recall, 3), round(specificity, 3)) == (meta["validation_recall"], meta["validation_specificity"])


def test_the_blame_sets_held_out_sentences_never_raise_care(pipeline: Loaded, labelled: list[dict[str, Any]]) -> None:
    held = [row["text"] for row in labelled if row["split"] == "heldout"]
    assert [a.text for a in nlp.analyze_many(held) if a.care] == []


def test_the_model_was_rebuilt_after_its_training_files_changed() -> None:
    meta = care_model.load_meta()
    files = care_model.training_files()
    assert meta["fingerprint"] == care_model.fingerprint(files), "run: python -m nlp.care_training " \
        "--validation tests/nlp/data/care_validation*.jsonl"
    assert meta["trained_on"] == [f.name for f in files] and meta["rows"] == len(care_model.read_rows(files))


def test_no_held_out_text_was_trained_on() -> None:
    trained = {row["text"].strip().lower() for row in care_model.read_rows(care_model.training_files())}
    for name in VALIDATION + ("care_unseen_2.jsonl", TEXTING):
        assert [r["text"] for r in read_jsonl(name) if r["text"].strip().lower() in trained] == [], name


def test_thoughts_of_self_harm_lead_with_a_crisis_line(pipeline: Loaded) -> None:
    analysis = nlp.analyze("honestly everyone would be better off if i wasnt here anymore")
    assert analysis.care_kind == "self_harm"
    assert nlp.care_note(analysis.care_kind).startswith("If you're thinking about hurting yourself")


def test_choose_threshold_keeps_recall_and_stays_as_high_as_it_can() -> None:
    probabilities, rules, truth = [0.9, 0.6, 0.3, 0.2, 0.1], [False, False, True, False, False], \
        [True, True, True, True, False]
    assert care_model.choose_threshold(probabilities, rules, truth, target=0.75) == 0.6
    assert care_model.choose_threshold(probabilities, rules, truth, target=1.0) == 0.2


def test_care_replaces_coaching_but_keeps_flags(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You never listen. He hit me last night.")
    assert analysis.care and analysis.blaming and analysis.suggestion is None
    assert analysis.to_dict()["care"] is True


def test_hurt_feelings_is_coaching_not_danger(pipeline: Loaded) -> None:
    analysis = nlp.analyze("You hurt my feelings when you laughed")
    assert not analysis.care and analysis.blaming and analysis.suggestion


def test_care_note_is_warm_and_names_no_number() -> None:
    note = nlp.CARE_NOTE
    assert "safe" in note and "emergency" in note and "crisis line" in note
    assert not any(ch.isdigit() for ch in note)


def test_the_committed_model_is_what_its_training_makes(pipeline: Loaded) -> None:
    """Retraining (about 5 s) gives the same readings and cues: the files in the repository are reproducible."""
    import spacy

    rows = care_model.read_rows(care_model.training_files())
    retrained, committed = care_model.train(rows), spacy.load(care_model.MODEL_DIR)
    texts = [row["text"].lower() for name in VALIDATION for row in read_jsonl(name)]
    for fresh, kept in zip(retrained.pipe(texts), committed.pipe(texts), strict=True):
        # Equal to the last bits on the machine that trained it; another CPU's float sums differ by ~1e-9.
        assert fresh.cats == pytest.approx(kept.cats, abs=1e-6), fresh.text
    words = [care_model.words_of(doc) for doc in pipeline.language.pipe(row["text"] for row in rows)]
    assert care_model.learn_cues(rows, words) == care_model.load_meta()["cues"]


@pytest.mark.parametrize("text, kind", [
    ("I feel safe with you", None),
    ("You made me feel safe last night", None),
    ("I feel so safe and secure when you hold me", None),
    ("I don't feel safe with you", "fear"),
    ("I do not feel safe at home", "fear"),
    ("I never feel safe when he drinks", "fear"),
    ("I only feel safe when he is out", "fear"),
])
def test_feeling_safe_reassures_and_not_feeling_safe_is_heard(pipeline, text, kind):
    """Found by a newcomer: warm lines with "safe" raised the danger note. Said plainly, "safe" reassures;
    denied, it is the danger the note is for."""
    assert nlp.analyze(text).care_kind == kind


EVERYDAY = ["He said the car is ready.", "Stop worrying, it'll be fine", "I never said that, I think it was a mix-up",
            "My legs hurt after the match on Sunday", "Can you take the car in for its MOT tomorrow?",
            "She told me the restaurant is fully booked, shall we try the pub?",
            "Dad said he'll pick the kids up from school", "Don't worry, I'll stop at the shop for milk on my way home",
            "I took the dog to the vet, she's fine", "I'll leave the key under the mat for your sister",
            "I'll be in the car park by the cinema"]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_sentences_that_share_words_with_danger_stay_quiet(pipeline: Loaded, text: str) -> None:
    """Found by a newcomer: "said", "car", "stop", "take", "leave" were cue words, so ordinary news raised
    the note (see "Everyday words" in nlp/care_model.py). None of these is a training row."""
    assert not nlp.analyze(text).care


@pytest.mark.parametrize("text, kind", [
    ("He keeps saying he'll kill me if I leave", "threat"),
    ("she slapped me across the face and took my phone", "violence"),
    ("He said he'd hurt me if I told anyone", "threat"),
    ("things got physical again last night", "violence"),  # no rule: the classifier with its cue words
    ("i just want everything to stop for good", "self_harm"),  # no rule, no cue word: a sure reading
    ("I'm too frightened to go home tonight", "fear"),
])
def test_clear_danger_told_in_everyday_words_still_raises_the_note(pipeline: Loaded, text: str, kind: str) -> None:
    analysis = nlp.analyze(text)
    assert analysis.care and analysis.care_kind == kind


def test_a_message_without_a_cue_word_needs_a_sure_reading(pipeline: Loaded) -> None:
    reader = pipeline.care
    assert reader is not None and reader.sure == care_model.load_meta()["cue_rule"]["sure"] > reader.threshold
    assert not care_model.words_of(pipeline.language("i just want everything to stop for good")) & reader.cues


# Ordinary couple messages of the blame corpus (nlp/data/blame_corpus/) that a care rule matched by a fault of its
# own, with the rule that matched. 66 corpus messages raised the note through a rule;
# these 32 were the rules' faults, the other 34 are fair grey-zone notes ("you read my diary", "I walk on
# eggshells all evening", "you scare me when you slam doors like that") and still raise it.
RULE_FAULTS = [
    ("You make me feel so rested when you take the early shift with the dog. Thank you.", "threat.murder_suicide"),
    ("I don't want an argument. I just feel like you're taking the mick with how much you borrow from me.",
     "threat.murder_suicide"),
    ("I've thought about it a lot. I feel that you're taking me for granted with all the cooking.",
     "threat.murder_suicide"),
    ("Can you take Friday off so we can go to the lake with Mo and Tash?", "control.takes_money_so"),
    ("Your parents arrive Friday. Would you take Saturday morning with them so I can go for a run? I'll do the "
     "afternoon.", "control.takes_money_so"),
    ("I haven't seen my friends much since the baby, and I miss them. Could you take a Saturday so I can go out?",
     "control.takes_money_so"),
    ("I'm nervous about tomorrow's meeting. If it goes badly I might lose the account. I'm trying not to spiral.",
     "threat.modal_harm"),
    ("I keep thinking I'll lose friends if I say no to things.", "threat.modal_harm"),
    ("Ugh, the neighbours are having another party. Third weekend in a row. I'm going to lose my mind.",
     "threat.modal_harm"),
    ("It sounds like the running is your therapy right now and you're scared to lose it. I don't want you to lose it "
     "either.", "threat.modal_harm"),
    ("You can lose a whole evening on YouTube without noticing, it's scary", "threat.modal_harm"),
    ("I'm sorry I wasn't home for the inspection. I should have told you sooner that I couldn't make it. You had to "
     "do it all, and I'm grateful.", "threat.modal_harm"),
    ("I'll take the baby tonight, you switch off and sleep. Earplugs are in the drawer.", "threat.modal_harm"),
    ("Please lock the back door when you come up, I've done the front.", "fear.hide_from"),
    ("I'm sorry I hid the parking fine from you. I was embarrassed but that's no excuse. I've paid it now.",
     "fear.hide_from"),
    ("You've rung four times since lunch. I think you're smothering me. I'm fine, I promise.", "violence.hit_me"),
    ("We agreed Christmas and Easter. This is the fourth Sunday. You dragged me to church again after promising you "
     "wouldn't.", "violence.push_me"),
    ("When plans change at the last minute I get thrown. I know it's not always avoidable. A text helps.",
     "violence.beaten"),
    ("Your family opened presents without me. You've made me feel like a plus one at my own Christmas. I'm in the "
     "car.", "self_harm.burden"),
    ("I feel like you don't take our savings seriously at all", "control.takes_money"),
    ("You said the flight was at 10. It was at 8. We missed it. I checked my emails and you'd had the confirmation "
     "for weeks.", "control.checks_phone"),
    ("I keep checking my phone at work in case you've sent another angry message. You've got me so anxious I can't "
     "focus.", "control.checks_phone_punish"),
    ("How do you expect me to trust you when you won't let me see your phone?", "control.wont_let_me"),
    ("You never let me have a say on the guest list.", "control.wont_let_me"),
    ("Stalking my ex on Facebook is beyond weird. You're so insecure.", "control.punish"),
    ("I think you're scared of your dad and you make me deal with him instead.", "fear.scared_of"),
    ("I think you're scared of your mum.", "fear.scared_of"),
    ("You've been quiet about the move all week. I feel like you only agreed to Leeds to shut me up. I'd rather know "
     "now.", "control.lock_in_person"),
    ("You always shut me out when something's wrong.", "control.lock_in_person"),
    ("you've made me completely lose interest in sex if you must know", "violence.forced_sex"),
    ("You've made me paranoid. I check your location every hour now.", "control.track"),
    ("You've made me so insecure I check your location every night.", "control.track"),
    # the same kind as "lock the back door when you come up", in a sibling rule (not a corpus line)
    ("Can you lock the back door when you leave?", "control.lock_in"),
]


@pytest.mark.parametrize("text, rule", RULE_FAULTS, ids=[f"{rule}: {text[:40]}" for text, rule in RULE_FAULTS])
def test_everyday_messages_that_share_a_rules_words_match_no_care_rule(pipeline: Loaded, text: str, rule: str) -> None:
    """Taking a shift *with* the dog is not taking someone *with him*; enabling ("so we can go") is not stopping ("so I
    can't leave"); "I'll lose friends" is not "he'll lose it"; locking up the house is not hiding from a person;
    "you're smothering me" is overbearing love; being dragged to church is reluctance; "I get thrown" is being
    unsettled; "opened presents without me" is being left out, not "better off without me"; the writer checking
    their own phone, or *your* location, is not being watched; "shut me up" silences, "shut me out" withdraws."""
    doc = pipeline.language(text)
    assert [(span.id_, span.text) for span in doc.spans[CARE_KEY]] == [], rule


BRIEF_FAULTS = [
    "You make me feel so rested when you take the early shift with the dog. Thank you.",
    "I don't want an argument. I just feel like you're taking the mick with how much you borrow from me.",
    "Can you take Friday off so we can go to the lake with Mo and Tash?",
    "I'm nervous about tomorrow's meeting. If it goes badly I might lose the account. I'm trying not to spiral.",
    "Please lock the back door when you come up, I've done the front.",
    "You've rung four times since lunch. I think you're smothering me. I'm fine, I promise.",
    "We agreed Christmas and Easter. This is the fourth Sunday. You dragged me to church again after promising you "
    "wouldn't.",
    "When plans change at the last minute I get thrown. I know it's not always avoidable. A text helps.",
    "Your family opened presents without me. You've made me feel like a plus one at my own Christmas. I'm in the car.",
    "You never pressure me, and I feel safe because of it",
    "You're really good at making me feel safe to talk. I don't say it enough",  # a "n't" in another sentence
]


@pytest.mark.parametrize("text", BRIEF_FAULTS, ids=[text[:50] for text in BRIEF_FAULTS])
def test_the_rule_faults_found_on_the_blame_corpus_raise_no_note(pipeline: Loaded, text: str) -> None:
    assert not nlp.analyze(text).care


@pytest.mark.parametrize("text, kind", [
    ("he hit me", "violence"),
    ("he pushed me down the stairs", "violence"),
    ("I'll kill myself", "self_harm"),
    ("I feel like a burden to everyone", "self_harm"),
    ("I don't feel safe at home", "fear"),
    ("he takes my wages so I can't leave", "control"),
    ("I'm hiding from him in the bathroom", "fear"),
    ("I'll take the kids and you'll never see them", "threat"),
    # the near pairs of the faults above: each tightened rule still hears its danger
    ("He keeps saying that if he goes down, he's taking me with him.", "threat"),
    ("he'll kill me and then himself", "threat"),
    ("she keeps my bank card so I can never leave", "control"),
    ("she'll take the kids away", "threat"),
    ("she'll take the kids if I leave", "threat"),
    ("She'll take the kids.", "threat"),
    ("he'll lose it one day", "threat"),
    ("you won't make it past Christmas", "threat"),
    ("the kids and i hide in the bedroom when he comes home angry", "fear"),
    ("i lock myself in the bathroom and wait till you calm down", "fear"),
    ("she locks the door from outside when she leaves for work", "fear"),
    ("he tried to smother me", "violence"),
    ("he dragged me across the hallway by my hair", "violence"),
    ("he dragged me to the car", "violence"),
    ("I was thrown against the wall", "violence"),
    ("everyone would be better off without me", "self_harm"),
    ("the kids would be fine without me, maybe better", "self_harm"),
    ("he took my phone", "control"),
    ("he checks my phone every night", "control"),
    ("you've been reading my messages", "control"),
    ("Went through my phone again last night.", "control"),
    ("he won't let me see my friends", "control"),
    ("he won't let me have my own bank account", "control"),
    ("he stalks my every move", "control"),
    ("I'm scared of your temper", "fear"),
    ("I'm scared of your dad", "fear"),
    ("we're scared of your dad", "fear"),
    ("he locked me in the bedroom", "control"),
    ("he locked all the doors and I couldn't leave", "control"),
    ("he shut me in the cupboard", "control"),
    ("he shut me out of the house in the rain", "control"),
    ("he forced me to have sex", "violence"),
    ("he pressured me into sending nudes", "violence"),
    ("my bf makes me share my location 24/7", "control"),
])
def test_the_care_rules_still_hear_their_danger(pipeline: Loaded, text: str, kind: str) -> None:
    """A rule, not only the classifier, hears each of these, and the note names its kind."""
    doc = pipeline.language(text)
    assert kind in {span.label_ for span in doc.spans[CARE_KEY]}
    assert nlp.analyze(text).care_kind == kind


@pytest.mark.parametrize("text, reassured", [
    ("You never pressure me, and I feel safe because of it", True),
    ("You're really good at making me feel safe to talk. I don't say it enough", True),
    ("I feel safe because you never shout", True),
    ("No, I feel safe", True),
    ("I feel safe with you", True),
    ("I don't feel safe with you", False),
    ("I never feel safe when he drinks", False),
    ("I only feel safe when he is out", False),
    ("I feel safe with you, but only when you're sober", False),
    ("I don't feel loved and safe", False),
    ("I'm not sure I feel safe", False),
    ("My therapist asked whether I feel safe at home and I didn't know what to say.", False),
    ("Am I safe?", False),
])
def test_a_denial_counts_only_in_the_clause_of_safe(pipeline: Loaded, text: str, reassured: bool) -> None:
    """A "not" or "never" elsewhere in the message ("You *never* pressure me, and I feel safe") used to count as
    denying "safe"; now only a denial, limit or doubt in safe's own clause keeps the classifier reading."""
    assert care_reassurance.reassures(pipeline.language(text)) is reassured


def test_a_batch_reads_each_message_as_one_message_alone(pipeline: Loaded) -> None:
    """analyze_many reads care as one batch, and the kind classifier only where P(danger) reaches its bar:
    every answer is the one a message gets alone, with both classifiers, as CareReader first read them."""
    care = pipeline.care
    assert care is not None
    rows = read_jsonl("care_validation.jsonl") + REGRESSION
    texts = [row["text"] for row in rows] + ["I feel safe with you", "You never listen when I'm upset"]
    docs = [pipeline.language(text) for text in texts]
    both = []
    for doc in docs:
        danger, kind = care_model.reading(care.language(doc.text.lower()))
        bar = care._bar(doc)
        both.append(kind if bar is not None and danger >= bar else None)
    assert care.kinds_of(docs) == both == [care.kind_of(doc) for doc in docs]
    assert any(both) and not all(both)
    assert [a.to_dict() for a in nlp.analyze_many(texts)] == [nlp.analyze(t).to_dict() for t in texts]


def test_danger_typed_like_a_text_is_heard(pipeline: Loaded) -> None:
    """"he hit me again last night and i dont know what to do": danger typed without apostrophes, in all five
    kinds, is heard as the unseen set's danger is (the same floor)."""
    rows = [row for row in read_jsonl(TEXTING) if row["care"]]
    assert len(rows) >= 80 and {row["care_kind"] for row in rows} == set(care_model.KINDS)
    heard = [row for row, a in zip(rows, nlp.analyze_many([row["text"] for row in rows]), strict=True) if a.care]
    assert len(heard) / len(rows) >= 0.95, [row["text"] for row in rows if row not in heard]


def test_everyday_texting_raises_no_more_false_notes_than_it_did(pipeline: Loaded) -> None:
    """A known fault, measured, not fixed: the classifiers raise the note (mostly the self-harm one) on 44 of
    220 everyday lines typed without apostrophes ("im so proud of them", "i dont wanna cook tonight"): "im" and
    "dont" stand mostly in danger rows. This keeps the count from growing; whoever fixes it lowers
    TEXTING_FALSE_NOTES (nlp/data/care_training_next/README.md says what was tried)."""
    rows = [row for row in read_jsonl(TEXTING) if not row["care"]]
    noted = [row["text"] for row, a in zip(rows, nlp.analyze_many([row["text"] for row in rows]), strict=True)
             if a.care]
    assert len(rows) == 220 and len(noted) <= TEXTING_FALSE_NOTES, noted
