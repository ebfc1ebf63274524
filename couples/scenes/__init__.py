"""Conflict scripts on the server: the scene library, a couple's own scenes, solo practice, rehearsal starts.

  pages.py          /scenes: the library, one scene, writing your own, progress over time
  form.py           the form a couple writes a scene with, and how its script becomes a scene
  solo.py           /solo: one person rehearsing alone, Hearth reading the other role (private)
  library.py        finding a scene (shipped or the couple's own) and the rehearsals played
  start_options.py  how a rehearsal starts: the scene, who plays which role
  models.py         CustomScene and SoloRun
The rehearsal itself is exercises/rehearsal.
"""

from couples.scenes import pages, solo
from couples.scenes.models import CustomScene, SoloRun
from couples.scenes.solo import solo_copy
from couples.scenes.start_options import rehearsal_options

BLUEPRINTS = (pages.bp, solo.bp)

__all__ = ["BLUEPRINTS", "CustomScene", "SoloRun", "rehearsal_options", "solo_copy"]
