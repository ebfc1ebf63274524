"""Benchmark of the coach's memory: the spaCy helper process reading drafts full of words it never saw.

Run: .venv/bin/python bench/nlp_memory.py [--drafts 50000]   (not a test; prints a Markdown table)

Starts the helper exactly as the server does (`python -m nlp.worker`, JSON lines in and out), twice
side by side: forgetting each batch's new words (spaCy's memory_zone, the default) and keeping them
(HEARTH_NLP_FORGET=0, how it was before). Each is sent the same drafts, every one holding three
made-up words never seen before (like names, typos and places in what people write), in batches of 32
as a busy server would; its resident memory (VmRSS from /proc) is read after a warm-up, at the middle
and at the end. Target (issue 21): growth <= 10 MB over 50,000 drafts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 32
WARMUP = 1000
TARGET_MB = 10.0
SENTENCES = ("You never listen when {a} calls about {b}.", "I felt hurt when {a} came up at {b}'s place.",
             "Can we talk about {a} and {b} this week?", "You always bring up {a} when I mention {c}.",
             "I would like us to plan {a} with {b} and {c}.")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def novel(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 11)))


def drafts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(SENTENCES).format(a=novel(rng), b=novel(rng), c=novel(rng)) for _ in range(count)]


def run(forget: bool, texts: list[str]) -> dict[str, float]:
    env = {**os.environ, "HEARTH_NLP_FORGET": "1" if forget else "0", "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-m", "nlp.worker"], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert worker.stdin is not None and worker.stdout is not None
    ready = json.loads(worker.stdout.readline())
    assert ready.get("ready"), ready
    marks: dict[str, float] = {}
    start = time.perf_counter()
    sent = 0
    for begin in range(0, len(texts), BATCH):
        batch = texts[begin:begin + BATCH]
        worker.stdin.write(b"".join((json.dumps({"id": sent + i, "op": "analyze", "text": t}) + "\n").encode()
                                    for i, t in enumerate(batch)))
        worker.stdin.flush()
        for _ in batch:
            reply = json.loads(worker.stdout.readline())
            assert reply["ok"], reply
        sent += len(batch)
        if sent >= WARMUP and "start" not in marks:
            marks["start"] = rss_mb(worker.pid)
        if sent >= WARMUP + (len(texts) - WARMUP) // 2 and "middle" not in marks:
            marks["middle"] = rss_mb(worker.pid)
    marks["end"] = rss_mb(worker.pid)
    marks["seconds"] = time.perf_counter() - start
    worker.stdin.close()
    worker.wait(timeout=30)
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=50_000, help="drafts after the warm-up")
    args = parser.parse_args()
    texts = drafts(WARMUP + args.drafts, seed=21)
    rows = [("forgets new words (memory_zone, default)", run(True, texts)),
            ("keeps every word (HEARTH_NLP_FORGET=0)", run(False, texts))]
    print(f"\n{args.drafts:,} drafts of 3 new words each after {WARMUP:,} to warm up, batches of {BATCH}; "
          f"load average {os.getloadavg()[0]:.2f}\n")
    print("| helper | RSS after warm-up MB | middle MB | end MB | growth MB | drafts/s | <= 10 MB |")
    print("|---|---|---|---|---|---|---|")
    for label, m in rows:
        growth = m["end"] - m["start"]
        print(f"| {label} | {m['start']:.1f} | {m['middle']:.1f} | {m['end']:.1f} | {growth:+.1f} | "
              f"{(WARMUP + args.drafts) / m['seconds']:.0f} | {'yes' if growth <= TARGET_MB else 'NO'} |")


if __name__ == "__main__":
    main()
