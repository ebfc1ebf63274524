"""A form refused for a lost token or a lost sign-in comes back with the person's words (never a password),
in a form that sends again once they are signed in; a page's script gets JSON it can show."""

from __future__ import annotations

import html as markup
import json
import re

from tests.support.accounts import PASSWORD, csrf_token

HERE = {"Origin": "http://localhost"}  # what a browser sends with a form posted by one of Hearth's pages
SCRIPT = ("The three of us at dinner, and I said it again.\n\nMe: You never let me finish.\n"
          "Them: <script>alert('hi')</script> & that's not fair.\n" + "It went on for a while. " * 40)


def drop_cookies(client) -> None:
    """What a phone does to a tab left for a long while: its cookies are gone."""
    for name in ("session", "remember_token"):
        client.delete_cookie(name)


def owner_on(client, path: str) -> tuple[str, str]:
    """The CSRF token and the signed owner token of the page at `path`, as owner.js sends the latter (`_owner`)."""
    page = client.get(path).get_data(as_text=True)
    owner = re.search(r'<meta name="hearth-owner" content="([^"]+)">', page)
    assert owner, f"no owner token on {path}"
    return csrf_token(client, path), owner.group(1)


JOURNAL_LABELS = json.dumps({"situation": "The situation, in a few words", "happened": "What happened"})


def fields_of(page: str) -> dict[str, str]:
    """The named inputs and text areas of the "send it again" form, as the browser would send them."""
    form = page.split('id="send-again"', 1)[1].split("</form>", 1)[0]
    found = {name: markup.unescape(value) for name, value in
             re.findall(r'<input type="(?:text|hidden)"[^>]*name="([^"]+)" value="([^"]*)"', form)}
    found |= {name: markup.unescape(value) for name, value in
              re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\n(.*?)</textarea>', form, re.S)}
    return found


def test_a_refused_form_comes_back_with_its_words_escaped_and_a_fresh_token(couple):
    ana, _ = couple
    response = ana.client.post("/me/journal/", data={"csrf_token": "from an old page", "situation": "Dinner",
                                                     "happened": SCRIPT}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'data-code="page_expired"' in page and "Nothing was changed" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; that&#39;s" in page
    sent = fields_of(page)
    assert sent["happened"] == SCRIPT and sent["situation"] == "Dinner"
    assert sent["csrf_token"] != "from an old page"
    assert ana.client.post("/me/journal/", data=sent).status_code == 302  # "Send again" keeps it
    assert "It went on for a while." in ana.client.get("/me/journal/").get_data(as_text=True)


def test_a_sign_in_form_comes_back_without_its_password(client):
    response = client.post("/auth/login", data={"csrf_token": "stale", "email": "ana@example.org",
                                                "password": PASSWORD, "remember": "y"}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert PASSWORD not in page and 'value="ana@example.org"' in page
    assert re.search(r'<input type="password" id="again-\d" name="password"', page)
    assert "sign-in-elsewhere" not in page  # signing in needs no sign-in first


def test_words_sent_after_the_cookie_was_dropped_stay_and_go_once_signed_in_again(couple):
    ana, _ = couple
    token, owner = owner_on(ana.client, "/me/journal/")
    drop_cookies(ana.client)
    response = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Dinner", "happened": SCRIPT,
                                                     "_owner": owner, "_labels": JOURNAL_LABELS}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'data-code="signed_out"' in page
    assert re.search(r'<a href="/auth/login" target="_blank" rel="noopener" data-testid="sign-in-elsewhere">', page)
    assert 'data-testid="copy-words"' in page and "data-needs-sign-in" in page
    assert ">What happened</label>" in page and ">Happened<" not in page  # the form's own labels
    sent = fields_of(page)
    assert sent["happened"] == SCRIPT and sent["_owner"] == owner  # kept, hidden, for "Send again"
    assert re.search(r'<input type="hidden" name="_owner"', page)

    assert ana.client.get("/send-again/token").get_json()["signed_in"] is False
    login = csrf_token(ana.client, "/auth/login")  # "another tab": the same browser's cookies
    assert ana.client.post("/auth/login", data={"email": ana.email, "password": PASSWORD,
                                                "csrf_token": login}).status_code == 302
    fresh = ana.client.get("/send-again/token")
    assert fresh.headers["Cache-Control"] == "no-store" and fresh.get_json()["signed_in"] is True
    again = ana.client.post("/me/journal/", data={**sent, "csrf_token": fresh.get_json()["csrf_token"]})
    assert again.status_code == 302
    journal = ana.client.get("/me/journal/").get_data(as_text=True)
    assert "It went on for a while." in journal and owner not in journal.split("</head>", 1)[1]


def test_words_another_person_wrote_are_never_saved_in_the_account_signed_in_now(couple):
    """The trial's leak: Ana's page, signed out; Ben signs in in another tab; "Send again" must not keep her
    journal entry in his. The view never runs: nothing is saved, the words come back to copy, no button sends."""
    ana, ben = couple
    token, owner = owner_on(ana.client, "/me/journal/")
    drop_cookies(ana.client)
    page = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Ana's evening",
                                                 "happened": SCRIPT, "_owner": owner}, headers=HERE)
    sent = fields_of(page.get_data(as_text=True))
    login = csrf_token(ana.client, "/auth/login")
    assert ana.client.post("/auth/login", data={"email": ben.email, "password": PASSWORD,
                                                "csrf_token": login}).status_code == 302  # Ben, same browser
    fresh = ana.client.get("/send-again/token").get_json()["csrf_token"]
    response = ana.client.post("/me/journal/", data={**sent, "csrf_token": fresh}, headers=HERE)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and 'data-code="someone_else"' in html
    assert "These words were written while someone else was signed in here, so we haven&#39;t saved them. " \
        "Copy them if they&#39;re yours." in html
    assert 'data-testid="send-again-button"' not in html and ' id="send-again"' not in html
    assert 'data-testid="copy-words"' in html and "It went on for a while." in html
    assert owner not in html.split("</head>", 1)[1]  # Ana's token is not handed on
    assert "Ana&#39;s evening" not in ben.client.get("/me/journal/").get_data(as_text=True)
    assert "Ana&#39;s evening" not in ana.client.get("/me/journal/").get_data(as_text=True)  # Ben's, here
    # Also with a fresh CSRF token missing (the check before the view answers the same way) and a forged token.
    forged = ana.client.post("/me/journal/", data={**sent, "csrf_token": fresh, "_owner": owner[:-2] + "xx"},
                             headers=HERE)
    assert forged.status_code == 409 and 'data-testid="send-again-button"' not in forged.get_data(as_text=True)
    stale = ana.client.post("/me/journal/", data={**sent, "csrf_token": "stale"}, headers=HERE)
    assert stale.status_code == 409 and 'data-testid="send-again-button"' not in stale.get_data(as_text=True)
    assert "Ana&#39;s evening" not in ben.client.get("/me/journal/").get_data(as_text=True)


