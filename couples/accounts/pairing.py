"""Pairing up: invite a partner with a short code or link, and join with it. A couple is two people."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, cast

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from couples.accounts.forms import JoinForm
from couples.accounts.ending import couples_of
from couples.accounts.models import Couple, Invitation, Membership, User
from couples.clock import utcnow
from couples.extensions import db
from couples.forms import EmptyForm, refuse

bp = Blueprint("pairing", __name__, url_prefix="/pair")

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
CODE_LENGTH = 8


class PairingError(Exception):
    """Why a code can't be used; the sentence is safe to show."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def pretty_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def open_invitation(couple: Couple) -> Invitation | None:
    query = (select(Invitation).filter_by(couple_id=couple.id, used_at=None)
             .where(Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc()))
    return db.session.scalars(query).first()


def invite(user: User) -> Invitation:
    """An open invitation to `user`'s couple, creating the couple (with them in it) if needed.

    A double click runs this twice at once: the loser of the race (unique membership per person, or a
    code that happens to exist already) starts again and finds what the winner made.
    """
    for _attempt in range(3):
        try:
            return _invite_once(user)
        except IntegrityError:
            db.session.rollback()
            db.session.expire_all()
    raise PairingError("We couldn't make an invitation just now. Please try again in a moment.")


def _invite_once(user: User) -> Invitation:
    couple = user.couple
    if couple is None:
        couple = Couple()
        db.session.add(couple)
        db.session.flush()
        db.session.add(Membership(couple_id=couple.id, user_id=user.id, slot=1))
    elif couple.is_complete:
        raise PairingError("You're already paired with your partner.")
    existing = open_invitation(couple)
    if existing:
        return existing
    hours = current_app.config["INVITATION_HOURS"]
    invitation = Invitation(code=new_code(), couple_id=couple.id, created_by_id=user.id,
                            expires_at=utcnow() + timedelta(hours=hours))
    db.session.add(invitation)
    db.session.commit()
    return invitation


def join(user: User, raw_code: str) -> Couple:
    """Put `user` into the couple the code invites them to, or PairingError saying why not."""
    invitation = db.session.scalar(select(Invitation).filter_by(code=normalise_code(raw_code)))
    if invitation is None:
        raise PairingError("We don't recognise that code. Please check it with your partner.")
    if user.couple is not None and user.couple.is_complete:
        if user.couple.id == invitation.couple_id:  # e.g. the partner who joined, using the code again
            raise PairingError("You two are already paired. Your room is ready for you.")
        raise PairingError("You're already paired with a partner, so you can't join another couple.")
    if invitation.created_by_id == user.id or (user.couple and user.couple.id == invitation.couple_id):
        raise PairingError("That's your own invitation. Send it to your partner so they can join you.")
    if invitation.used_at is not None:
        raise PairingError("That code has already been used. Ask your partner for a fresh one.")
    if invitation.expires_at <= utcnow():
        raise PairingError("That code has expired. Ask your partner to make a new one; it only takes a moment.")
    if invitation.couple.is_complete:
        raise PairingError("That couple already has two people in it.")
    _leave_waiting_couple(user)
    claimed = db.session.execute(update(Invitation).where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
                                 .values(used_at=utcnow(), used_by_id=user.id))
    if cast(CursorResult[Any], claimed).rowcount != 1:
        db.session.rollback()
        raise PairingError("That code has already been used. Ask your partner for a fresh one.")
    db.session.add(Membership(couple_id=invitation.couple_id, user_id=user.id, slot=2))
    try:
        db.session.commit()
    except IntegrityError:  # someone else took the second place in the same instant
        db.session.rollback()
        raise PairingError("That couple already has two people in it.") from None
    couple = db.session.get(Couple, invitation.couple_id)
    assert couple is not None  # the membership just committed refers to it
    return couple


def _leave_waiting_couple(user: User) -> None:
    """Someone who invited but then joins their partner's code leaves their own still-empty couple."""
    couple = user.couple
    if couple is None:
        return
    db.session.execute(delete(Invitation).where(Invitation.couple_id == couple.id))
    db.session.execute(delete(Membership).where(Membership.couple_id == couple.id))
    db.session.flush()
    if db.session.scalar(select(func.count()).select_from(Membership).filter_by(couple_id=couple.id)) == 0:
        db.session.execute(delete(Couple).where(Couple.id == couple.id))
    db.session.expire(user)


@bp.route("/", methods=["GET"])
@login_required
def start():
    couple = current_user.couple
    if couple is not None and couple.is_complete:
        return redirect(url_for("room.home"))
    invitation = open_invitation(couple) if couple else None
    was_paired = couple is None and any(ended for _couple_id, ended in couples_of(current_user.id))
    return render_template("accounts/pairing.html", invitation=invitation, join_form=JoinForm(),
                           invite_form=EmptyForm(), pretty_code=pretty_code, was_paired=was_paired)


@bp.route("/invite", methods=["POST"])
@login_required
def create_invitation():
    if EmptyForm().validate_on_submit():
        try:
            invite(current_user)
        except PairingError as error:
            flash(str(error), "info")
            return redirect(url_for("room.home"))
    return redirect(url_for("pairing.start"))


@bp.route("/join", methods=["POST"])
@login_required
def join_with_code():
    form = JoinForm()
    if form.validate_on_submit():
        try:
            join(current_user, form.code.data or "")
        except PairingError as error:
            refuse(form.code, str(error))
        else:
            flash("You're together in your room now.", "success")
            return redirect(url_for("room.home"))
    g.invitation_refused = True  # a guess, for the invitation-code limits (couples/limits)
    couple = current_user.couple
    return render_template("accounts/pairing.html", invitation=open_invitation(couple) if couple else None,
                           join_form=form, invite_form=EmptyForm(), pretty_code=pretty_code), 422


@bp.route("/join/<code>", methods=["GET"])
@login_required
def join_link(code: str):
    """The link in an invitation: who invites and a button to join (joining changes state, so POST).

    The inviter is named only while the invitation can still be used, to someone who could use it. A link
    that was used, has expired, or never existed says at once that it can't be used, in the same words for
    each, naming no one: an old link must not tell whoever holds it whose it was. Someone already paired
    goes to their room, whatever the code.
    """
    mine = current_user.couple
    if mine is not None and mine.is_complete:
        return redirect(url_for("room.home"))
    invitation = db.session.scalar(select(Invitation).filter_by(code=normalise_code(code)))
    state = "closed"
    if invitation is not None and invitation.is_open(utcnow()) and not invitation.couple.is_complete:
        state = "own" if invitation.created_by_id == current_user.id else "open"
    g.invitation_refused = state == "closed"  # only a code that can't be used counts as a guess (couples/limits)
    return render_template("accounts/join.html", form=JoinForm(data={"code": code}), code=code, state=state,
                           inviter=invitation.created_by.display_name if state == "open" and invitation else None)


@bp.route("/status", methods=["GET"])
@login_required
def status():
    """Polled by the waiting page: has the partner joined yet?"""
    couple = current_user.couple
    return jsonify(paired=bool(couple and couple.is_complete))
