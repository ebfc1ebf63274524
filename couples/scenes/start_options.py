"""How a rehearsal starts: the scene, who plays which role, and the words blame was heard in.

Computed when a partner presses Start (`POST /sessions` with kind "rehearsal", `scene` and `role`) and
stored with the session, so a replay never depends on scene files or a couple's scene that may change:
  scene    the whole scene, as checked by exercises.rehearsal.scenes (shipped, or the couple's own)
  cast     role id -> partner id: the starter plays the role they chose, the partner the other
  flagged  per line, the words nlp hears blame in on the lines to rewrite (for the summary)
Started from the room without a scene, it plays the shipped scene the couple has tried least lately.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import nlp
from couples.accounts import Couple, User
from couples.scenes.library import find_scene, least_tried_scene
from exercises import IllegalMove
from exercises.rehearsal import Scene


def flagged_words(scene: Scene) -> list[list[str]]:
    """Per line, the words blame is heard in, for the lines marked to rewrite."""
    return [[flag.text for flag in nlp.analyze(line.text).flags] if line.rewrite else [] for line in scene.lines]


def rehearsal_options(couple: Couple, user: User, form: Mapping[str, str]) -> dict[str, Any]:
    """The start options of a new rehearsal (keyword arguments of exercises.rehearsal.start)."""
    ref = (form.get("scene") or "").strip() or least_tried_scene(couple)
    scene = find_scene(couple, ref)
    if scene is None:
        raise IllegalMove("We couldn't find that scene. Please choose one from the scene library.", "unknown_scene")
    role = (form.get("role") or "").strip() or scene.roles[0].id
    if role not in scene.role_ids:
        raise IllegalMove("Please choose one of the scene's two roles to play.", "bad_role")
    other = next(r for r in scene.role_ids if r != role)
    partner = couple.partner_of(user)
    if partner is None:
        raise IllegalMove("Exercises start once your partner has joined.", "needs_two")
    data = {**scene.to_dict(), "id": ref}
    return {"scene": data, "cast": {role: str(user.id), other: str(partner.id)}, "flagged": flagged_words(scene)}
