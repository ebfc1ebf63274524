"""The numbers of the coach's one decision (blame_decision.py), and how they are chosen on the tune splits.

A message is flagged when
  - a rule matched and P(blaming) is at least `veto` (below it the classifier is sure enough the rules'
    words are kind: "You always leave a light on for me. That means the world."), or a sentence holding
    the rule's match, read alone, has P(blaming) at least `threshold` and no warm words: calm sentences
    around a blame don't excuse it ("You never. I get worried when I don't hear from you."), or
  - no rule matched, and a sentence the guards leave open holds a cold cue (a word the valence lexicon
    rates cold, an absolute, a negator, a question mark, or a blame rule's words that only lacked a
    confirming word: component.UNCONFIRMED_KEY) with P(blaming) at least `threshold`, or
    holds none with P(blaming) at least `bare`. A sentence without any cold cue is where the classifier
    most often mistakes a kind message for blame ("You should be proud of yourself", "You need to pick up
    the kids at five today"), so it must be surer there.
Warm words and rule matches set aside close a sentence unless P(blaming) is at least SURE and the
sentence holds a cold cue: sarcasm is warm words around something cold ("Great, you forgot again").
`choose` picks the three on the tune splits, precision first.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# On tune: a needless flag nags someone being kind. Text the model has never seen reads less precise than
# tune (0.970 on tune came out as 0.949 on heldout_b), so tune keeps a margin above the 0.95 asked for.
TARGET_PRECISION = 0.975
# Across writers (trained on two, read on the third) the soft guards cost 11 points of recall at 0.95
# precision with no exception and 4 with this one; 0.95 would cost 2.5 but flagged "You made me a card
# and it was lovely." (0.96). Once writer_d was added, 0.97 flagged "You're never boring." and "You make
# me feel loved." (both 0.97); 0.98 left them alone and gave 1.5 points more recall on tune.
SURE = 0.98
VETO_MAX = 0.5  # a rule's flag is vetoed only when the classifier reads the message as more likely fine
NEVER = 1.01  # a `bare` this high: a sentence without a cold cue is never flagged by the classifier alone


class Thresholds(NamedTuple):
    """P(blaming) levels of the decision (see the module's docstring)."""

    veto: float
    threshold: float
    bare: float


class Seen(NamedTuple):
    """What the decision knows of one message: P(blaming), whether a rule matched, and whether an open sentence
    holds a cold cue (`cold`), holds none (`plain`), or holds one but is open only to a sure classifier;
    `rule_sentence`: the highest P(blaming) of a sentence holding a rule's match and no warm words, read alone
    (0.0 in a message of one sentence, where it is the message's own)."""

    probability: float
    rule_hit: bool
    cold: bool
    plain: bool
    cold_if_sure: bool
    rule_sentence: float = 0.0
    # A rule's match says an unkind act or trait outright ("You always *overreact*"), or is a `sure` rule's: the
    # classifier's calm reading of the words around it ("when I'm a little late") does not veto it
    # (blame_decision.beyond_veto).
    outright: bool = False


def flags(seen: Sequence[Seen], at: Thresholds) -> list[bool]:
    """The coach's decision per message."""
    return [(s.probability >= at.veto or s.rule_sentence >= at.threshold or s.outright) if s.rule_hit else (
        (s.cold and s.probability >= at.threshold)
        or (s.cold_if_sure and s.probability >= max(at.threshold, SURE))
        or (s.plain and s.probability >= at.bare)) for s in seen]


def choose(seen: Sequence[Seen], truth: Sequence[bool], target: float = TARGET_PRECISION) -> Thresholds:
    """The Thresholds (steps of 0.01, veto <= VETO_MAX <= threshold, SURE <= bare, or bare NEVER) giving the best recall
    at precision >= `target`; among equals the fewer wrong flags, then the higher thresholds, the lower veto."""
    hits = [(s, t) for s, t in zip(seen, truth, strict=True) if s.rule_hit]
    rest = [(s, t) for s, t in zip(seen, truth, strict=True) if not s.rule_hit]
    best: tuple[int, int, float, float, int] | None = None  # caught, wrong, threshold, bare, veto in hundredths
    for step in range(int(VETO_MAX * 100), 100):
        by_veto = {}  # the rules' flags at each veto, for this threshold
        for veto_step in range(0, int(VETO_MAX * 100) + 1):
            kept = [t for s, t in hits
                    if s.probability >= veto_step / 100 or s.rule_sentence >= step / 100 or s.outright]
            by_veto[veto_step] = (sum(kept), len(kept) - sum(kept))
        for bare_step in [*range(max(step, int(SURE * 100)), 100), int(NEVER * 100)]:
            at = Thresholds(0.0, step / 100, bare_step / 100)
            found = flags([s for s, _t in rest], at)
            caught = sum(f and t for f, (_s, t) in zip(found, rest, strict=True))
            wrong = sum(f and not t for f, (_s, t) in zip(found, rest, strict=True))
            for veto_step, (hit_caught, hit_wrong) in by_veto.items():
                tp, fp = caught + hit_caught, wrong + hit_wrong
                if not tp or tp / (tp + fp) < target:
                    continue
                if best is None or (tp, -fp, at.threshold, at.bare, -veto_step) > (
                        best[0], -best[1], best[2], best[3], -best[4]):
                    best = (tp, fp, at.threshold, at.bare, veto_step)
    if best is None:
        return Thresholds(0.0, NEVER, NEVER)
    return Thresholds(veto=best[4] / 100, threshold=best[2], bare=best[3])
