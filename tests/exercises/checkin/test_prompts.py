"""The check-in's prompts stay fresh week after week: pools as data, drawn without repeating the last few weeks."""

from __future__ import annotations

import json

import pytest

from exercises import checkin
from exercises.checkin.prompts import FRESH_FOR, MIN_PER_STEP, POOLS, PROMPT_STEPS, QUESTIONS, asks, draw, load
from exercises.checkin.state import RITUAL


def test_every_step_has_a_pool_of_at_least_five_warm_prompts():
    assert set(PROMPT_STEPS) == {step.value for step in RITUAL}
    for step in PROMPT_STEPS:
        assert len(POOLS[step]) >= MIN_PER_STEP
        for prompt in POOLS[step]:
            assert prompt["text"].strip() and len(prompt["text"]) < 160
            assert not any(word in prompt["text"].lower() for word in ("symptom", "disorder", "fault", "blame"))


def test_the_same_seed_draws_the_same_prompts():
    assert draw(42) == draw(42)
    assert {step: p["id"] for step, p in draw(42).items()}.keys() == set(PROMPT_STEPS)


@pytest.mark.parametrize("seed", range(40))
def test_no_step_repeats_last_weeks_prompt(seed):
    last_week = {step: prompt["id"] for step, prompt in draw(seed + 1000).items()}
    this_week = draw(seed, last_week)
    assert all(this_week[step]["id"] != last_week[step] for step in PROMPT_STEPS)


def test_months_of_check_ins_see_every_prompt():
    seen, previous = set(), None
    for week in range(60):
        chosen = draw(week, previous)
        seen |= {p["id"] for p in chosen.values()}
        previous = {step: p["id"] for step, p in chosen.items()}
    assert seen == {p["id"] for pool in POOLS.values() for p in pool}


def weeks_of_prompts(weeks: int, pools=POOLS, first_seed: int = 0) -> list[dict[str, str]]:
    """Each simulated week's prompt id per step, oldest first, every draw told the weeks before it."""
    history: list[dict[str, str]] = []
    for week in range(weeks):
        recent = {step: [shown[step] for shown in reversed(history)] for step in PROMPT_STEPS}  # newest first
        chosen = draw(first_seed + week * 7919, recent, pools=pools)
        history.append({step: prompt["id"] for step, prompt in chosen.items()})
    return history


@pytest.mark.parametrize("first_seed", range(5))
def test_over_five_years_of_weeks_no_prompt_returns_within_the_last_few_check_ins(first_seed):
    assert FRESH_FOR >= 3  # "several weeks"
    history = weeks_of_prompts(260, first_seed=first_seed)
    for step in PROMPT_STEPS:
        ids = [week[step] for week in history]
        for week, prompt_id in enumerate(ids):
            assert prompt_id not in ids[max(0, week - FRESH_FOR):week], (step, week)
        assert set(ids) == {p["id"] for p in POOLS[step]}  # and every prompt comes round again


def test_a_pool_too_small_to_wait_that_long_avoids_what_it_can_and_never_runs_dry():
    words = {step: [{"id": f"{step}-{n}", "text": f"Prompt {n}"} for n in range(MIN_PER_STEP)] for step in PROMPT_STEPS}
    pools = {**words, "wins": words["wins"][:3], "hard": words["hard"][:2], "close": words["close"][:1]}
    history = weeks_of_prompts(40, pools=pools)
    wins, hard, close = ([week[step] for week in history] for step in ("wins", "hard", "close"))
    assert all(wins[week] not in wins[week - 2:week] for week in range(2, 40))  # a three-prompt pool: every third week
    assert all(hard[week] != hard[week - 1] for week in range(1, 40))  # two prompts: they take turns
    assert set(close) == {"close-0"}  # one prompt: always that one


def test_the_drawn_prompts_are_what_each_step_shows():
    prompts = draw(7)
    state = checkin.start(("1", "2"), "", prompts=prompts)
    assert checkin.view(state, "1")["prompt"] == prompts["arrive"]["text"]


@pytest.mark.parametrize("step", ["arrive", "close"])
def test_every_prompt_asks_what_its_slider_asks_in_the_same_words(step):
    """The close prompt once asked how close the partner feels while the slider asked how connected you feel."""
    for prompt in POOLS[step]:
        assert asks(prompt["text"], QUESTIONS[step]), prompt
    assert not asks("How close does your partner feel now?", QUESTIONS["close"])


@pytest.mark.parametrize("change", [
    lambda pools: pools.pop("close"),
    lambda pools: pools["wins"].pop(),
    lambda pools: pools["wins"].__setitem__(0, {"id": "wins-2", "text": "a repeated id"}),
    lambda pools: pools["hard"].__setitem__(0, {"id": "hard-x", "text": "  "}),
    lambda pools: pools["hard"].__setitem__(0, {"id": "hard-y", "text": "ok", "tone": "extra key"}),
    lambda pools: pools["close"].__setitem__(0, {"id": "close-x", "text": "How close does your partner feel now?"}),
])
def test_a_broken_prompt_file_is_refused_when_loaded(tmp_path, change):
    pools = {step: [dict(p) for p in POOLS[step]] for step in PROMPT_STEPS}
    if len(pools["wins"]) > MIN_PER_STEP:
        pools["wins"] = pools["wins"][:MIN_PER_STEP]
    change(pools)
    path = tmp_path / "prompts.json"
    path.write_text(json.dumps(pools))
    with pytest.raises(ValueError, match="check-in prompts"):
        load(path)
