"""Who may do what: every HTTP route and every socket event, each tried by three callers.

  anonymous  nobody signed in: the sign-in page (or a 401/403/404), except the PUBLIC pages
  outsider   Olga, signed in and paired in another couple: a 404 for anything of Ana and Ben's she names
             (or exactly what a missing one gets, where that is no 404), her own pages otherwise
  partner    Ana, whose couple owns everything named: never a 403, 404 or 500, nor the sign-in page

Routes come from the app's url_map and events from couples.live PROTOCOL (and `act` from every action of
every exercise in the registry) when the tests are collected, so a route or event added later is tried
too; a route parameter FILL can't fill fails its case, naming the route. Ana and Ben's objects carry the
word MARK (tests/support/marked_world.py): no response to the outsider or to anonymous may contain it,
and their requests must leave every row Ana and Ben own as it was. Beside the matrix: what is Ana's alone
is a 404 to Ben too, ids in a start form are checked like ids in an address, every id an address, a start
form, a socket event or a socket's page holds is also tried with ids no row could have (NOT_IDS: never a
500; a 404 in an address, what a missing one gets in a start form, a kind refusal from a socket), and Ana's
own pages do show MARK (so its absence elsewhere means something). HOLES lists what is known to leak, until
it is fixed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest

from app import create_app
from couples.extensions import db
from couples.live import PROTOCOL
from couples.live.rooms import couple_room
from exercises import KINDS
from tests.support.live import key
from tests.support.pages import without_tokens
from tests.support.marked_world import World, build, csrf_of, owned_rows
from tests.support.matrix import Room, actions_of, leaks, rooms_of, routes, to_sign_in

CALLERS = ("anonymous", "outsider", "partner")
SESSIONS = (*KINDS, "boundary-finished", "checkin-finished")  # a live session of each kind, and finished ones
MISSING_ID = 2**31 - 2  # a row id nothing has (within what every database holds)
# Ids no row could have (couples/ids.py), tried wherever a client names a row: past SQLite's 64-bit INTEGER, past
# PostgreSQL's 32-bit one, and digits that aren't ASCII ("²" passes str.isdigit() and fails int(); "٣", an
# Arabic-Indic 3, is 3 to int() and to Flask's own `int` converter).
NOT_IDS = {"2**63": "9223372036854775808", "2**31": "2147483648", "superscript-2": "²", "arabic-indic-3": "٣"}


@dataclass(frozen=True)
class Fill:
    """How to fill one URL parameter: its variants (a case each) and the value a variant names for a caller.

    `owned`: the value names something of Ana and Ben's, so an outsider must learn nothing from it: she gets
    a 404, or with `same_as_missing` exactly what `missing` (the same kind of value, naming nothing) gets.
    `row_id`: how the parameter writes a row id ("{}", "custom-{}"), so that NOT_IDS can be tried in it;
    None for a parameter that holds none.
    """

    variants: tuple[str, ...]
    value: Callable[[World, str, str, dict[str, Any]], Any]  # (world, variant, caller role, values so far)
    owned: bool = True
    missing: Any = MISSING_ID
    same_as_missing: bool = False
    row_id: str | None = None


def _session(world: World, variant: str, _role: str, _values: dict[str, Any]) -> int:
    if variant not in world.sessions:
        pytest.fail(f"tests/support/marked_world.py makes no {variant} session: teach _sessions to start one")
    return world.sessions[variant]


def link(purpose: str) -> Fill:
    """An emailed link's token (a capability: holding it is the proof): Ana's real one for her; anyone else
    holds one whose signature isn't ours, and must be answered as for any dead link."""
    return Fill(("",), lambda w, _v, role, _values: w.link_token(purpose, forged=role != "partner"),
                missing="not-a-token", same_as_missing=True)


