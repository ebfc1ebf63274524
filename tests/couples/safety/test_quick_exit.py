"""The quick exit is on every page, signs out at once, and the page about it is honest and open to anyone."""

from __future__ import annotations

from tests.support.accounts import csrf_token

QUICK_EXIT = 'data-testid="quick-exit"'


def html_routes(app) -> list[str]:
    """Every GET route without parameters that answers with a page (not a file or JSON)."""
    skip = {"/agreements/export.md", "/pair/status", "/room/live", "/send-again/token", "/static/<path:filename>",
            "/your-data/export.json"}
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and not rule.arguments and rule.rule not in skip)


def test_every_page_offers_the_quick_exit_signed_out_and_in(app, client, couple, outsider):
    ana, _ = couple
    paths = html_routes(app) + ["/no/such/page", "/sessions/999999", "/scenes/dishes", "/scenes/dishes/solo"]
    for who, browser in (("a stranger", client), ("Ana", ana.client)):
        for path in paths:
            response = browser.get(path, follow_redirects=True)
            html = response.get_data(as_text=True)
            assert QUICK_EXIT in html, f"{path} for {who} ({response.status_code}) has no quick exit"
            assert 'href="https://www.bbc.co.uk/weather"' in html  # the setting's default
    assert len(paths) >= 14


def test_the_quick_exit_signs_out_at_once(client, couple):
    ana, _ = couple
    assert "Your room" in ana.client.get("/").get_data(as_text=True)
    response = ana.client.post("/safety/quick-exit", data={"csrf_token": csrf_token(ana.client, "/")})
    assert response.status_code == 204
    page = ana.client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Your room" not in page and "Create an account" in page
    assert ana.client.get("/agreements/").status_code == 302  # to the sign-in page


def test_the_quick_exit_without_its_token_changes_nothing(couple):
    ana, _ = couple
    assert ana.client.post("/safety/quick-exit").status_code == 400
    assert "Your room" in ana.client.get("/").get_data(as_text=True)


def test_the_safety_page_says_what_the_quick_exit_cannot_do(client):
    page = client.get("/safety/").get_data(as_text=True)
    assert "doesn't erase your browser's history" in page and "monitoring software" in page
    assert "private or incognito window" in page
