"""The exercise engine: pure state machines, no Flask, no database, no sockets, no spaCy."""

from exercises.engine import Action, Event, IllegalMove, Machine, Transition
from exercises.fields import ROW_ID_MAX, Choice, Declared, Fields, Kind, Moves, PartnerId, Text, Whole
from exercises.moves import is_blank
from exercises.registry import KINDS, action_fields, exercise
from exercises.replay import apply_all, replay

__all__ = ["Action", "Choice", "Declared", "Event", "Fields", "IllegalMove", "KINDS", "Kind", "Machine", "Moves",
           "PartnerId", "ROW_ID_MAX", "Text", "Transition", "Whole", "action_fields", "apply_all", "exercise",
           "is_blank", "replay"]