# By parameter name, in the order they are filled (an entry's id depends on its kind).
FILL: dict[str, Fill] = {
    "session_id": Fill(SESSIONS, _session, row_id="{}"),
    "agreement_id": Fill(("",), lambda w, *_: w.agreement_id, row_id="{}"),
    "kind_name": Fill(("journal", "toolkit", "gratitude", "affirmation"), lambda w, v, *_: v, owned=False),
    "entry_id": Fill(("",), lambda w, _v, _r, values: w.entries[values["kind_name"]], row_id="{}"),
    "reflection_id": Fill(("",), lambda w, *_: w.reflection_id, row_id="{}"),
    "run_id": Fill(("",), lambda w, *_: w.run_id, row_id="{}"),
    "ref": Fill(("",), lambda w, *_: w.scene_ref, missing="custom-999999", row_id="custom-{}"),
    # Answering a suggestion that isn't waiting (another couple's, or one taken back) redirects to /rhythm/.
    "proposal_id": Fill(("",), lambda w, *_: w.pending_proposal(), same_as_missing=True, row_id="{}"),
    # An invitation link's page: another couple's code (used long ago) must read as an unknown one does.
    "code": Fill(("",), lambda w, *_: w.invitation_code, missing="ZZZZ-ZZZZ", same_as_missing=True),
    "sign_in_id": Fill(("",), lambda w, *_: w.spare_sign_in(), row_id="{}"),
}
# Per endpoint, where a parameter is filled differently from FILL (or only there: every `token`).
ENDPOINT_FILL: dict[str, dict[str, Fill]] = {
    "personal.entry_flag": {"kind_name": Fill(("gratitude", "affirmation"), lambda w, v, *_: v, owned=False)},
    "rhythm.unsubscribe": {"token": link("unsubscribe")},
    "auth.reset_password": {"token": link("reset")},
    "auth.confirm_sign_up": {"token": link("sign_up")},
    "account.confirm_email": {"token": link("new_email")},
}

# Pages anyone may open signed out (answered as a member's own pages are, unless they name something).
PUBLIC = {"room.home", "auth.login", "auth.register", "auth.forgot_password", "auth.reset_password",
          "auth.confirm_sign_up", "safety.about", "safety.leave", "personal.help_page",
          "rhythm.unsubscribe", "resend.token"}
PARTNER_OK = {200, 204, 302, 303, 422}
PARTNER_ALSO: dict[str, set[int]] = {  # endpoint -> further statuses that are right for a member
    "auth.confirm_sign_up": {410},  # Ana confirmed her address long ago: her sign-up link is spent
    "room.start_session": {409},  # another exercise of hers is live: "One thing at a time", nothing starts
}

# The body each POST is sent with (the same for every caller; default: nothing but the CSRF token), so that
# a member's request gets past the form and reaches the check that matters, and ids or words of Ana and Ben's
# that a form may carry are tried too. Nothing here destroys anything.
STARTER = "0"
FLAG_OF = {"gratitude": "bring_to_checkin", "affirmation": "show_in_room"}
BODY: dict[str, Callable[[World, dict[str, Any]], dict[str, Any]]] = {
    "room.start_session": lambda w, v: {"kind": "appreciation"},
    "pairing.join_with_code": lambda w, v: {"code": w.invitation_code},  # Ana's, long used
    "personal.search": lambda w, v: {"q": "window"},  # a word of Ana's toolkit entry (which also says MARK)
    "personal.entry_flag": lambda w, v: {"flag": FLAG_OF[v["kind_name"]]},
    "personal.share": lambda w, v: {"choice": "share"},
    "personal.add_starter": lambda w, v: {"starter": STARTER},
    "personal.coach": lambda w, v: {"text": "I feel tired tonight."},
    "rhythm.suggest": lambda w, v: {"weekday": "4", "local_time": "19:30", "timezone": "Europe/Berlin"},
    "rhythm.choose_reminders": lambda w, v: {"email": "y"},
    "solo.coach": lambda w, v: {"text": "I feel tired tonight."},
    "solo.rewrite": lambda w, v: {"line": 0, "text": "I get worried when I don't hear from you."},
    "solo.example": lambda w, v: {"line": 0},
    "solo.finish": lambda w, v: {},
}
SWITCHES = {"personal.toggle_journal_coaching"}  # sent twice, so the switch is left as it was for the next case
JSON = {"personal.coach", "solo.coach", "solo.rewrite", "solo.example", "solo.finish"}  # JSON in, CSRF in a header
# Known holes, until they are fixed: (endpoint, caller) -> what leaks.
HOLES: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class RouteCase:
    rule: str
    endpoint: str
    method: str
    role: str
    variants: tuple[tuple[str, str], ...] = ()  # (parameter, variant)
    unfillable: tuple[str, ...] = ()

    def fills(self) -> dict[str, Fill]:
        return {**FILL, **ENDPOINT_FILL.get(self.endpoint, {})}

    @property
    def names_theirs(self) -> bool:
        """Whether the address names something of Ana and Ben's."""
        return any(self.fills()[name].owned for name, _variant in self.variants)

    @property
    def same_as_missing(self) -> bool:
        """Whether what it names of theirs is answered as a missing one is, rather than with a 404."""
        return any(self.fills()[name].owned and self.fills()[name].same_as_missing for name, _ in self.variants)


