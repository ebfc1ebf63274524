"""Two couples for authorization tests, made through the real pages and services.

Ana and Ben (the "partner" couple) have something of every kind: a session of each exercise (live, and a
finished check-in and boundary talk), an agreement, journal, toolkit, gratitude and affirmation entries, a
reflection, their own scene, a solo run, an agreed check-in evening, a suggestion waiting and Ana's
reminder emails. Every word they write, and their names and emails, hold MARK, a word nobody else writes:
a page that shows MARK to anyone outside their couple has leaked it. Olga and Oscar are the other couple
(with an evening of their own, so their pages have the same things to show).

`owned_rows` photographs every row the partner couple owns (found through the schema's foreign keys), so
a test can prove a request changed none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from couples.extensions import db
from tests.support.accounts import PASSWORD, Accounts, Person
from tests.support.payloads import many_sockets
from tests.support.sessions import acts, agree, play_checkin, start

MARK = "velvetquartz"  # in every word the partner couple writes; nothing else in Hearth says it
VOLATILE = frozenset({"presence", "server_processes"})  # who is online right now: not anybody's data
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')

SCRIPT = f"""Robin: You never text when you're running late {MARK}.
I statement: I get worried when I don't hear from you. A quick text would help me relax.
Sam: My phone died.
Robin: You could have borrowed one.
Sam: You always assume the worst about me.
I statement: I feel hurt when my lateness is taken as not caring. I'd like to text sooner.
Robin: Okay. Let's try that.
Sam: Thanks for hearing me."""

ENTRY_FORMS = {
    "journal": {"situation": f"Dinner plans {MARK}", "happened": f"Plans changed late {MARK}",
                "felt": f"Let down {MARK}", "did": "Went quiet", "helped": f"A walk {MARK}"},
    "toolkit": {"text": f"Breathe slowly by the window {MARK}"},
    "gratitude": {"text": f"The soup on a cold evening {MARK}"},
    "affirmation": {"text": f"I can go slowly {MARK}"},
}


def user(person_id: int) -> Any:
    """The `User` row of `person_id` (inside an app context)."""
    from couples.accounts import User
    found = db.session.get(User, person_id)
    assert found is not None, person_id
    return found


def couple_id_of(app: Flask, person: Person) -> int:
    """The id of `person`'s couple."""
    with app.app_context():
        return int(user(person.id).couple.id)


def csrf_of(client: FlaskClient) -> str:
    """The CSRF token of `client`'s own session (every page carries it in a meta tag)."""
    match = CSRF_META.search(client.get("/safety/").get_data(as_text=True))
    assert match, "no CSRF token on /safety/"
    return match.group(1)


@dataclass
class Caller:
    """Someone sending requests: nobody signed in (a fresh browser each time), or a signed-in person who
    is signed in again whenever a request signed them out (sign out, quick exit)."""

    role: str
    app: Flask
    person: Person | None = None

    def client(self) -> FlaskClient:
        """A client that is signed in as this caller (a new, empty one for anonymous)."""
        if self.person is None:
            return self.app.test_client()
        if self.person.client.get("/pair/status").status_code != 200:
            response = self.person.post("/auth/login", {"email": self.person.email, "password": PASSWORD})
            assert response.status_code == 302, f"{self.person.name} could not sign in again"
        return self.person.client


