"""Ana takes her data with her: everything she can see, nothing that is Ben's alone, nothing of Olga's."""

from __future__ import annotations

import json

from couples.history.transcript import COACH_NOTE
from tests.support.sessions import play_checkin


def test_the_export_holds_what_ana_can_see_and_nothing_private_of_bens(app, couple, outsider):
    ana, ben = couple
    assert ana.post("/me/journal/", {"situation": "Sunday call", "happened": "Ana-journal-marker",
                                     "felt": "", "did": "", "helped": ""}).status_code == 302
    assert ben.post("/me/journal/", {"situation": "Ben-private-marker", "happened": "x", "felt": "", "did": "",
                                     "helped": ""}).status_code == 302
    outsider.post("/me/gratitude/", {"text": "Olga-marker"})
    session_id = play_checkin(app, ana, ben)

    response = ana.client.get("/your-data/export.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    doc = json.loads(response.get_data(as_text=True))
    assert doc["schema"] == "hearth-export" and doc["version"] == 1
    assert doc["you"] == {"display_name": "Ana", "email": "ana@example.org", "joined": doc["you"]["joined"]}
    [together] = doc["couples"]
    assert together["ended"] is False and together["partner"] == "Ben"
    [session] = together["sessions"]
    assert session["id"] == session_id and session["kind"] == "checkin" and session["finished_at"]
    said = [line["text"] for line in session["lines"] if line["text"]]
    assert "You made soup when I was tired." in said and "You never listen to me about Fridays." in said
    assert all(not line["private"] for line in session["lines"])  # Ana wrote nothing the coach flagged
    assert [e["fields"]["happened"] for e in doc["yours_alone"]["personal_entries"]] == ["Ana-journal-marker"]
    # Her safety answers are hers, but a file can be found by someone else: they are never in it.
    assert "safety_checks" not in doc["yours_alone"] and "hard_talk_choices" not in doc["yours_alone"]

    raw = response.get_data(as_text=True)
    assert "Ben-private-marker" not in raw and "Olga-marker" not in raw and "ben@example.org" not in raw
    assert COACH_NOTE not in raw  # Ben's coaching on his own line is his

    bens = ben.client.get("/your-data/export.json").get_json()
    assert any(COACH_NOTE in line["private"] for line in bens["couples"][0]["sessions"][0]["lines"])
    assert "Ana-journal-marker" not in json.dumps(bens)


def test_the_readable_export_is_a_page_that_escapes_what_people_wrote(app, couple):
    ana, ben = couple
    from tests.couples.personal.test_pages import take
    ana.post("/me/gratitude/", {"text": "<script>alert(1)</script> the tea"})
    take(ana)
    play_checkin(app, ana, ben)
    response = ana.client.get("/your-data/export.html")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "With Ben" in page and "You made soup when I was tired." in page
    assert "Gratitude and small wins" in page and "Something I&#39;m grateful for, or a small win" in page
    assert "personal_entries" not in page and "flags" not in page  # words, not the JSON's raw rows
    assert "Your reflections" in page and "anxiety" not in page and "avoidance" not in page  # never a score
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; the tea" in page


def test_the_data_page_needs_a_sign_in(client):
    for path in ("/your-data/", "/your-data/export.json", "/your-data/export.html", "/your-data/leave",
                 "/your-data/delete"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


def test_someone_not_yet_paired_can_take_their_own_space_and_delete_their_account(accounts, app):
    from tests.support.accounts import PASSWORD
    sol = accounts.person("sol")
    assert sol.post("/me/gratitude/", {"text": "Sol-gratitude-marker"}).status_code == 302
    assert 'data-testid="own-your-data"' in sol.client.get("/me/").get_data(as_text=True)
    doc = sol.client.get("/your-data/export.json").get_json()
    assert doc["couples"] == []
    assert [e["fields"]["text"] for e in doc["yours_alone"]["personal_entries"]] == ["Sol-gratitude-marker"]
    assert sol.post("/your-data/delete", {"password": PASSWORD}).status_code == 302
    assert sol.client.get("/me/").status_code == 302  # signed out, and the account is gone
    with app.app_context():
        from couples.accounts import User
        from couples.extensions import db
        assert db.session.get(User, sol.id) is None
        assert db.session.scalar(db.select(db.func.count()).select_from(User).where(User.former.is_(True))) == 0