def route_cases() -> list[Any]:
    """Every route, method and variant of its parameters, once for each caller."""
    cases = []
    for rule, endpoint, methods, arguments in routes():
        fills = {**FILL, **ENDPOINT_FILL.get(endpoint, {})}
        ordered = [name for name in fills if name in arguments]
        unfillable = tuple(sorted(set(arguments) - set(fills)))
        for method, chosen, role in itertools.product(methods, itertools.product(
                *(fills[name].variants for name in ordered)), CALLERS):
            variants = tuple(zip(ordered, chosen, strict=True))
            case = RouteCase(rule, endpoint, method, role, variants, unfillable)
            shown = ",".join(v for _, v in variants if v)
            marks = [pytest.mark.xfail(strict=True, reason=HOLES[endpoint, role])] if (endpoint, role) in HOLES else []
            cases.append(pytest.param(case, id=f"{method} {rule}{f' [{shown}]' if shown else ''} {role}", marks=marks))
    return cases


@dataclass(frozen=True)
class EventCase:
    event: str
    role: str
    session: str = ""  # the kind of Ana and Ben's session the event names
    action: str = ""

    @property
    def names_theirs(self) -> bool:
        return bool(self.session)


SESSION_EVENTS = {"join_session", "leave_session", "coach_paraphrase", "act"}  # events that name a session
EVENTS_ALONE = {"connect", "disconnect", "still_here", "coach"}  # events that name nothing of anyone's


def event_cases() -> list[Any]:
    """Every event of the protocol (`act` once per action of every exercise), naming each of Ana and Ben's
    sessions where it names one, once for each caller."""
    cases = []
    for event in sorted(PROTOCOL, key=lambda name: (name == "act", name)):  # acts last: they end sessions
        if event == "act":
            found = [EventCase(event, role, kind, action) for kind in KINDS for action in actions_of(kind)
                     for role in CALLERS]
        elif event in SESSION_EVENTS:
            found = [EventCase(event, role, session) for session in SESSIONS for role in CALLERS]
        else:
            found = [EventCase(event, role) for role in CALLERS]
        cases += [pytest.param(case, id=" ".join(filter(None, (case.event, case.session, case.action, case.role))))
                  for case in found]
    return cases


HERS_ALONE = {"entry_id", "reflection_id", "run_id", "sign_in_id"}  # Ana's own: private from Ben as well


def private_cases() -> list[Any]:
    """The route cases naming something of Ana's own space or sign-ins, tried by Ben, her partner."""
    return [pytest.param(RouteCase(case.rule, case.endpoint, case.method, "ben", case.variants, case.unfillable),
                         id=param.id.rsplit(" ", 1)[0] + " ben")
            for param in route_cases() for case in param.values
            if case.role == "partner" and HERS_ALONE & {name for name, _variant in case.variants}]


@dataclass(frozen=True)
class NotAnIdCase:
    """A route case with its id parameter `name` holding `value` (one of NOT_IDS) instead, written as the
    parameter writes an id."""

    route: RouteCase
    name: str
    value: str

    @property
    def written(self) -> str:
        spelling = self.route.fills()[self.name].row_id
        assert spelling is not None
        return spelling.format(self.value)


