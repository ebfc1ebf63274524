"""Pages compared byte for byte: the signed tokens no one controls, blanked.

CSRF tokens (Flask-WTF) and the signed owner token (couples/resend) carry the second they were signed, so two
pages drawn a second apart differ there and nowhere else. Attribute order differs between WTForms' fields
(``name=... type=... value=...``) and hand-written inputs (``name=... value=...``), so the pattern allows any
attributes between the name and the value.
"""

from __future__ import annotations

import re
import time

SIGNED_TOKENS = re.compile(
    r'(name="csrf-token" content="|name="csrf_token"[^>]*? value="|name="hearth-owner" content=")[^"]*"')


def without_tokens(page: str) -> str:
    """`page` with every CSRF and owner token's value replaced by ``<token>``."""
    return SIGNED_TOKENS.sub(r'\1<token>"', page)


def signatures_a_second_apart(monkeypatch) -> None:
    """Every signature itsdangerous makes from now on carries a second later than the one before, so two pages
    compared byte for byte differ in every signed token they hold (as two pages drawn a second apart do), and a
    token `without_tokens` misses fails the comparison every time rather than once in a while. Ages only grow,
    so every token still checks as fresh for as long as the test runs."""
    from itsdangerous.timed import TimestampSigner

    ticks = iter(range(int(time.time()), 2**62))
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _signer: next(ticks))
