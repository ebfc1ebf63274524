"""The agreements page: every agreement of the couple, its history, review, and export."""

from __future__ import annotations

from flask import Blueprint

from couples import agreement_models  # noqa: F401  (registers the agreement tables with the metadata)

bp = Blueprint("agreements", __name__, url_prefix="/agreements")
