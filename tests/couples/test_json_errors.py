"""A page's script is answered in JSON it can show, whatever goes wrong: a missing page, a body too large, a form
refused. The shape is every JSON endpoint's, {"ok": false, "error": {"code", "message"}} (docs/protocol.md)."""

from __future__ import annotations

from tests.support.accounts import csrf_token

JSON = {"Accept": "application/json"}


def error_of(response) -> str:
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert body["ok"] is False and body["error"]["message"]
    return body["error"]["code"]


def test_a_missing_page_asked_for_in_json_is_a_json_404(app, accounts):
    ana = accounts.person("ana")
    response = ana.client.get("/solo/2147483647", headers=JSON)
    assert response.status_code == 404 and error_of(response) == "not_found"
    token = csrf_token(ana.client, "/pair/")
    response = ana.client.post("/solo/2147483647/coach", json={"text": "hi"}, headers={"X-CSRFToken": token})
    assert response.status_code == 404 and error_of(response) == "not_found"


def test_a_json_body_too_large_is_a_json_413(app, accounts):
    ana = accounts.person("ana")
    token = csrf_token(ana.client, "/pair/")
    body = '{"text": "' + "a" * (app.config["MAX_CONTENT_LENGTH"] + 10) + '"}'
    response = ana.client.post("/solo/1/coach", data=body, content_type="application/json",
                               headers={"X-CSRFToken": token})
    assert response.status_code == 413 and error_of(response) == "too_large"


def test_a_page_still_gets_the_kind_html_page(app, accounts):
    ana = accounts.person("ana")
    response = ana.client.get("/solo/2147483647")
    assert response.status_code == 404 and response.mimetype == "text/html"
