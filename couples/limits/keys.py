"""Whose count a request adds to: the account typed into a form, the address it comes from, or the person.

Behind a reverse proxy (deploy/nginx.conf) every request comes from the proxy's own address; the proxy
writes the client's in X-Forwarded-For. The header is read only when RATELIMIT_TRUSTED_PROXIES
(HEARTH_TRUSTED_PROXIES) says how many proxies are in front, each appending one hop, and only when the request
itself comes from a loopback or private address (a proxy on this machine or network); then the hop that many
from the end is the client. By default it is 0 and every request is counted by its TCP peer: trusting a private
peer is not enough on its own, since a client on the same network, or behind Docker's port publishing (the
bridge's private address is the peer), could write the header itself and choose the address it is counted
under. A deployment behind a proxy sets it (deploy/two_workers.sh sets 1 for nginx).
"""

from __future__ import annotations

import hashlib
import ipaddress

from flask import current_app, request
from flask_login import current_user


def address() -> str:
    """The client's address, read through the trusted proxies in front (see the module docstring)."""
    peer = request.remote_addr or "unknown"
    hops = int(current_app.config.get("RATELIMIT_TRUSTED_PROXIES", 0))
    forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    if hops <= 0 or not forwarded or not _nearby(peer):
        return peer
    return forwarded[-min(hops, len(forwarded))]


def _nearby(peer: str) -> bool:
    try:
        ip = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private


def email() -> str:
    """The email typed into the form, as sign-in reads it (trimmed, lower case), hashed: the storage (Redis
    when scaled out) holds no one's address."""
    typed = (request.form.get("email") or "").strip().lower()
    return "email:" + hashlib.sha256(typed.encode()).hexdigest()[:32]


def person() -> str:
    """The signed-in person, or the address for someone who is not."""
    if current_user.is_authenticated:
        return f"person:{current_user.id}"
    return "address:" + address()


KEYS = {"email": email, "address": address, "person": person}
