"""Errors the nlp package raises; each carries a sentence a person can act on."""
from __future__ import annotations


class NlpError(Exception):
    """Base class for every error raised by Hearth's nlp package."""


class ModelMissing(NlpError):
    """The spaCy pipeline named by the setting cannot be loaded."""


class RuleFileError(NlpError):
    """A rule or lexicon data file is malformed; the message names the file and line."""


class TextRejected(NlpError, ValueError):
    """The text given to analyze is empty, not a string, or too long to coach."""
