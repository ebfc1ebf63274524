"""One version number and one story, wherever a couple reads their agreement: the talk's closing view, the
list, the agreement's page, the history transcript and both exports. Ana and Ben over the socket and HTTP;
Olga, from another couple, learns nothing."""

from __future__ import annotations

import html
import json

from couples.agreements import Agreement, AgreementVersion
from couples.extensions import db
from tests.couples.agreements.test_talks_and_reviews import DINNER, agreements, joined, start
from tests.support.live import act, received

QUESTION, ANSWER = "Does that include breakfast?", "Only dinner."


def read(person, path: str) -> str:
    """A page as its reader reads it: tags kept, entities and runs of spaces undone."""
    response = person.client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return html.unescape(" ".join(response.get_data(as_text=True).split()))


def agreed_line(number: int, version: int) -> str:
    return f"accepted proposal {number}. You both said yes: it's version {version} of your agreement."


def first_talk(couple, partner) -> tuple[int, dict]:
    """Ana proposes, Ben asks and Ana answers, Ben offers proposal 2, Ana accepts it: (talk id, Ben's last view)."""
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    talk_id = start(ana, "boundary")
    joined(ana_sock, talk_id), joined(ben_sock, talk_id)
    assert act(ana_sock, talk_id, "propose", **DINNER)["ok"]
    assert act(ben_sock, talk_id, "ask", text=QUESTION)["ok"]
    assert act(ana_sock, talk_id, "answer", text=ANSWER)["ok"]
    assert act(ben_sock, talk_id, "amend", need="No phones at weeknight dinners")["ok"]
    assert act(ana_sock, talk_id, "accept", version=2)["ok"]
    return talk_id, received(ben_sock, "session_event")[-1]["view"]


def export_of(person) -> tuple[dict, str]:
    document = json.loads(person.client.get("/your-data/export.json").get_data(as_text=True))
    return document, read(person, "/your-data/export.html")


def test_proposal_2_of_the_talk_is_version_1_on_every_page_and_in_every_export(app, couple, partner):
    ana, ben = couple
    talk_id, closing = first_talk(couple, partner)
    # The talk's closing view: proposal 2 was accepted, and it is version 1 of the agreement.
    assert closing["agreed"] and (closing["current"]["number"], closing["becomes_version"]) == (2, 1)
    ((agreement_id, _, current, _, _),) = agreements(app)
    assert current == 1

    listing = read(ana, "/agreements/")
    assert "· version 1" in listing and "version 2" not in listing
    page = read(ben, f"/agreements/{agreement_id}")
    assert "Version 1, accepted by" in page and "<strong>Version 1</strong>" in page and "Version 2" not in page
    assert f"<strong><bdi>Ana</bdi></strong> {agreed_line(2, 1)}" in page
    history = read(ana, f"/history/{talk_id}")
    assert f"<strong><bdi>You</bdi></strong> {agreed_line(2, 1)}" in history and "(version 1)" in history
    assert "<strong><bdi>Ben</bdi></strong> offered proposal 2" in history

    document, printable = export_of(ana)
    [together] = document["couples"]
    assert [v["number"] for v in together["agreements"][0]["versions"]] == [1]
    [talk] = [s for s in together["sessions"] if s["id"] == talk_id]
    assert [line["says"] for line in talk["lines"] if line["event"] == "accepted"] == [agreed_line(2, 1)]
    assert "(active · version 1)" in printable and agreed_line(2, 1) in printable


def test_a_revision_offered_as_proposal_1_becomes_version_2_everywhere(app, couple, partner):
    ana, ben = couple
    first_talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    ana_sock, ben_sock = partner(ana), partner(ben)
    revision = start(ben, "boundary", agreement_id=str(agreement_id))
    view = joined(ben_sock, revision)["view"]
    joined(ana_sock, revision)
    # Before a word is written, the talk says what it revises and what agreeing makes; the need stays Ana's.
    assert view["seed"]["agreement_version"] == 1 and view["becomes_version"] == 2
    assert view["needed_by"] == str(ana.id)
    assert act(ben_sock, revision, "propose", **{**DINNER, "need": "No phones at weeknight dinners or in bed"})["ok"]
    assert act(ana_sock, revision, "accept", version=1)["ok"]
    assert received(ben_sock, "session_event")[-1]["view"]["becomes_version"] == 2
    assert agreements(app)[0][2] == 2

    assert "· version 2" in read(ben, "/agreements/")
    page = read(ana, f"/agreements/{agreement_id}")
    assert "Version 2, accepted by" in page and "Proposed by Ana" in page  # Ben worded it; the need is Ana's
    assert f"<strong><bdi>Ana</bdi></strong> {agreed_line(1, 2)}" in page
    assert "<strong><bdi>Ben</bdi></strong> proposed new words: proposal 1." in page
    assert f"<strong><bdi>Ana</bdi></strong> {agreed_line(2, 1)}" in page  # version 1's talk is still told
    assert f"<strong><bdi>Ana</bdi></strong> {agreed_line(1, 2)}" in read(ben, f"/history/{revision}")
    assert "- **Version:** 2" in read(ana, "/agreements/export.md")
    assert "version 2, accepted by both" in read(ana, "/agreements/export.html")

    document, printable = export_of(ben)
    [together] = document["couples"]
    assert [v["number"] for v in together["agreements"][0]["versions"]] == [1, 2]
    [talk] = [s for s in together["sessions"] if s["id"] == revision]
    assert [line["says"] for line in talk["lines"] if line["event"] == "accepted"] == [agreed_line(1, 2)]
    assert "(active · version 2)" in printable