def test_a_matching_owner_token_changes_nothing_and_is_never_stored(couple):
    ana, _ = couple
    _, owner = owner_on(ana.client, "/me/journal/")
    assert ana.post("/me/journal/", {"situation": "Lunch", "happened": "We laughed.", "_owner": owner,
                                     "_labels": JOURNAL_LABELS}).status_code == 302
    assert ana.post("/account/name", {"display_name": "Ana M", "_owner": owner},
                    form_path="/account/").status_code == 302
    everything = ana.client.get("/your-data/export.json").get_data(as_text=True)  # all Hearth keeps of her
    assert "We laughed." in everything and "Ana M" in everything
    assert owner not in everything and "_owner" not in everything and "_labels" not in everything


def test_signed_out_words_without_an_owner_token_are_to_copy_and_paste_not_to_send(couple):
    """A browser without JavaScript sends no `_owner`: whoever signs in next must not be offered to send them."""
    ana, _ = couple
    token = csrf_token(ana.client, "/me/journal/")
    drop_cookies(ana.client)
    response = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Dinner",
                                                     "happened": SCRIPT}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'data-code="signed_out"' in page
    assert ' id="send-again"' not in page and 'data-testid="send-again-button"' not in page
    assert 'data-testid="copy-words"' in page and "It went on for a while." in page
    assert "copy it, sign in again, then paste it" in page
    assert ">What happened</label>" in page  # Hearth's own name for the field, without `_labels`


def test_words_sent_after_signing_out_in_another_tab_come_back(couple):
    ana, _ = couple
    token, owner = owner_on(ana.client, "/me/journal/")
    ana.post("/auth/logout", {"_owner": owner}, form_path="/")
    response = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Dinner", "happened": SCRIPT,
                                                     "_owner": owner}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code in (400, 401)  # 401 if signing out kept the token's secret, 400 if not
    assert 'data-code="signed_out"' in page and fields_of(page)["happened"] == SCRIPT


