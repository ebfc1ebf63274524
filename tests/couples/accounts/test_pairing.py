"""Pairing up over HTTP: invite, join by code or link, wait; a table for every code that can't be used."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select, update

from couples.accounts import Couple, Invitation, Membership, User, pairing
from couples.clock import utcnow
from couples.extensions import db
from tests.support.accounts import csrf_token
from tests.support.pages import signatures_a_second_apart, without_tokens

UNKNOWN = "We don't recognise that code. Please check it with your partner."
USED = "That code has already been used. Ask your partner for a fresh one."
FULL = "That couple already has two people in it."
CODE_SHAPE = re.compile(f"^[{pairing.CODE_ALPHABET}]{{4}}-[{pairing.CODE_ALPHABET}]{{4}}$")


def counts(app) -> dict[str, int]:
    """How many rows of each kind there are (and how many invitations were used)."""
    with app.app_context():
        def count(model, *where):
            return db.session.scalar(select(func.count()).select_from(model).where(*where))
        return {"couples": count(Couple), "memberships": count(Membership), "invitations": count(Invitation),
                "used": count(Invitation, Invitation.used_at.is_not(None))}


def members(app, code: str) -> list[tuple[int, str]]:
    """(slot, display name) of everyone in the couple `code` invites to."""
    with app.app_context():
        couple_id = db.session.scalar(select(Invitation.couple_id).filter_by(code=pairing.normalise_code(code)))
        rows = db.session.execute(select(Membership.slot, User.display_name).join(User)
                                  .where(Membership.couple_id == couple_id).order_by(Membership.slot))
        return [tuple(row) for row in rows]


def error(response) -> str:
    match = re.search(r'role="alert">([^<]*)<', response.get_data(as_text=True))
    return match.group(1) if match else ""


def test_an_invitation_is_a_short_code_and_a_link_and_stays_the_same_until_used(app, accounts):
    ana = accounts.person("ana")
    page = ana.client.get("/pair/").get_data(as_text=True)
    assert "Invite my partner" in page and 'data-testid="invite-code"' not in page
    code = accounts.invite(ana)
    assert CODE_SHAPE.match(code)
    page = ana.client.get("/pair/").get_data(as_text=True)
    assert f'value="http://localhost/pair/join/{code.replace("-", "")}"' in page
    assert 'data-status-url="/pair/status"' in page and "Waiting for your partner to join" in page
    assert accounts.invite(ana) == code
    assert counts(app) == {"couples": 1, "memberships": 1, "invitations": 1, "used": 0}
    assert members(app, code) == [(1, "Ana")]
    with app.app_context():
        expires_at = db.session.scalar(select(Invitation.expires_at))
    assert timedelta(hours=71) < expires_at - utcnow() <= timedelta(hours=72)


@pytest.mark.parametrize("typed", [str.upper, str.lower, lambda c: c.replace("-", ""),
                                   lambda c: f"  {c[:4].lower()} {c[5:]} ", lambda c: " ".join(c.lower())],
                         ids=["as-shown", "lower-case", "no-dash", "spaces", "spread-out"])
def test_the_partner_joins_with_the_code_however_they_type_it(app, accounts, typed):
    ana, ben = accounts.person("ana"), accounts.person("ben")
    code = accounts.invite(ana)
    assert ana.client.get("/pair/status").get_json() == {"paired": False}
    response = accounts.join(ben, typed(code))
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert "You&#39;re together in your room now." in ben.client.get("/").get_data(as_text=True)
    assert members(app, code) == [(1, "Ana"), (2, "Ben")]
    assert counts(app) == {"couples": 1, "memberships": 2, "invitations": 1, "used": 1}
    assert ana.client.get("/pair/status").get_json() == {"paired": True}
    assert ana.client.get("/").status_code == 200 and ana.client.get("/pair/").headers["Location"] == "/"


@pytest.mark.parametrize("signed_in_first", [True, False], ids=["signed-in", "signs-in-on-the-way"])
def test_the_partner_joins_from_the_link(app, accounts, signed_in_first):
    ana, ben = accounts.person("ana"), accounts.person("ben")
    link = "/pair/join/" + accounts.invite(ana).replace("-", "")
    if not signed_in_first:
        ben.post("/auth/logout", {}, form_path="/pair/")
        sign_in = ben.client.get(link).headers["Location"]
        response = ben.post(sign_in, {"email": ben.email, "password": "a quiet evening walk"})
        assert response.headers["Location"] == link
    page = ben.client.get(link).get_data(as_text=True)
    assert "<bdi>Ana</bdi> invited you" in page
    assert ben.post("/pair/join", {"code": link.rsplit("/", 1)[1]}, form_path=link).status_code == 302
    assert members(app, link[-8:]) == [(1, "Ana"), (2, "Ben")]


CANNOT_BE_USED = "This invitation link can't be used"


def test_a_link_with_an_unknown_code_still_shows_a_kind_page(accounts):
    ben = accounts.person("ben")
    page = ben.client.get("/pair/join/NOPE2345").get_data(as_text=True)
    assert CANNOT_BE_USED in page and "Ask your partner for a fresh one" in page
    assert 'action="/pair/join"' not in page  # no Join button for a code that cannot work


def test_a_used_or_expired_link_says_so_at_once_and_names_no_one(app, accounts, monkeypatch):
    signatures_a_second_apart(monkeypatch)
    ana, ben = accounts.couple("ana", "ben", checked=False)
    cleo, dan = accounts.person("cleo"), accounts.person("dan")
    expired_code = accounts.invite(dan).replace("-", "")
    from datetime import timedelta

    from couples.accounts import Invitation
    from couples.clock import utcnow
    from couples.extensions import db
    with app.app_context():
        db.session.query(Invitation).filter_by(code=expired_code).update({"expires_at": utcnow() - timedelta(hours=1)})
        used_code = db.session.query(Invitation.code).filter(Invitation.used_at.is_not(None)).scalar()
        db.session.commit()
    cleo.client.get("/pair/")  # her welcome message shown once, where it belongs
    unknown = cleo.client.get("/pair/join/NOPE2345").get_data(as_text=True)
    for code in (used_code, expired_code):
        page = cleo.client.get(f"/pair/join/{code}").get_data(as_text=True)
        assert CANNOT_BE_USED in page
        assert "Ana" not in page and "Dan" not in page and "invited you" not in page
        assert without_tokens(page.replace(code, "NOPE2345")) == without_tokens(unknown)  # as a code never made
    assert ben.client.get(f"/pair/join/{used_code}").headers["Location"] == "/"  # paired: any link goes home


def test_your_own_link_says_to_send_it_to_your_partner(accounts):
    ana = accounts.person("ana")
    page = ana.client.get("/pair/join/" + accounts.invite(ana).replace("-", "")).get_data(as_text=True)
    assert "This is your own invitation" in page and "invited you" not in page


def test_home_sends_an_unpaired_person_to_pair_up(accounts):
    ana = accounts.person("ana")
    assert ana.client.get("/").headers["Location"] == "/pair/"
    accounts.invite(ana)
    assert ana.client.get("/").headers["Location"] == "/pair/"
    assert ana.client.get("/pair/status").get_json() == {"paired": False}


def expired(app, accounts):
    code = accounts.invite(accounts.person("ana"))
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    return accounts.person("ben"), code


def used(app, accounts):
    accounts.couple("ana", "ben")
    with app.app_context():
        code = db.session.scalar(select(Invitation.code))
    return accounts.person("cleo"), code


def full(app, accounts):
    """An open invitation to a couple that already has two people (only the database can make one)."""
    ana, _ = accounts.couple("ana", "ben")
    with app.app_context():
        couple_id = db.session.scalar(select(Invitation.couple_id))
        db.session.add(Invitation(code="FULL2345", couple_id=couple_id, created_by_id=ana.id,
                                  expires_at=utcnow() + timedelta(hours=1)))
        db.session.commit()
    return accounts.person("cleo"), "FULL-2345"


def already_paired(app, accounts):
    code = accounts.invite(accounts.person("ana"))
    return accounts.couple("olga", "oscar")[1], code


def own(app, accounts):
    ana = accounts.person("ana")
    return ana, accounts.invite(ana)


def code_again(who):
    def setup(app, accounts):
        paired = accounts.couple("ana", "ben")
        with app.app_context():
            return paired[who], db.session.scalar(select(Invitation.code))
    setup.__name__ = f"{('inviter', 'partner')[who]}_uses_the_code_again"
    return setup


def typed(text):
    def setup(app, accounts):
        accounts.invite(accounts.person("ana"))
        return accounts.person("ben"), text
    setup.__name__ = f"typed {text[:12]!r}"
    return setup


CODES_THAT_CANNOT_BE_USED = [
    (typed("ZZZZ-ZZZZ"), UNKNOWN),
    (typed("ABCD"), UNKNOWN),
    (typed("!!!!-????"), UNKNOWN),
    (typed(""), "Please enter the code your partner sent you."),
    (typed("   "), "Please enter the code your partner sent you."),
    (typed("A" * 33), "That's longer than any code we make. Please check it with your partner."),
    (expired, "That code has expired. Ask your partner to make a new one; it only takes a moment."),
    (used, USED),
    (full, FULL),
    (already_paired, "You're already paired with a partner, so you can't join another couple."),
    (own, "That's your own invitation. Send it to your partner so they can join you."),
    (code_again(0), "You two are already paired. Your room is ready for you."),
    (code_again(1), "You two are already paired. Your room is ready for you."),
]


@pytest.mark.parametrize("setup, sentence", CODES_THAT_CANNOT_BE_USED,
                         ids=[setup.__name__ for setup, _ in CODES_THAT_CANNOT_BE_USED])
def test_a_code_that_cannot_be_used_says_why_kindly_and_changes_nothing(app, accounts, setup, sentence):
    joiner, code = setup(app, accounts)
    before = counts(app)
    response = joiner.post("/pair/join", {"code": code}, form_path="/account/")  # any page with a form
    assert response.status_code == 422
    assert error(response) == str(escape(sentence))
    assert counts(app) == before


def test_someone_who_invited_can_still_join_their_partner_instead(app, accounts):
    ana, ben = accounts.person("ana"), accounts.person("ben")
    anas_code, bens_code = accounts.invite(ana), accounts.invite(ben)
    assert counts(app) == {"couples": 2, "memberships": 2, "invitations": 2, "used": 0}
    assert accounts.join(ben, anas_code).status_code == 302
    assert members(app, anas_code) == [(1, "Ana"), (2, "Ben")]
    assert counts(app) == {"couples": 1, "memberships": 2, "invitations": 1, "used": 1}
    assert error(accounts.join(accounts.person("cleo"), bens_code)) == str(escape(UNKNOWN))


def test_a_paired_person_gets_no_new_invitation(app, couple):
    ana, _ = couple
    before = counts(app)
    response = ana.post("/pair/invite", {}, form_path="/")
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert "You&#39;re already paired with your partner." in ana.client.get("/").get_data(as_text=True)
    assert counts(app) == before


@pytest.mark.parametrize("path", ["/pair/invite", "/pair/join"])
def test_a_pairing_form_without_its_csrf_token_is_refused(app, accounts, path):
    ana, ben = accounts.person("ana"), accounts.person("ben")
    code = accounts.invite(ana)
    before = counts(app)
    assert ben.client.post(path, data={"code": code}).status_code == 400
    assert counts(app) == before and ben.client.get("/pair/status").get_json() == {"paired": False}


@pytest.mark.parametrize("second_code", [None, "SPAR2345"], ids=["same-code", "second-open-code"])
def test_two_joiners_who_both_saw_an_open_code_leave_exactly_two_members(app, accounts, second_code):
    """The later joiner read the invitation before the first one committed: the database decides."""
    ana, ben, cleo = accounts.person("ana"), accounts.person("ben"), accounts.person("cleo")
    code, cleos_code = accounts.invite(ana), accounts.invite(cleo)
    with app.app_context():
        stale_invitation = db.session.scalar(select(Invitation))
        if second_code:  # a second open code for the same couple: only the unique slot can refuse it
            db.session.add(Invitation(code=second_code, couple_id=stale_invitation.couple_id,
                                      created_by_id=ana.id, expires_at=utcnow() + timedelta(hours=1)))
            db.session.commit()
            stale_invitation = db.session.scalar(select(Invitation).filter_by(code=second_code))
        assert not stale_invitation.couple.is_complete and stale_invitation.used_at is None
        late = db.session.get(User, cleo.id)
        with app.app_context():  # another request, in the same instant
            pairing.join(db.session.get(User, ben.id), code)
        with pytest.raises(pairing.PairingError, match=FULL if second_code else USED):
            pairing.join(late, second_code or code)
    assert members(app, code) == [(1, "Ana"), (2, "Ben")]
    assert members(app, cleos_code) == [(1, "Cleo")]  # the loser's own waiting couple is still there
    assert counts(app)["used"] == 1


def test_many_people_racing_for_one_code_leave_one_winner(app, accounts):
    code = accounts.invite(accounts.person("ana"))
    joiners = [accounts.person(name) for name in ("ben", "cleo", "dan", "eve")]
    tokens = [csrf_token(person.client, "/pair/") for person in joiners]
    start, responses = threading.Barrier(len(joiners)), {}

    def join(person, token):
        start.wait()
        responses[person.name] = person.client.post("/pair/join", data={"code": code, "csrf_token": token})

    threads = [threading.Thread(target=join, args=pair) for pair in zip(joiners, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, response in responses.items() if response.status_code == 302]
    losers = [response for response in responses.values() if response.status_code == 422]
    assert len(winners) == 1 and len(losers) == 3
    assert {error(response) for response in losers} <= {str(escape(USED)), str(escape(FULL))}
    assert members(app, code) == [(1, "Ana"), (2, winners[0])]
    assert counts(app) == {"couples": 1, "memberships": 2, "invitations": 1, "used": 1}


def test_a_double_click_on_invite_makes_one_couple(app, accounts):
    """Two invite requests racing for a person with no couple yet: one couple, one open code, no error page."""
    import threading

    from couples.accounts import Couple, Membership, User
    from couples.accounts.pairing import invite
    from couples.extensions import db

    ana = accounts.person("ana")
    barrier = threading.Barrier(2)
    codes, errors = [], []

    def press():
        with app.app_context():
            user = db.session.get(User, ana.id)
            barrier.wait()
            try:
                codes.append(invite(user).code)
            except Exception as error:  # pragma: no cover - the assertion below shows it
                errors.append(error)

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and len(codes) == 2
    with app.app_context():
        assert db.session.query(Couple).count() == 1
        assert db.session.query(Membership).filter_by(user_id=ana.id).count() == 1
