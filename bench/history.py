"""Benchmark of looking back: a couple with five years of weekly check-ins, and how fast their pages answer.

Run: .venv/bin/python bench/history.py [--weeks 260] [--repeats 15]   (not a test; prints a Markdown table)

One real check-in is played through the service layer (the same unit of work a socket act uses, with
the coach reading every line), then its session and event rows are copied once a week back in time, so
every copied week holds the same words, ratings, coaching and step changes a real one does. The pages
are then asked for through Flask's test client in this one process, on the embedded default (SQLite
in a temporary folder), each REPEATS times after WARMUP unmeasured calls, and their medians are
compared with the room page's, measured in the same run. Target (issue 18): medians <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from app import MIGRATIONS, create_app  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from couples import log  # noqa: E402
from couples.extensions import db  # noqa: E402
from tests.support.accounts import Accounts, Person  # noqa: E402
from tests.support.sessions import play_checkin  # noqa: E402

WARMUP = 2
TARGET_MS = 300.0


def seed(app: Flask, weeks: int) -> tuple[Person, int, int]:
    """A couple (ana, ben) with `weeks` finished weekly check-ins; (ana, newest id, oldest id)."""
    accounts = Accounts(app)
    ana, ben = accounts.couple("ana", "ben")
    first = play_checkin(app, ana, ben)
    with app.app_context():
        source = db.session.get(log.ExerciseSession, first)
        assert source is not None and source.finished_at is not None
        rows = list(db.session.scalars(select(log.SessionEvent).where(log.SessionEvent.session_id == first)
                                       .order_by(log.SessionEvent.seq)))
        oldest = first
        for week in range(1, weeks):
            shift = timedelta(weeks=week)
            copy = log.ExerciseSession(couple_id=source.couple_id, kind=source.kind, partner_ids=source.partner_ids,
                                       options=source.options, started_by_id=source.started_by_id,
                                       started_at=source.started_at - shift, finished_at=source.finished_at - shift,
                                       last_seq=source.last_seq)
            db.session.add(copy)
            db.session.flush()
            db.session.execute(insert(log.SessionEvent), [
                {"session_id": copy.id, "seq": r.seq, "actor_id": r.actor_id, "action": r.action, "fields": r.fields,
                 "outcome": r.outcome, "idempotency_key": f"{copy.id}-{r.seq}", "created_at": r.created_at - shift}
                for r in rows])
            oldest = copy.id
        db.session.commit()
        count = db.session.scalar(select(db.func.count()).select_from(log.SessionEvent))
    print(f"seeded {weeks} weekly check-ins, {count} events")
    return ana, first, oldest


def timed(client, path: str, repeats: int) -> tuple[list[float], int]:
    """Response times in ms of `repeats` GETs of `path` (after WARMUP), and the last response's size."""
    size = 0
    for _ in range(WARMUP):
        client.get(path)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.get_data())
    return samples, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=260, help="weekly check-ins to seed (260 = five years)")
    parser.add_argument("--repeats", type=int, default=15, help="measured requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "HEARTH_NLP_PROCESS": False, "TESTING": True})
        with app.app_context():
            upgrade(directory=MIGRATIONS)
        ana, newest, oldest = seed(app, args.weeks)
        pages = [("room (baseline)", "/"), ("history, first page", "/history/"),
                 ("history, last page", f"/history/?page={(args.weeks + 19) // 20}"),
                 ("history, check-in only", "/history/?kind=checkin"),
                 ("one transcript (oldest)", f"/history/{oldest}"), ("trends", "/trends"),
                 ("export, JSON", "/your-data/export.json"), ("export, HTML", "/your-data/export.html")]
        results = []
        for label, path in pages:
            samples, size = timed(ana.client, path, args.repeats)
            results.append((label, path, statistics.median(samples), max(samples), size))
    room = results[0][2]
    print(f"\n{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}; {args.weeks} weekly check-ins, {args.repeats} requests per page\n")
    print("| page | path | median ms | max ms | / room | size KB | <= 300 ms |")
    print("|---|---|---|---|---|---|---|")
    for label, path, median, worst, size in results:
        print(f"| {label} | `{path}` | {median:.1f} | {worst:.1f} | {median / room:.2f}x | {size / 1024:.0f} | "
              f"{'yes' if median <= TARGET_MS else 'NO'} |")


if __name__ == "__main__":
    main()
