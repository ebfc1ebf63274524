"""The weekly check-in: arrive, appreciate, wins, what was hard, agreements due, requests, close.

The machine and its transition table are in `machine.py` (what may happen in each step, going back
included); the guards and effects its rows name are in `rules.py`; the
state in `state.py`, listening turns nested in the hard step in `nested_listening.py`, what each
partner sees in `view.py`, and the prompts (data in prompts.json) in `prompts.py`.
"""

from exercises.checkin.machine import (ANALYZED, BLURB, FIELDS, KIND, MACHINE, PARAPHRASED, TITLE, Step,
                                       allowed_actions, apply, is_finished, may_paraphrase, paraphrase_target, start,
                                       summary, view)
from exercises.checkin.prompts import FRESH_FOR, draw

__all__ = ["ANALYZED", "BLURB", "FIELDS", "FRESH_FOR", "KIND", "MACHINE", "PARAPHRASED", "Step", "TITLE",
           "allowed_actions", "apply", "draw", "is_finished", "may_paraphrase", "paraphrase_target", "start", "summary",
           "view"]
