"""How a rehearsal starts: the scene, who plays which role, and the words blame was heard in.

Computed when a partner presses Start (`POST /sessions` with kind "rehearsal", `scene` and `role`) and
stored with the session, so a replay never depends on scene files or a couple's scene that may change:
  scene    the whole scene, as checked by exercises.scenes (shipped, or the couple's own)
  cast     role id -> partner id: the starter plays the role they chose, the partner the other
  flagged  per line, the words nlp hears blame in on the lines to rewrite (for the summary)
Started from the room without a scene, it plays the shipped scene the couple has tried least lately.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

import nlp
from couples.log import options as session_options
from couples.extensions import db
from couples.accounts.models import Couple, ExerciseSession, User
from couples.scenes.models import CUSTOM_PREFIX, CustomScene
from exercises import IllegalMove, rehearsal
from exercises.rehearsal import Scene, SceneError, library, parse


def custom_scenes(couple: Couple) -> list[CustomScene]:
    """The couple's own scenes, newest first."""
    query = select(CustomScene).filter_by(couple_id=couple.id).order_by(CustomScene.id.desc())
    return list(db.session.scalars(query))


def find_scene(couple: Couple, ref: str) -> Scene | None:
    """The scene `ref` names for this couple: a shipped scene or one of their own; None otherwise."""
    if ref in library():
        return library()[ref]
    if not ref.startswith(CUSTOM_PREFIX) or not ref[len(CUSTOM_PREFIX):].isdigit():
        return None
    row = db.session.get(CustomScene, int(ref[len(CUSTOM_PREFIX):]))
    if row is None or row.couple_id != couple.id:
        return None  # another couple's scene and a missing one look the same
    try:
        return parse({**row.scene, "id": row.ref})
    except SceneError:
        return None


def rehearsals_of(couple: Couple) -> list[ExerciseSession]:
    """The couple's rehearsals, oldest first."""
    query = (select(ExerciseSession).filter_by(couple_id=couple.id, kind=rehearsal.KIND)
             .order_by(ExerciseSession.started_at, ExerciseSession.id))
    return list(db.session.scalars(query))


def least_tried_scene(couple: Couple) -> str:
    """The shipped scene the couple hasn't tried yet, or tried longest ago."""
    last_tried = {}
    for order, session in enumerate(rehearsals_of(couple)):
        last_tried[(session.options or {}).get("scene", {}).get("id")] = order
    return min(library(), key=lambda ref: (last_tried.get(ref, -1), list(library()).index(ref)))


def flagged_words(scene: Scene) -> list[list[str]]:
    """Per line, the words blame is heard in, for the lines marked to rewrite."""
    return [[flag.text for flag in nlp.analyze(line.text).flags] if line.rewrite else [] for line in scene.lines]


@session_options.register(rehearsal.KIND)
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
    data = {**scene.to_dict(), "id": ref}
    return {"scene": data, "cast": {role: str(user.id), other: str(partner.id)}, "flagged": flagged_words(scene)}