def not_an_id_cases() -> list[Any]:
    """Every route naming a row by id, with each of NOT_IDS in each id it holds (once for each variant of its
    other parameters), for each caller."""
    cases, seen = [], set()
    for param in route_cases():
        (case,) = param.values
        for name, _variant in case.variants:
            others = tuple((other, variant) for other, variant in case.variants if other != name)
            if case.fills()[name].row_id is None or (case.rule, case.method, case.role, name, others) in seen:
                continue
            seen.add((case.rule, case.method, case.role, name, others))
            shown = ",".join(variant for _, variant in others if variant)
            cases += [pytest.param(NotAnIdCase(case, name, value),
                                   id=f"{case.method} {case.rule}{f' [{shown}]' if shown else ''} {name}={label} "
                                      f"{case.role}")
                      for label, value in NOT_IDS.items()]
    return cases


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "route_case" in metafunc.fixturenames:
        metafunc.parametrize("route_case", route_cases())
    if "private_case" in metafunc.fixturenames:
        metafunc.parametrize("private_case", private_cases())
    if "not_an_id_case" in metafunc.fixturenames:
        metafunc.parametrize("not_an_id_case", not_an_id_cases())
    if "event_case" in metafunc.fixturenames:
        metafunc.parametrize("event_case", event_cases())