def test_a_page_script_gets_json_it_can_show(couple):
    ana, _ = couple
    stale = ana.client.post("/me/coach", json={"text": "You never listen."}, headers={"X-CSRFToken": "stale"})
    assert stale.status_code == 400
    assert stale.get_json()["ok"] is False and stale.get_json()["error"]["code"] == "page_expired"
    drop_cookies(ana.client)
    gone = ana.client.post("/me/coach", json={"text": "You never listen."}, headers={"X-CSRFToken": "stale"})
    assert gone.status_code == 400 and gone.get_json()["error"]["code"] == "signed_out"
    assert "sign in" in gone.get_json()["error"]["message"]


def test_a_bare_button_comes_back_as_a_button(couple):
    ana, _ = couple
    response = ana.client.post("/pair/invite", data={"csrf_token": "stale"}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'data-testid="send-again-button"' in page
    assert 'data-testid="copy-words"' not in page and fields_of(page).keys() == {"csrf_token"}


def test_a_form_another_site_posted_is_never_given_back(couple):
    """Its "Send again" would send the other site's words with Ana's sign-in: the plain page answers instead."""
    ana, _ = couple
    for headers in ({"Origin": "https://elsewhere.example"}, {"Referer": "https://elsewhere.example/page"}, {}):
        response = ana.client.post("/me/journal/", data={"csrf_token": "none", "situation": "Planted",
                                                         "happened": "Words from elsewhere"}, headers=headers)
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and "Nothing was changed." in page
        assert "Words from elsewhere" not in page and 'id="send-again"' not in page


def test_the_page_shows_the_forms_own_labels_escaped_and_cut_and_only_for_fields_sent(couple):
    ana, _ = couple
    labels = json.dumps({"situation": "<b>Where</b> it was", "happened": "W" * 500, "felt": "Not sent",
                         "new_email": "Never sent either"})
    page = ana.client.post("/me/journal/", data={"csrf_token": "stale", "situation": "Dinner", "happened": SCRIPT,
                                                 "_labels": labels}, headers=HERE).get_data(as_text=True)
    assert ">&lt;b&gt;Where&lt;/b&gt; it was</label>" in page and "<b>Where" not in page
    assert f">{'W' * 120}</label>" in page and "W" * 121 not in page
    assert "Not sent" not in page and "Never sent either" not in page
    assert 'data-testid="send-again-button">Send again</button>' in page  # a journal entry is words to send
    nothing_known = ana.client.post("/me/journal/", data={"csrf_token": "stale", "mystery": "x"},
                                    headers=HERE).get_data(as_text=True)
    assert ">Your words</label>" in nothing_known and ">Mystery<" not in nothing_known


def test_a_password_box_asks_for_the_password_again_never_by_its_field_name(couple):
    ana, _ = couple
    for labels in ({"new_email": "Your new email", "email_password": "Your password"}, None):
        data = {"csrf_token": "stale", "new_email": "ana.new@example.org", "email_password": PASSWORD}
        if labels:
            data["_labels"] = json.dumps(labels)
        page = ana.client.post("/account/email", data=data, headers=HERE).get_data(as_text=True)
        assert ">Your password (type it again)</label>" in page
        assert "Email password" not in page and PASSWORD not in page
        assert 'data-testid="send-again-button">Try again</button>' in page  # nothing long to copy
        assert 'data-testid="copy-words"' not in page


def test_signing_in_and_a_code_come_back_to_try_again_with_the_box_ticked_as_it_was(client, couple):
    labels = json.dumps({"email": "Email", "password": "Password", "remember": "Keep me signed in on this device"})
    page = client.post("/auth/login", data={"csrf_token": "stale", "email": "ana@example.org", "password": PASSWORD,
                                            "remember": "y", "_labels": labels}, headers=HERE).get_data(as_text=True)
    assert re.search(r'<label class="check"><input type="checkbox" name="remember" value="y" checked> '
                     r'Keep me signed in on this device</label>', page)
    assert ">Your password (type it again)</label>" in page and ">Remember<" not in page
    assert 'data-testid="send-again-button">Try again</button>' in page and "Copy my words" not in page
    ana, _ = couple
    code = ana.client.post("/pair/join", data={"csrf_token": "stale", "code": "ABCD-EFGH"},
                           headers=HERE).get_data(as_text=True)
    assert ">Invitation code</label>" in code and ">Code<" not in code
    assert 'data-testid="send-again-button">Try again</button>' in code and "Copy my words" not in code
