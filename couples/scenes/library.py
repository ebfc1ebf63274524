"""A couple's scene library: the shipped scenes, their own, and the rehearsals they have played.

A couple's own scene is addressed as custom-<id>; another couple's, a missing one and an id no row could have
(couples/ids.py) look the same (None). Pages, solo practice and a rehearsal's start options find scenes here.
"""

from __future__ import annotations

from sqlalchemy import select

from couples.accounts import Couple
from couples.extensions import db
from couples.ids import row_id
from couples.log import ExerciseSession
from couples.scenes.models import CUSTOM_PREFIX, CustomScene
from exercises import rehearsal
from exercises.rehearsal import Scene, SceneError, library, parse


def custom_scenes(couple: Couple) -> list[CustomScene]:
    """The couple's own scenes, newest first."""
    query = select(CustomScene).filter_by(couple_id=couple.id).order_by(CustomScene.id.desc())
    return list(db.session.scalars(query))


def find_scene(couple: Couple | None, ref: str) -> Scene | None:
    """The scene `ref` names for this couple: a shipped scene or one of their own; None otherwise. A person
    not yet paired (couple None) has the shipped scenes, for practising alone."""
    if ref in library():
        return library()[ref]
    scene_id = row_id(ref.removeprefix(CUSTOM_PREFIX)) if ref.startswith(CUSTOM_PREFIX) else None
    if couple is None or scene_id is None:
        return None
    row = db.session.get(CustomScene, scene_id)
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