@dataclass
class World:
    app: Flask
    ana: Person
    ben: Person
    olga: Person
    oscar: Person
    couple_id: int
    invitation_code: str
    outsider_couple_id: int
    sessions: dict[str, int] = field(default_factory=dict)  # kind (or "<kind>-finished") -> session id
    entries: dict[str, int] = field(default_factory=dict)  # entry kind -> Ana's entry id
    agreement_id: int = 0
    reflection_id: int = 0
    scene_ref: str = ""
    run_id: int = 0
    spare: int = 0  # a sign-in of Ana's in another browser

    @property
    def partner_ids(self) -> set[int]:
        return {self.ana.id, self.ben.id}

    def caller(self, role: str) -> Caller:
        """anonymous, outsider (Olga), partner (Ana) or ben (Ana's partner)."""
        people = {"anonymous": None, "outsider": self.olga, "partner": self.ana, "ben": self.ben}
        return Caller(role, self.app, people[role])

    def pending_proposal(self) -> int:
        """The id of a check-in evening Ana suggested that Ben has not answered (suggested anew if needed)."""
        from couples.rhythm import Proposal
        with self.app.app_context():
            waiting = db.session.scalar(select(Proposal.id).filter_by(couple_id=self.couple_id))
        if waiting is None:
            suggest(self.caller("partner"), weekday=2)
            return self.pending_proposal()
        return waiting

    def link_token(self, purpose: str, forged: bool = False) -> str:
        """Ana's token for an emailed link: "unsubscribe" (reminder emails), "reset" (a new password),
        "sign_up" (confirming her sign-up: spent, as she has confirmed), "new_email" (a change of address, to
        the address she has: following it changes nothing). `forged`: the same with its signature altered."""
        from couples.accounts import tokens
        from couples.rhythm import reminders
        with self.app.app_context():
            ana = user(self.ana.id)
            made = {"unsubscribe": lambda: reminders.unsubscribe_token(ana),
                    "reset": lambda: tokens.make(tokens.RESET, ana),
                    "sign_up": lambda: tokens.make(tokens.SIGN_UP, ana, "0" * 32, ""),
                    "new_email": lambda: tokens.make(tokens.NEW_EMAIL, ana, ana.email)}[purpose]()
        return made[:-4] + ("AAAA" if made[-4:] != "AAAA" else "BBBB") if forged else made

    def spare_sign_in(self) -> int:
        """The id of a live sign-in of Ana's in another browser of hers (signed in there anew once ended)."""
        from couples.accounts.models import SignIn
        with self.app.app_context():
            live = db.session.scalar(select(SignIn.id).filter_by(user_id=self.ana.id, ended_at=None)
                                     .where(SignIn.id == self.spare))
        if live is None:
            elsewhere = Person(self.ana.name, self.ana.email, self.app.test_client(), self.ana.id)
            assert elsewhere.post("/auth/login", {"email": self.ana.email, "password": PASSWORD}).status_code == 302
            with self.app.app_context():
                self.spare = db.session.scalar(select(func.max(SignIn.id)).filter_by(user_id=self.ana.id)) or 0
        assert self.spare, "Ana has no sign-in to spare"
        return self.spare


def suggest(caller: Caller, weekday: int = 6) -> None:
    """`caller` suggests a weekly check-in evening on /rhythm."""
    client = caller.client()
    response = client.post("/rhythm/propose", data={"weekday": str(weekday), "local_time": "20:00",
                                                    "timezone": "Europe/Berlin", "csrf_token": csrf_of(client)})
    assert response.status_code == 302, response.get_data(as_text=True)


def agree_evening(app: Flask, one: Person, two: Person) -> None:
    """`one` suggests an evening and `two` accepts it, through /rhythm."""
    from couples.rhythm import Proposal
    suggest(Caller("partner", app, one))
    couple_id = couple_id_of(app, one)
    with app.app_context():
        proposal = db.session.scalar(select(Proposal.id).filter_by(couple_id=couple_id))
    assert two.post(f"/rhythm/proposals/{proposal}/accept", {}, form_path="/rhythm/").status_code == 302


def build(app: Flask) -> World:
    """Both couples and everything of the partner couple's, through the pages (sessions through the service
    layer a socket act uses). The world is checked by a socket per case, hundreds of the same few people within a
    minute, from one address: the limits on opening sockets and on a person's events are lifted for it."""
    many_sockets(app)
    accounts = Accounts(app)
    ana, ben = accounts.person(f"{MARK}ana"), accounts.person(f"{MARK}ben")
    code = accounts.invite(ana)
    assert accounts.join(ben, code).status_code == 302
    for person in (ana, ben):
        accounts.safety_check(person)
    olga, oscar = accounts.couple("olga", "oscar")
    world = World(app, ana, ben, olga, oscar, couple_id_of(app, ana), code, couple_id_of(app, olga))
    _own_space(world)
    _sessions(world)
    agree_evening(app, ana, ben)
    agree_evening(app, olga, oscar)
    suggest(world.caller("partner"), weekday=3)  # waiting for Ben's answer
    assert ana.post("/rhythm/reminders", {"email": "y"}, form_path="/rhythm/").status_code == 302
    assert olga.post("/me/journal/coaching", {}, form_path="/me/journal/").status_code == 302  # as Ana's is
    return world


