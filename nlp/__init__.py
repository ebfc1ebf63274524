"""Hearth's language coaching: notice blaming "you" phrasing and offer an "I" statement instead."""
from .analysis import MAX_CHARS, Analysis, Flag, analyze, analyze_many
from .care import CARE_NOTE, care_note
from .errors import ModelMissing, NlpError, RuleFileError, TextRejected
from .helper import Helper, helper_for
from .i_statement import reads_as_i_statement
from .paraphrase import ParaphraseFeedback, paraphrase_feedback
from .pipeline import load, loaded

__all__ = ["Analysis", "CARE_NOTE", "Flag", "Helper", "MAX_CHARS", "ModelMissing", "NlpError",
           "ParaphraseFeedback", "RuleFileError", "TextRejected", "analyze", "analyze_many", "care_note", "helper_for",
           "load", "loaded", "paraphrase_feedback", "reads_as_i_statement"]
