"""The helper process reads messages exactly as the server's own process would, and losing it loses nothing."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import nlp
from nlp import helper as helper_module
from nlp.helper import Helper
from nlp.pipeline import loaded

LINES = ["You never listen to me.", "You always make me laugh.", "I feel hurt when you're late.",
         "Why can't you ever just help?", "You made me miss the bus.", "Thank you for the tea, love.",
         "I feel like you don't care about us anymore.", "You're so selfish."]


@pytest.fixture()
def helper(monkeypatch):
    monkeypatch.setattr(helper_module, "RESTART_SECONDS", 0.0)
    started = Helper(loaded().name)
    started.start()
    wait_ready(started)
    yield started
    started.stop()


def wait_ready(helper: Helper, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not helper.ready:
        assert time.monotonic() < deadline, "the helper never became ready"
        time.sleep(0.05)


def test_the_helper_reads_every_line_as_the_server_would(helper):
    for line in LINES:
        assert helper.ask({"op": "analyze", "text": line}) == nlp.analyze(line).to_dict()
    statement, paraphrase = "I felt alone at the party", "You felt left out at the party"
    assert helper.ask({"op": "paraphrase", "statement": statement, "paraphrase": paraphrase}) == \
        nlp.paraphrase_feedback(statement, paraphrase).to_dict()


def test_many_partners_at_once_each_get_their_own_answer(helper):
    texts = [f"{LINES[n % len(LINES)]} ({n})" for n in range(120)]
    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(lambda text: helper.ask({"op": "analyze", "text": text}), texts))
    assert [a["text"] for a in answers] == texts
    assert answers == [nlp.analyze(text).to_dict() for text in texts]


def test_a_text_the_helper_refuses_is_left_to_the_server(helper):
    assert helper.ask({"op": "analyze", "text": "   "}) is None  # the server then raises its own kind error
    assert helper.ask({"op": "nonsense"}) is None
    assert helper.ask({"op": "analyze", "text": "You never call."})["blaming"] is True  # and it carries on


def test_a_killed_helper_answers_nothing_then_comes_back(helper):
    os.kill(helper.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while helper.ready:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert helper.ask({"op": "analyze", "text": "You never call."}) is None  # read in-process meanwhile
    wait_ready(helper)
    assert helper.ask({"op": "analyze", "text": "You never call."})["blaming"] is True


def test_a_helper_whose_model_is_missing_says_so_and_stays_out_of_the_way(monkeypatch):
    monkeypatch.setattr(helper_module, "RESTART_SECONDS", 60.0)
    broken = Helper("no_such_model_anywhere")
    broken.start()
    time.sleep(0.5)
    deadline = time.monotonic() + 60
    process = broken._process
    assert process is not None
    while process.poll() is None:  # it reports and exits
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert not broken.ready
    assert broken.ask({"op": "analyze", "text": "You never call."}) is None
    broken.stop()