def _own_space(world: World) -> None:
    """Ana's own space: an entry of every kind (flags set), her journal coached, a reflection she shares."""
    from couples.personal import Entry
    from couples.personal.reflection import STATEMENTS
    ana = world.ana
    for kind, form in ENTRY_FORMS.items():
        assert ana.post(f"/me/{kind}/", form).status_code == 302, kind
        with world.app.app_context():
            world.entries[kind] = db.session.scalars(select(Entry.id).filter_by(user_id=ana.id, kind=kind)).one()
    for kind, flag in (("gratitude", "bring_to_checkin"), ("affirmation", "show_in_room")):
        assert ana.post(f"/me/{kind}/{world.entries[kind]}/flag", {"flag": flag},
                        form_path=f"/me/{kind}/").status_code == 302
    assert ana.post("/me/journal/coaching", {}, form_path="/me/journal/").status_code == 302
    taken = ana.post("/me/reflection", {statement.id: "5" for statement in STATEMENTS})
    world.reflection_id = int(taken.headers["Location"].rsplit("/", 1)[1])
    assert ana.post(f"/me/reflection/{world.reflection_id}/share", {"choice": "share"},
                    form_path=f"/me/reflection/{world.reflection_id}").status_code == 302
    written = ana.post("/scenes/new", {"title": f"Late again {MARK}", "situation": f"Sam is late {MARK}.",
                                       "role_one": "Robin", "role_two": "Sam", "topic_words": "text, late, phone",
                                       "script": SCRIPT})
    assert written.status_code == 302, written.get_data(as_text=True)
    world.scene_ref = written.headers["Location"].rsplit("/", 1)[1]
    solo = ana.post(f"/scenes/{world.scene_ref}/solo", {"role": "one"})
    assert solo.status_code == 302, solo.get_data(as_text=True)
    world.run_id = int(solo.headers["Location"].rsplit("/", 1)[1])


def _sessions(world: World) -> None:
    """A finished boundary talk (with its agreement) and check-in, and a live session of every kind with
    Ana's marked words in it."""
    app, ana, ben = world.app, world.ana, world.ben
    world.sessions["boundary-finished"], world.agreement_id = agree(app, ana, ben, need=f"Phones away {MARK}")
    world.sessions["checkin-finished"] = play_checkin(app, ana, ben, words=MARK)
    moves: dict[str, tuple[dict[str, Any], list[tuple[Person, str, dict[str, Any]]]]] = {
        "appreciation": ({}, [(ana, "appreciate", {"text": f"You fixed my bike {MARK}."})]),
        "boundary": ({}, [(ana, "propose", {"need": f"Quiet mornings {MARK}", "why": f"I wake slowly {MARK}.",
                                            "review_every_weeks": 4})]),
        "review": ({}, []),
        "listening": ({}, [(ana, "choose", {"topic": f"Sundays {MARK}", "first_speaker": str(ana.id)}),
                           (ana, "speak", {"text": f"I feel tired on Sundays {MARK}."})]),
        "checkin": ({}, [(ana, "arrive", {"feeling": 5, "connection": 5, "mood": f"hopeful {MARK}"})]),
        "rehearsal": ({"scene": world.scene_ref, "role": "one"}, []),
    }
    for kind, (form, played) in moves.items():
        world.sessions[kind] = start(app, ana, kind, **form)
        acts(app, world.sessions[kind], played)


def owned_rows(app: Flask, user_ids: set[int], couple_id: int) -> dict[str, list[str]]:
    """Every row the couple owns, table by table: their users and couple, and each row that points (through
    a foreign key, at any depth) at one of those. Tables come parents first, so one pass finds them all."""
    owned: dict[str, set[Any]] = {"users": set(user_ids), "couples": {couple_id}}
    shot: dict[str, list[str]] = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if table.name in VOLATILE:
                continue
            keys = [column.name for column in table.primary_key.columns]
            links = [(column.name, fk.column.table.name) for column in table.columns for fk in column.foreign_keys]
            mine = []
            for row in db.session.execute(select(table)).mappings():
                own_key = len(keys) == 1 and row[keys[0]] in owned.get(table.name, set())
                if own_key or any(row[name] in owned.get(parent, set()) for name, parent in links):
                    mine.append(row)
            if len(keys) == 1:
                owned.setdefault(table.name, set()).update(row[keys[0]] for row in mine)
            shot[table.name] = sorted(repr(sorted(row.items())) for row in mine)
        db.session.remove()
    return shot