@pytest.fixture(scope="module")
def world(database, tmp_path_factory):
    url = database.fresh(tmp_path_factory.mktemp("authorization"))
    app = create_app({"TESTING": True, "SECRET_KEY": "test-only-secret", "HEARTH_LOAD_NLP": True,
                      "MAIL_BACKEND": "locmem", "SQLALCHEMY_DATABASE_URI": url})
    yield build(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def theirs(world: World) -> dict[str, list[str]]:
    return owned_rows(world.app, world.partner_ids, world.couple_id)


# --- HTTP -------------------------------------------------------------------------------------------------

def address(case: RouteCase, world: World, missing: bool = False,
            instead: tuple[str, str] | None = None) -> tuple[str, dict[str, Any]]:
    """The path the case requests (with `missing`, naming nothing instead of Ana and Ben's; with `instead`,
    (parameter, text), that parameter holding that text, percent-encoded as a browser sends it), and its values."""
    values: dict[str, Any] = {}
    path = case.rule
    for name, variant in case.variants:
        fill = case.fills()[name]
        if instead is not None and name == instead[0]:
            values[name], written = instead[1], quote(instead[1], safe="")
        else:
            values[name] = fill.missing if missing and fill.owned else fill.value(world, variant, case.role, values)
            written = str(values[name])
        path = re.sub(rf"<(?:[\w]+(?:\([^)]*\))?:)?{name}>", written, path)
    return path, values


def send(case: RouteCase, world: World, path: str, values: dict[str, Any]):
    """The case's request, as its caller's browser sends it (a POST with the CSRF token of its own session)."""
    client = world.caller(case.role).client()
    if case.method == "GET":
        return client.get(path)
    token = csrf_of(client)
    body = BODY.get(case.endpoint, lambda w, v: {})(world, values)
    if case.endpoint in JSON:
        return client.post(path, json=body, headers={"X-CSRFToken": token})
    response = client.post(path, data={**body, "csrf_token": token})
    if case.endpoint in SWITCHES:
        client.post(path, data={**body, "csrf_token": token})
    return response


SIGNING_OUT = {"auth.logout", "sign_ins.end_everywhere"}  # a member's request that ends with the sign-in page


def as_member(case: RouteCase, response, where: str) -> None:
    """What a signed-in member gets for her own things: never a 403, 404 or 500, nor the sign-in page."""
    assert response.status_code in PARTNER_OK | PARTNER_ALSO.get(case.endpoint, set()), where
    assert case.endpoint in SIGNING_OUT or not to_sign_in(response), where


def what_follows(case: RouteCase, world: World, response: Any) -> str:
    """The page a redirect leads a signed-in caller to (flashed words and all), CSRF tokens masked; "" for none.
    (Only Olga meets these redirects: anonymous callers are sent to the sign-in page first.)"""
    if response.status_code != 302:
        return ""
    page = world.caller(case.role).client().get(response.headers["Location"]).get_data(as_text=True)
    return without_tokens(page)


def test_route(world: World, route_case: RouteCase) -> None:
    """One request by one caller, answered as the module docstring says; nothing of Ana and Ben's shown to
    anyone else, or changed by them."""
    case = route_case
    if case.unfillable:
        pytest.fail(f"{case.rule} ({case.endpoint}): the authorization matrix can't fill {list(case.unfillable)}; "
                    "add them to FILL (or ENDPOINT_FILL) in tests/couples/test_authorization_matrix.py")
    path, values = address(case, world)
    before = theirs(world) if case.role != "partner" else None
    response = send(case, world, path, values)
    status, body = response.status_code, response.get_data(as_text=True)
    where = f"{case.method} {path} as {case.role}: {status} {response.headers.get('Location', '')}"
    if case.role == "partner":
        as_member(case, response, where)
        return
    assert not leaks(body) and not leaks(response.headers.get("Location", "")), f"{where} shows Ana and Ben's words"
    if case.role == "anonymous" and case.endpoint not in PUBLIC:
        assert to_sign_in(response) or status in {401, 403, 404}, where
    elif case.same_as_missing:
        seen = what_follows(case, world, response)
        missing_path, missing_values = address(case, world, missing=True)
        missing = send(case, world, missing_path, missing_values)
        assert (status, response.headers.get("Location")) == (missing.status_code, missing.headers.get("Location")), \
            f"{where}, but {missing.status_code} {missing.headers.get('Location', '')} for {missing_path}"
        assert seen == what_follows(case, world, missing), f"{where}: the page after it differs from a missing one's"
    elif case.names_theirs:
        assert status == 404, where
    else:  # a public page, or her own page of something that names nobody's object
        as_member(case, response, where)
    assert theirs(world) == before, f"{where} changed Ana and Ben's rows"


def test_what_is_hers_alone_is_a_404_to_her_partner_too(world: World, private_case: RouteCase) -> None:
    """Ana's journal, toolkit, gratitude, affirmations, reflections, solo practice and sign-ins are hers:
    Ben gets the 404 anyone gets, and changes nothing of theirs."""
    path, values = address(private_case, world)
    before = theirs(world)
    response = send(private_case, world, path, values)
    assert response.status_code == 404, f"{private_case.method} {path} as Ben: {response.status_code}"
    assert theirs(world) == before


def test_an_id_no_row_could_have_is_a_404(world: World, not_an_id_case: NotAnIdCase) -> None:
    """Every id an address holds, tried with each of NOT_IDS by each caller: a 404 for Ana and for Olga, as for
    a missing row (never a 500, nor the row int() reads "٣" as), the sign-in page (or a 401/403/404) for
    anonymous callers; nothing shown of Ana and Ben's, nothing of theirs changed."""
    case, route = not_an_id_case, not_an_id_case.route
    path, values = address(route, world, instead=(case.name, case.written))
    before = theirs(world)
    response = send(route, world, path, values)
    status = response.status_code
    where = f"{route.method} {path} as {route.role}: {status} {response.headers.get('Location', '')}"
    if route.role == "anonymous":
        assert to_sign_in(response) or status in {401, 403, 404}, where
    else:
        assert status == 404, where
    assert route.role == "partner" or not leaks(response.get_data(as_text=True)), f"{where} shows Ana and Ben's words"
    assert theirs(world) == before, f"{where} changed Ana and Ben's rows"


def test_the_mark_shows_where_it_belongs(world: World) -> None:
    """The other side of "no response shows MARK": Ana's own pages do show it, so a leak would be seen."""
    ana = world.caller("partner").client()
    pages = ["/", f"/agreements/{world.agreement_id}", f"/history/{world.sessions['checkin-finished']}",
             f"/me/journal/{world.entries['journal']}", f"/scenes/{world.scene_ref}", f"/solo/{world.run_id}",
             "/your-data/export.json"]
    assert [page for page in pages if not leaks(ana.get(page).get_data(as_text=True))] == []
    found = ana.post("/me/search", data={"q": "window", "csrf_token": csrf_of(ana)})
    assert leaks(found.get_data(as_text=True))


def test_the_matrix_holds_every_route_of_the_app(world: World) -> None:
    """The routes collected are the routes of the app the matrix runs on, static files aside, and every
    endpoint its tables name still exists (a renamed one would silently lose what the table says of it)."""
    served = {(rule.rule, rule.endpoint) for rule in world.app.url_map.iter_rules() if rule.endpoint != "static"}
    assert served == {(rule, endpoint) for rule, endpoint, _methods, _arguments in routes()}
    named = (PUBLIC | set(PARTNER_ALSO) | set(ENDPOINT_FILL) | set(BODY) | SWITCHES | JSON | SIGNING_OUT
             | {endpoint for endpoint, _role in HOLES})
    assert named - {endpoint for _rule, endpoint in served} == set()


@pytest.mark.parametrize("form", [{"kind": "boundary", "agreement_id": "{agreement}"},
                                  {"kind": "review", "agreement_id": "{agreement}"},
                                  {"kind": "rehearsal", "scene": "{scene}", "role": "one"}],
                         ids=["boundary about", "review of", "rehearsal of"])
@pytest.mark.parametrize("named", ["theirs", *NOT_IDS])
def test_ids_in_a_start_form_are_checked_like_ids_in_an_address(world: World, form: dict[str, str],
                                                                 named: str) -> None:
    """Olga starting an exercise about Ana and Ben's agreement or scene, or about one whose id no row could have
    (NOT_IDS: never a 500), gets what a missing one gets."""
    def started(agreement: object, scene: str):
        client = world.caller("outsider").client()
        data = {k: v.format(agreement=agreement, scene=scene) for k, v in form.items()}
        return client.post("/sessions", data={**data, "csrf_token": csrf_of(client)})

    before = theirs(world)
    if named == "theirs":
        response = started(world.agreement_id, world.scene_ref)
    else:
        response = started(NOT_IDS[named], f"custom-{NOT_IDS[named]}")
    missing = started(MISSING_ID, "custom-999999")
    assert (response.status_code, response.headers.get("Location")) == (missing.status_code,
                                                                        missing.headers.get("Location"))
    assert not leaks(response.get_data(as_text=True)) and theirs(world) == before


# --- sockets ----------------------------------------------------------------------------------------------

def payload(case: EventCase, session_id: int) -> Any:
    """What the event's page would send, naming `session_id` where the event names a session."""
    shapes: dict[str, Callable[[], Any]] = {
        "connect": lambda: {},  # Socket.IO's own names, sent by hand as events: refused (couples/live/protocol.py)
        "disconnect": lambda: {},
        "still_here": lambda: {},
        "coach": lambda: {"text": "You never listen to me."},
        "join_session": lambda: {"session_id": session_id, "last_seq": 0},
        "leave_session": lambda: {"session_id": session_id},
        "coach_paraphrase": lambda: {"session_id": session_id, "text": "What I hear is that you're tired."},
        "act": lambda: {"session_id": session_id, "action": case.action, "fields": {}, "idempotency_key": key()},
    }
    if case.event not in shapes:
        pytest.fail(f"socket event {case.event!r}: teach payload() in tests/couples/test_authorization_matrix.py "
                    "what its page sends (and SESSION_EVENTS whether it names a session)")
    return shapes[case.event]()


@pytest.fixture
def room(world: World):
    sockets = Room(world.app, world.caller)
    yield sockets
    sockets.close()


def test_event(world: World, room: Room, event_case: EventCase) -> None:
    """One event by one caller: anonymous sockets are refused at connect; Ana's and Olga's below."""
    case = event_case
    if case.event not in SESSION_EVENTS | EVENTS_ALONE:
        pytest.fail(f"socket event {case.event!r}: add it to SESSION_EVENTS or EVENTS_ALONE")
    if case.names_theirs and case.session not in world.sessions:
        pytest.fail(f"tests/support/marked_world.py makes no {case.session} session: teach _sessions to start one")
    session_id = world.sessions[case.session] if case.names_theirs else 0
    if case.role == "anonymous":
        assert not room.connect("anonymous").is_connected(), f"{case.event}: an anonymous socket was let in"
    elif case.role == "partner":
        a_partners_event(room, case, session_id)
    else:
        an_outsiders_event(world, room, case, session_id)


@pytest.mark.parametrize("role", ["partner", "outsider"])
@pytest.mark.parametrize("event", sorted(SESSION_EVENTS))
@pytest.mark.parametrize("label", NOT_IDS)
def test_an_event_naming_an_id_no_row_could_have_is_refused_as_malformed(world: World, room: Room, event: str,
                                                                         label: str, role: str) -> None:
    """An event naming a session by an id no row could have (NOT_IDS, sent as a number where it is one, as text
    otherwise) is refused by its payload's schema, before anything is read: `bad_request` with a kind sentence,
    for Ana as for Olga, never a server error; nothing of Ana and Ben's changes."""
    written = NOT_IDS[label]
    session_id = int(written) if written.isascii() else written
    before = theirs(world)
    reply = room.connect(role).emit(event, payload(EventCase(event, role, action="end"), session_id), callback=True)
    assert not reply["ok"] and reply["error"]["code"] == "bad_request" and reply["error"]["message"], reply
    assert not leaks(repr(reply)), reply
    assert theirs(world) == before


@pytest.mark.parametrize("role", ["partner", "outsider"])
@pytest.mark.parametrize("label", NOT_IDS)
def test_a_socket_saying_its_page_by_an_id_no_row_could_have_is_let_in(world: World, room: Room, label: str,
                                                                       role: str) -> None:
    """A socket whose `auth` names "session:<id>" with an id no row could have is let in, its page unknown, as
    for another couple's session (never refused for a server error)."""
    sock = room.connect(role, page=f"session:{NOT_IDS[label]}")
    assert sock.is_connected()
    reply = sock.emit("still_here", {}, callback=True)
    assert reply["ok"], reply


def a_partners_event(room: Room, case: EventCase, session_id: int) -> None:
    """Ana's socket is let in, and what she sends about her own session is done or refused by the rules (never
    a server error, never "not found")."""
    ana = room.connect("partner")
    assert ana.is_connected()
    if session_id:
        ana.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)
    reply = ana.emit(case.event, payload(case, session_id), callback=True)
    assert reply["ok"] or reply["error"]["code"] not in {"server_error", "not_found"}, reply


