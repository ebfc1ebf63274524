"""Hearth's language coaching: notice blaming "you" phrasing and offer an "I" statement instead."""
from .analysis import MAX_CHARS, Analysis, Flag, analyze, analyze_many
from .care import CARE_NOTE
from .errors import ModelMissing, NlpError, RuleFileError, TextRejected
from .paraphrase import ParaphraseFeedback, paraphrase_feedback
from .pipeline import load

__all__ = ["Analysis", "CARE_NOTE", "Flag", "MAX_CHARS", "ModelMissing", "NlpError",
           "ParaphraseFeedback", "RuleFileError", "TextRejected", "analyze", "analyze_many", "load",
           "paraphrase_feedback"]
