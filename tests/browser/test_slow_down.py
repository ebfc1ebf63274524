"""Going faster than a socket's limit (couples/limits/table.py SOCKET_LIMITS, made small here through
HEARTH_RATE_LIMITS) loses nothing a person typed: past "socket act" the page says the calm `slow_down` sentence
(when to try again), the words stay in their box, and once the wait is over the same press delivers them to the
partner; past "socket coach" the private coach simply waits its turn, and the draft is never cleared or changed."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.browser.audit import prepare
from tests.browser.conftest import PHONE
from tests.browser.steps import pair_up, start_together
from tests.support.server import ServerProcess

pytestmark = pytest.mark.browser

WINDOW = 10  # seconds: both limits below are counted over this moving window
LIMITS = {"socket act": f"2 per {WINDOW} seconds", "socket coach": f"2 per {WINDOW} seconds"}
SLOW_DOWN = "You're going a little fast. Let's take a short breather: you can try again in a few seconds."
# Each page's socket answers, as (the event answered, the answer's JSON text): paced_partners fills it.
HEARD: dict[Page, list[tuple[str, str]]] = {}
EVENT = re.compile(r'42(?P<id>\d+)\["(?P<name>[^"]+)"')
ANSWER = re.compile(r"43(?P<id>\d+)(?P<body>\[.*)", re.DOTALL)

STATEMENT = "I feel rushed on Sunday mornings."
REFLECTION = "What I hear is that Sunday mornings feel rushed to you."
CLARIFICATION = "Mostly I meant the hour before we leave for your mother's, when the kitchen is still a mess."


@pytest.fixture
def paced_partners(browser, tmp_path):
    """Ana's and Ben's phones on a server whose sockets may act, and ask the coach, twice per WINDOW seconds.
    Each page's socket answers are kept (HEARD), so a test can tell which event was answered `slow_down`, even
    where the page shows nothing (the coach waits silently)."""
    server = ServerProcess({"DATABASE_URL": f"sqlite:///{tmp_path / 'paced.sqlite'}",
                            "HEARTH_QUICK_EXIT_URL": "about:blank", "HEARTH_RATE_LIMITS": json.dumps(LIMITS)},
                           tmp_path / "server.log")
    contexts = []
    journal = (tmp_path / "console.log").open("w")
    try:
        server.wait_ready()
        pages = []
        for number in (1, 2):
            context = browser.new_context(viewport=PHONE, base_url=server.url, device_scale_factor=2)
            prepare(context)
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(15000)
            HEARD[page] = []
            page.on("websocket", lambda socket, heard=HEARD[page]: _listen(socket, heard))
            page.on("console", lambda message, n=number: journal.write(f"{n} {message.type}: {message.text}\n"))
            page.on("pageerror", lambda error, n=number: journal.write(f"{n} page error: {error}\n"))
            pages.append(page)
        yield pages
        for number, page in enumerate(pages, 1):
            page.screenshot(path=tmp_path / f"last-screen-{number}.png", full_page=True)
    finally:
        journal.close()
        HEARD.clear()
        for context in contexts:
            context.close()
        server.stop()


def _listen(socket: WebSocket, heard: list[tuple[str, str]]) -> None:
    """Pair each answer on this socket with the event it answers (Socket.IO's ack ids count per socket): an
    event with an ack is sent as `42<id>["name",...]`, its answer comes back as `43<id>[...]`."""
    asked: dict[str, str] = {}

    def sent(payload: str | bytes) -> None:
        if isinstance(payload, str) and (event := EVENT.match(payload)):
            asked[event["id"]] = event["name"]

    def received(payload: str | bytes) -> None:
        if isinstance(payload, str) and (answer := ANSWER.match(payload)):
            heard.append((asked.get(answer["id"], "?"), answer["body"]))

    socket.on("framesent", sent)
    socket.on("framereceived", received)


def slow_downs(page: Page, event: str) -> int:
    """How many of this page's `event`s the server has answered `slow_down` so far."""
    return sum(name == event and '"slow_down"' in body for name, body in HEARD[page])


def wait_for_slow_downs(page: Page, event: str, count: int, timeout: float = 10) -> None:
    """Until `count` of the page's `event`s have been answered `slow_down`."""
    deadline = time.monotonic() + timeout
    while slow_downs(page, event) < count:
        assert time.monotonic() < deadline, f"{slow_downs(page, event)} {event} answered slow_down, not {count}"
        page.wait_for_timeout(100)


def choose_topic_and_hold_the_floor(ana: Page, ben: Page) -> float:
    """Ana starts listening turns, Ben follows, Ana names the topic and holds the floor: her first act. Returns
    when she pressed it (time.monotonic()), so a test knows when that act leaves the moving window."""
    start_together(ana, ben, "listening", "Listening turns")
    ana.get_by_test_id("topic-text").fill("Sunday mornings")
    pressed = time.monotonic()
    ana.get_by_test_id("choose").click()
    expect(ana.get_by_test_id("floor-who")).to_contain_text("You hold the floor")
    expect(ben.get_by_test_id("floor-who")).to_have_text("Ana holds the floor. You're listening.")
    return pressed


def test_past_the_act_limit_the_page_says_slow_down_and_the_words_wait_to_be_sent_again(paced_partners, audit,
                                                                                        tmp_path):
    ana, ben = paced_partners
    pair_up(ana, ben)
    first_act = choose_topic_and_hold_the_floor(ana, ben)  # Ana's act 1 of 2 in the window

    ana.get_by_test_id("speak-text").fill(STATEMENT)
    ana.get_by_test_id("speak").click()  # act 2 of 2
    expect(ben.get_by_test_id("statement")).to_have_text(STATEMENT)
    ben.get_by_test_id("paraphrase-text").fill(REFLECTION)  # Ben's socket has a count of its own
    ben.get_by_test_id("send-paraphrase").click()
    expect(ana.get_by_test_id("paraphrase")).to_have_text(REFLECTION)

    # Not quite: Ana writes at once what he missed and sends it, her third send inside the window.
    ana.get_by_test_id("not-quite").click()
    clarify = ana.get_by_test_id("clarify-text")
    clarify.fill(CLARIFICATION)
    ana.get_by_test_id("clarify").click()
    assert time.monotonic() - first_act < WINDOW - 1, "the third send came too late to be past the limit"

    error = ana.get_by_test_id("error")
    expect(error).to_have_text(SLOW_DOWN)
    expect(error).to_be_visible()
    wait_for_slow_downs(ana, "act", 1)
    expect(clarify).to_have_value(CLARIFICATION)  # every word still in its box, ready to send again
    expect(clarify).to_be_visible()
    expect(clarify).not_to_have_attribute("aria-invalid", "true")  # nothing is wrong with the words
    expect(ana.get_by_test_id("clarify")).to_be_visible()
    expect(ana.get_by_test_id("clarify")).not_to_have_attribute("aria-disabled", "true")
    expect(ana.get_by_test_id("clarifications")).to_have_count(1)
    expect(ana.get_by_test_id("clarifications").locator("li")).to_have_count(0)  # not shown as sent
    expect(ben.get_by_test_id("clarifications").locator("li")).to_have_count(0)  # nothing reached Ben
    expect(ben.get_by_test_id("error")).to_be_hidden()  # the sentence is Ana's alone
    assert "kitchen" not in ben.content()

    audit(ana, "ana: past the act limit, told to slow down")
    error.scroll_into_view_if_needed()
    assert ana.viewport_size == PHONE
    ana.screenshot(path=tmp_path / "slow-down-phone-390x844.png")  # the phone's screen as Ana sees it

    # Pressing again before the wait is over is refused the same way (and not counted): still nothing lost.
    ana.get_by_test_id("clarify").click()
    wait_for_slow_downs(ana, "act", 2)
    expect(error).to_have_text(SLOW_DOWN)
    expect(clarify).to_have_value(CLARIFICATION)
    expect(ben.get_by_test_id("clarifications").locator("li")).to_have_count(0)

    # Once her first send has left the window, the same press delivers the same words.
    ana.wait_for_timeout(max(0.0, first_act + WINDOW + 1.5 - time.monotonic()) * 1000)
    ana.get_by_test_id("clarify").click()
    expect(ben.get_by_test_id("clarifications")).to_have_text(f"And: {CLARIFICATION}")
    expect(ana.get_by_test_id("clarifications")).to_have_text(f"And: {CLARIFICATION}")
    expect(error).to_be_hidden()
    expect(ben.get_by_test_id("paraphrase-text")).to_be_visible()  # Ben reflects again, as after any clarification
    assert slow_downs(ana, "act") == 2  # the two early presses, and nothing else
    assert slow_downs(ben, "act") == 0


def test_typing_past_the_coach_limit_never_clears_or_changes_the_draft(paced_partners):
    ana, ben = paced_partners
    pair_up(ana, ben)
    choose_topic_and_hold_the_floor(ana, ben)

    # Ana types in bursts, key by key, stopping a little over a second after each: the coach asks after each
    # pause, three times inside the window, one more than this server allows.
    box = ana.get_by_test_id("speak-text")
    box.click()
    bursts = ["You never listen to me at breakfast. ", "You always look at your phone instead. ",
              "And you never ask how I slept."]
    typed = ""
    first_pause = 0.0
    for burst in bursts:
        box.press_sequentially(burst, delay=10)
        typed += burst
        first_pause = first_pause or time.monotonic()  # the coach's first question goes a second after this
        ana.wait_for_timeout(1300)
        expect(box).to_have_value(typed)
    assert time.monotonic() - first_pause < WINDOW - 1, "the third pause came too late to be past the coach's limit"
    wait_for_slow_downs(ana, "coach", 1)  # the coach's third question was answered slow_down

    # The draft is exactly what she typed, the cursor still in it, and the page says nothing alarming.
    expect(box).to_have_value(typed)
    expect(box).to_be_focused()
    expect(ana.get_by_test_id("error")).to_be_hidden()
    expect(ana.get_by_test_id("connection")).to_have_text("")

    # Meanwhile the coach still shows what it read of the draft before (two of its blaming words); once the wait
    # it was told is over it reads the whole draft by itself (the third too), and the draft stays hers.
    marks = ana.get_by_test_id("coach").locator(".coach-words mark")
    expect(marks).to_have_text(["You never", "You always"])
    expect(marks).to_have_text(["You never", "You always", "you never"], timeout=WINDOW * 1000 + 5000)
    expect(ana.get_by_test_id("coach-suggestion")).to_be_visible()
    ana.wait_for_timeout(2000)
    expect(box).to_have_value(typed)
    expect(box).to_be_focused()
    assert slow_downs(ana, "coach") == 1  # asked again once, after the wait it was told
    assert slow_downs(ana, "act") == 0

    ana.get_by_test_id("speak").click()  # her own words, as typed, not the coach's
    expect(ben.get_by_test_id("statement")).to_have_text(typed.strip())
    expect(box).to_have_value("")
    expect(ana.get_by_test_id("error")).to_be_hidden()
