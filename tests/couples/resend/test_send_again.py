"""A form refused for a lost token or a lost sign-in comes back with the person's words (never a password),
in a form that sends again once they are signed in; a page's script gets JSON it can show."""

from __future__ import annotations

import html as markup
import re

from tests.support.accounts import PASSWORD, csrf_token

HERE = {"Origin": "http://localhost"}  # what a browser sends with a form posted by one of Hearth's pages
SCRIPT = ("The three of us at dinner, and I said it again.\n\nMe: You never let me finish.\n"
          "Them: <script>alert('hi')</script> & that's not fair.\n" + "It went on for a while. " * 40)


def drop_cookies(client) -> None:
    """What a phone does to a tab left for a long while: its cookies are gone."""
    for name in ("session", "remember_token"):
        client.delete_cookie(name)


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
    token = csrf_token(ana.client, "/me/journal/")
    drop_cookies(ana.client)
    response = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Dinner",
                                                     "happened": SCRIPT}, headers=HERE)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'data-code="signed_out"' in page
    assert re.search(r'<a href="/auth/login" target="_blank" rel="noopener" data-testid="sign-in-elsewhere">', page)
    assert 'data-testid="copy-words"' in page and "data-needs-sign-in" in page
    sent = fields_of(page)
    assert sent["happened"] == SCRIPT

    assert ana.client.get("/send-again/token").get_json()["signed_in"] is False
    login = csrf_token(ana.client, "/auth/login")  # "another tab": the same browser's cookies
    assert ana.client.post("/auth/login", data={"email": ana.email, "password": PASSWORD,
                                                "csrf_token": login}).status_code == 302
    fresh = ana.client.get("/send-again/token")
    assert fresh.headers["Cache-Control"] == "no-store" and fresh.get_json()["signed_in"] is True
    again = ana.client.post("/me/journal/", data={**sent, "csrf_token": fresh.get_json()["csrf_token"]})
    assert again.status_code == 302
    assert "It went on for a while." in ana.client.get("/me/journal/").get_data(as_text=True)


def test_words_sent_after_signing_out_in_another_tab_come_back(couple):
    ana, _ = couple
    token = csrf_token(ana.client, "/me/journal/")
    ana.post("/auth/logout", {}, form_path="/")
    response = ana.client.post("/me/journal/", data={"csrf_token": token, "situation": "Dinner", "happened": SCRIPT},
                               headers=HERE)
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