def test_how_it_came_to_be_tells_every_step_of_the_talks_and_nothing_private(app, couple, partner, outsider):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    earlier = start(ana, "boundary")
    joined(ana_sock, earlier), joined(ben_sock, earlier)
    blaming = {**DINNER, "why": "You never listen to me at dinner."}  # the coach's note on it is Ana's alone
    assert act(ana_sock, earlier, "propose", **blaming)["ok"]
    assert act(ben_sock, earlier, "not_now")["ok"]
    assert act(ben_sock, earlier, "end")["ok"]
    # A later talk picks the open proposal up; Ana rewords her why, Ben asks, Ana answers, Ben accepts.
    later = start(ben, "boundary")
    joined(ana_sock, later), joined(ben_sock, later)
    assert act(ana_sock, later, "propose", **DINNER)["ok"]
    assert act(ben_sock, later, "ask", text=QUESTION)["ok"]
    assert act(ana_sock, later, "answer", text=ANSWER)["ok"]
    assert act(ben_sock, later, "accept", version=1)["ok"]
    ((agreement_id, *_),) = agreements(app)

    page = read(ben, f"/agreements/{agreement_id}")
    story = page[page.index('data-testid="talk-story"'):]
    steps = [
        "<strong><bdi>Ana</bdi></strong> proposed it: proposal 1.",
        "You never listen to me at dinner.",
        "<strong><bdi>Ben</bdi></strong> said not now to proposal 1.",
        "<strong><bdi>Ben</bdi></strong> ended that talk without agreeing",
        "A new talk picked it up.",
        "<strong><bdi>Ana</bdi></strong> proposed new words: proposal 1.",
        f"<strong><bdi>Ben</bdi></strong> asked: <q><bdi>{QUESTION}</bdi></q>",
        f"<strong><bdi>Ana</bdi></strong> answered: <q><bdi>{ANSWER}</bdi></q>",
        f"<strong><bdi>Ben</bdi></strong> {agreed_line(1, 1)}",
    ]
    places = [story.index(step) for step in steps]
    assert places == sorted(places)  # in the order they happened
    assert "coach" not in story.lower() and "Proposed by Ana" in page
    assert read(ana, f"/agreements/{agreement_id}").count('data-testid="talk-step"') == len(steps) - 1
    assert outsider.client.get(f"/agreements/{agreement_id}").status_code == 404


def test_a_proposal_picked_up_is_its_owners_unless_the_other_starts_afresh(app, couple, partner):
    ana, ben = couple
    ana_sock, ben_sock = partner(ana), partner(ben)
    for need, start_from, proposer in (("Quiet mornings", "seed", "Ana"), ("A walk on Sundays", "blank", "Ben")):
        first = start(ana, "boundary")
        joined(ana_sock, first), joined(ben_sock, first)
        assert act(ana_sock, first, "propose", **{**DINNER, "need": need})["ok"]
        assert act(ana_sock, first, "end")["ok"]
        picked = start(ben, "boundary")
        view = joined(ben_sock, picked)["view"]
        assert view["seed"]["needed_by"] == str(ana.id) == view["needed_by"]
        joined(ana_sock, picked)
        words = {**DINNER, "need": need, **({"why": "I want time for us."} if start_from == "blank" else {})}
        assert act(ben_sock, picked, "propose", **words, **{"from": start_from})["ok"]
        assert act(ana_sock, picked, "accept", version=1)["ok"]
        agreement_id = agreements(app)[-1][0]
        assert f"Proposed by {proposer}" in read(ana, f"/agreements/{agreement_id}")


def test_a_talk_never_writes_another_version_than_the_one_it_named(app, couple, partner):
    """A revision promised version 2; if the agreement moved on meanwhile (a version written in another
    process), agreeing is refused kindly and nothing is written, rather than the page saying version 3."""
    ana, ben = couple
    first_talk(couple, partner)
    ((agreement_id, *_),) = agreements(app)
    ana_sock, ben_sock = partner(ana), partner(ben)
    revision = start(ana, "boundary", agreement_id=str(agreement_id))
    joined(ana_sock, revision), joined(ben_sock, revision)
    assert act(ana_sock, revision, "propose", **{**DINNER, "need": "No phones at dinner, weekends too"})["ok"]
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        db.session.add(AgreementVersion(agreement_id=agreement_id, number=2, need="Written elsewhere", why="x",
                                        author_id=ben.id, accepted_by_ids=f"{ana.id},{ben.id}"))
        agreement.current_version = 2
        db.session.commit()
    refused = act(ben_sock, revision, "accept", version=1)
    assert refused["error"]["code"] == "stale_agreement" and "changed while you talked" in refused["error"]["message"]
    assert [v[0] for v in agreements(app)[0][4]] == [1, 2]  # no version 3
    assert joined(ben_sock, revision)["view"]["finished"] is False
