"""The calm note Hearth shows when a message suggests danger, abuse or thoughts of self-harm."""
from __future__ import annotations

CARE_NOTE = (
    "What you wrote sounds serious, and we're glad you said it. You deserve to be safe. "
    "Hearth is a place to practise talking, not a service that can help in a crisis. "
    "If you are in danger right now, please contact your local emergency services. "
    "If you're being hurt, threatened or controlled, or thinking about hurting yourself, "
    "a domestic abuse helpline or a crisis line in your country can listen and help, any time."
)
SELF_HARM_NOTE = (
    "If you're thinking about hurting yourself, please reach out now: a crisis line in your country "
    "can listen, any time, and if you're in danger right now, call your local emergency services. "
    "What you wrote matters, and so do you. Hearth is a place to practise talking, not a service "
    "that can help in a crisis."
)


def care_note(kind: str | None) -> str:
    """The note for words that suggest danger of `kind` (a care rule's kind): a crisis line first for self-harm."""
    return SELF_HARM_NOTE if kind == "self_harm" else CARE_NOTE
