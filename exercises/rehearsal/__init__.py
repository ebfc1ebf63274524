"""Conflict scripts: rehearse a scene, rewriting its blaming lines as I statements, then swap roles.

The machine and its table are in `machine.py`, the state in `state.py`, the rule that judges a rewrite
in `rules.py`, what each partner sees in `view.py`, and the scenes (data in scene_library/) in
`scenes.py`.
"""

from exercises.rehearsal.machine import (ANALYZED, BLURB, FIELDS, I_STATEMENTS, KIND, MACHINE, PARAPHRASED,
                                         REWRITE_MAX, ROUNDS, TITLE, Step, allowed_actions, apply, is_finished,
                                         paraphrase_target, player, progress, start, view)
from exercises.rehearsal.rules import judge, reason_sentence
from exercises.rehearsal.scenes import Scene, SceneError, has_markup, library, parse, problems

__all__ = ["ANALYZED", "BLURB", "FIELDS", "I_STATEMENTS", "KIND", "MACHINE", "PARAPHRASED", "REWRITE_MAX", "ROUNDS",
           "Scene", "SceneError", "Step", "TITLE", "allowed_actions", "apply", "has_markup", "is_finished", "judge",
           "library", "paraphrase_target", "parse", "player", "problems", "progress", "reason_sentence", "start",
           "view"]
