"""An invitation link that can't be used says so at once and names no one, however it stopped working (used,
expired, or cancelled: its inviter joined someone else, deleted their account, or their couple filled up);
the pairing page gives the link's end on the inviter's own clock, and a button that copies it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from couples.accounts import Invitation
from couples.clock import utcnow
from couples.extensions import db
from tests.support.accounts import PASSWORD
from tests.support.pages import signatures_a_second_apart, without_tokens

CANNOT_BE_USED = "This invitation link can't be used"


def link_of(accounts, inviter) -> str:
    return "/pair/join/" + accounts.invite(inviter).replace("-", "")


def joined_someone_else(app, accounts, dan):
    """Dan invited, then used Ana's code instead: his waiting couple and its invitation are gone."""
    ana = accounts.person("ana")
    assert accounts.join(dan, accounts.invite(ana)).status_code == 302


def deleted_their_account(app, accounts, dan):
    assert dan.post("/your-data/delete", {"password": PASSWORD}).status_code == 302


def couple_filled_up(app, accounts, dan):
    """Someone else joined Dan's couple (through another of his codes, which only the database can make now)."""
    eve = accounts.person("eve")
    with app.app_context():
        couple_id = db.session.scalar(select(Invitation.couple_id).filter_by(created_by_id=dan.id))
        db.session.add(Invitation(code="OTHER234", couple_id=couple_id, created_by_id=dan.id,
                                  expires_at=utcnow() + timedelta(hours=1)))
        db.session.commit()
    assert accounts.join(eve, "OTHER234").status_code == 302


def used(app, accounts, dan):
    assert accounts.join(accounts.person("eve"), accounts.invite(dan)).status_code == 302


def expired(app, accounts, dan):
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()


@pytest.mark.parametrize("ending", [used, expired, joined_someone_else, deleted_their_account, couple_filled_up])
def test_a_link_that_stopped_working_says_so_at_once_and_names_no_one(app, accounts, ending, monkeypatch):
    signatures_a_second_apart(monkeypatch)
    dan, cleo = accounts.person("dan"), accounts.person("cleo")
    link = link_of(accounts, dan)
    assert "<bdi>Dan</bdi> invited you" in cleo.client.get(link).get_data(as_text=True)  # while it works
    cleo.client.get("/pair/")  # her welcome message shown once, where it belongs
    ending(app, accounts, dan)

    page = cleo.client.get(link).get_data(as_text=True)
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert heading and heading.group(1).strip() == CANNOT_BE_USED  # the first thing it says
    assert "Dan" not in page and "Eve" not in page and "Ana" not in page and "invited you" not in page
    assert 'action="/pair/join"' not in page and ">Join<" not in page  # no button to join anyone
    assert without_tokens(page.replace(link.rsplit("/", 1)[1], "NOPE2345")) == without_tokens(
        cleo.client.get("/pair/join/NOPE2345").get_data(as_text=True))  # the same page as a code that never existed


def test_the_link_ends_on_the_inviters_own_clock_and_can_be_copied(app, accounts):
    ana = accounts.person("ana")
    ana.post("/account/time-zone", {"time_zone": "Asia/Kolkata"}, form_path="/account/")
    accounts.invite(ana)
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=datetime(2027, 1, 24, 19, 30)))
        db.session.commit()
    page = " ".join(ana.client.get("/pair/").get_data(as_text=True).split())
    assert ('It works once, until <time datetime="2027-01-24T19:30:00Z" data-testid="invite-expires">'
            'Mon 25 Jan 2027, 01:00</time>.') in page
    assert "UTC" not in page
    assert 'data-testid="copy-link" data-copies="invite-link" hidden>Copy the link</button>' in page
    assert 'id="invite-link"' in page and 'role="status" data-testid="copy-said"' in page


def test_before_the_inviters_zone_is_known_the_end_says_utc(app, accounts):
    ana = accounts.person("ana")
    accounts.invite(ana)
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=datetime(2027, 1, 24, 19, 30)))
        db.session.commit()
    page = " ".join(ana.client.get("/pair/").get_data(as_text=True).split())
    assert 'data-testid="invite-expires">Sun 24 Jan 2027, 19:30 UTC</time>' in page