def an_outsiders_event(world: World, room: Room, case: EventCase, session_id: int) -> None:
    """Olga's socket (let into her own couple's room) naming Ana and Ben's session gets what a missing session
    gets; she joins none of their rooms, Ben (listening on their side) hears nothing as she connects, sends
    the event (`connect` and `disconnect` by hand too) and disconnects, and nothing is kept."""
    ben = room.connect("ben")
    if session_id:
        assert ben.emit("join_session", {"session_id": session_id, "last_seq": 0}, callback=True)["ok"]
    ben.get_received()
    before = theirs(world)
    olga = room.connect("outsider")
    assert olga.is_connected()
    reply = olga.emit(case.event, payload(case, session_id), callback=True)
    if session_id:
        missing = olga.emit(case.event, payload(case, MISSING_ID), callback=True)
        assert reply == missing and reply["error"]["code"] == "not_found", (reply, missing)
    if case.event == "still_here":
        assert set(reply["online"]) <= {str(world.olga.id), str(world.oscar.id)}, reply
    assert not leaks(repr(reply)), reply
    assert rooms_of(olga) == {couple_room(world.outsider_couple_id)}, rooms_of(olga)
    olga.disconnect()
    assert ben.get_received() == [], f"{case.event} from Olga reached Ben"
    assert theirs(world) == before, f"{case.event} from Olga changed Ana and Ben's rows"
