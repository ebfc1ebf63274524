"""The exercise engine: pure state machines, no Flask, no database, no sockets, no spaCy."""

from exercises.engine import Action, Event, IllegalMove, Machine, Transition
from exercises.moves import is_blank
from exercises.registry import KINDS, exercise
from exercises.replay import apply_all, replay

__all__ = ["Action", "Event", "IllegalMove", "KINDS", "Machine", "Transition", "apply_all", "exercise", "is_blank",
           "replay"]
