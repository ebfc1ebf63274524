"""Active-listening turns: the speaker holds the floor, the listener paraphrases, the speaker confirms.

The machine and its table are in `machine.py`, the state in `state.py`, what each partner sees in
`view.py`; this face hands on the exercise's whole protocol.
"""

from exercises.listening.machine import (ANALYZED, BLURB, FIELDS, KIND, LISTENER, MACHINE, MAX_CLARIFICATION,
                                         MAX_PARAPHRASE, MAX_STATEMENT, MAX_TOPIC, MAX_VALIDATION, PARAPHRASED, SPEAKER,
                                         TITLE, ListeningState, Step, allowed_actions, apply, current_statement,
                                         held_back, is_finished, listener_of, paraphrase_target, start, summary, view)

__all__ = ["ANALYZED", "BLURB", "FIELDS", "KIND", "LISTENER", "ListeningState", "MACHINE", "MAX_CLARIFICATION",
           "MAX_PARAPHRASE", "MAX_STATEMENT", "MAX_TOPIC", "MAX_VALIDATION", "PARAPHRASED", "SPEAKER", "Step",
           "TITLE", "allowed_actions", "apply", "current_statement", "held_back", "is_finished", "listener_of",
           "paraphrase_target", "start", "summary", "view"]
