"""Benchmark of Hearth's nlp analyzer against the bare spaCy parse, measured side by side.

Run: .venv/bin/python bench/nlp_bench.py   (not a test; prints a Markdown table)
"""
from __future__ import annotations

import time

IMPORT_START = time.perf_counter()

import os
import platform
import random
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nlp  # noqa: E402
from nlp.component import BLAME_KEY  # noqa: E402
from nlp.pipeline import loaded  # noqa: E402

IMPORT_S = time.perf_counter() - IMPORT_START

REPEATS = 400
WARMUP = 40
BATCH_MESSAGES = 600
BATCH_ROUNDS = 8
WORDS = ("you never listen to me when I talk about work and the dishes are always left in the sink "
         "after dinner I feel tired and I would like us to plan the weekend together because your "
         "phone is on the table every night and I miss talking with you about our day").split()


def rss_mb() -> float:
    """Resident memory of this process in MB, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def messages(n_words: int, count: int, seed: int) -> list[str]:
    """Deterministic pseudo-messages of n_words words, several sentences when long."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(n_words)]
        for i in range(12, n_words, 15):
            words[i] += "."
        out.append(" ".join(words).capitalize() + ".")
    return out


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds."""
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49] * 1000, q[94] * 1000, q[98] * 1000


def interleaved(texts: list[str], a: Callable[[str], object],
                b: Callable[[str], object]) -> tuple[list[float], list[float]]:
    """Time a and b on the same texts, alternating call by call so drift hits both alike."""
    ta: list[float] = []
    tb: list[float] = []
    for text in texts[:WARMUP]:
        a(text), b(text)
    for i, text in enumerate(texts):
        first, second, times = (a, b, (ta, tb)) if i % 2 else (b, a, (tb, ta))
        start = time.perf_counter()
        first(text)
        mid = time.perf_counter()
        second(text)
        end = time.perf_counter()
        times[0].append(mid - start)
        times[1].append(end - mid)
    return ta, tb


def main() -> None:
    """Measure load, latency, throughput and memory; print one Markdown table."""
    rss_before = rss_mb()
    start = time.perf_counter()
    nlp.load()
    load_s = time.perf_counter() - start
    rss_after = rss_mb()
    current = loaded()
    language = current.language
    bare_pipes = [(name, proc) for name, proc in language.pipeline if name != BLAME_KEY]

    def bare(text: str) -> object:
        doc = language.make_doc(text)
        for _, proc in bare_pipes:
            doc = proc(doc)
        return doc

    rows = [("model load, nlp.load() (s)", f"{load_s:.2f}", "", "", "<= 2 s"),
            ("import spacy + nlp, then load (s)", f"{IMPORT_S + load_s:.2f}", "", "", ""),
            ("resident memory after load (MB)", f"{rss_after:.0f}", f"(before: {rss_before:.0f})", "",
             "< 250 MB")]
    for n_words, seed in ((5, 1), (20, 2), (60, 3)):
        texts = messages(n_words, REPEATS + WARMUP, seed)
        ours, base = interleaved(texts, nlp.analyze, bare)
        o, b = percentiles(ours), percentiles(base)
        for label, x, y in zip(("p50", "p95", "p99"), o, b, strict=True):
            target = "<= 1.25x" if label == "p95" else ""
            rows.append((f"{n_words}-word message, {label} (ms)", f"{x:.2f}", f"{y:.2f}", f"{x / y:.2f}x",
                         target))
    batch = messages(20, BATCH_MESSAGES, 4)
    list(language.pipe(batch[:50])), nlp.analyze_many(batch[:50])
    rates: dict[str, list[float]] = {"ours": [], "bare": []}

    def bare_pipe() -> None:
        with language.select_pipes(disable=[BLAME_KEY]):
            list(language.pipe(batch, batch_size=64))

    runs = {"ours": lambda: nlp.analyze_many(batch), "bare": bare_pipe}
    for round_ in range(BATCH_ROUNDS):
        # Alternate which goes first so a busy neighbour on the machine slows both alike.
        for name in (("ours", "bare") if round_ % 2 else ("bare", "ours")):
            start = time.perf_counter()
            runs[name]()
            rates[name].append(len(batch) / (time.perf_counter() - start))
    ours_rate, bare_rate = statistics.median(rates["ours"]), statistics.median(rates["bare"])
    # Each round's two runs sit side by side in time, so the median of per-round ratios is the
    # figure least moved by other work on the machine.
    ratio = statistics.median(o / b for o, b in zip(rates["ours"], rates["bare"], strict=True))
    rows.append(("batch throughput, 20 words (msg/s)", f"{ours_rate:.0f}", f"{bare_rate:.0f}",
                 f"{ratio:.2f}x", ">= 0.8x"))
    rows.append(("resident memory at end (MB)", f"{rss_mb():.0f}", "", "", "< 250 MB"))
    print(f"# nlp bench {time.strftime('%Y-%m-%d')} | python {platform.python_version()} | "
          f"{os.cpu_count()} cores | pipeline {language.pipe_names} | model {current.name}")
    print(f"# {REPEATS} timed calls per size after {WARMUP} warm-up calls, analyze and bare parse interleaved")
    print("| figure | analyze | bare parse | ratio | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
