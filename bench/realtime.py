"""Benchmark of the live room: many couples with real Socket.IO clients over loopback (not a test).

For each setup (one gunicorn process on SQLite; two gunicorn workers sharing PostgreSQL and Redis,
each couple split across them) and each number of couples, it seeds the couples in the database,
starts the server(s), opens one python-socketio client per partner (asyncio clients, all in this
process) with that partner's signed session cookie, and runs appreciation rounds: every partner acts once every
`--interval` seconds (the partners alternate, so a couple acts every interval/2), a new round starts over HTTP when one
ends, and every page beats `still_here` every 15 s as the real page does. It prints, per run: couples
connected, events per second offered and handled, event-to-partner latency p50/p95/p99/max, and
events lost or doubled (every accepted event must reach both partners' sockets exactly once, in order).

`--baseline relay` adds, at each number of couples, a run of bench/relay_app.py (a Flask-SocketIO app whose `act`
only numbers the event and emits it to both partners: no database, no coaching) under the same gunicorn settings,
and prints Hearth's ratios to it; CPU per handled event is the server's (and the nlp helper's) CPU time over the
measured window divided by the events handled in it. `--synchronous FULL,NORMAL` runs the one-process setup at
each of SQLite's settings, side by side.

Run: .venv/bin/python bench/realtime.py            (about 10 minutes; PostgreSQL and Redis on this machine)
     .venv/bin/python bench/realtime.py --couples 100 --duration 20 --setups one
     .venv/bin/python bench/realtime.py --couples 500,1000 --setups one --baseline relay --synchronous FULL,NORMAL
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import socketio  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from couples.config import SQLITE_SYNCHRONOUS  # noqa: E402
from tests.support.database import migrate  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

SECRET = "bench-secret-" + uuid.uuid4().hex
POSTGRES = os.environ.get("HEARTH_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/hearth_bench")
REDIS = os.environ.get("HEARTH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"]
BEAT_SECONDS = 15
# Every appreciation sent is a different text (a template and the round's number), so no cache of
# analyses can answer for the server: each one is read by spaCy, as the first reading of a message is.
TEMPLATES = ("Thank you for making tea this morning without my asking, on day {n}.",
             "I loved how you listened about my sister, {n} times over this week.",
             "You kept your promise about the dishes for {n} days and I noticed.",
             "Thanks for the {n} minutes you spent walking with me after dinner.",
             "It meant a lot that you called at {n} past five to check on me.",
             "I appreciated you taking the kids for {n} hours so I could rest.")


@dataclass
class Couple:
    """One couple's two clients and where their round is."""

    index: int
    ids: tuple[str, str]
    cookies: tuple[str, str]
    tokens: tuple[str, str]
    urls: tuple[str, str]
    clients: list = field(default_factory=list)
    session_id: int = 0


Pair = tuple[tuple[str, str], tuple[str, str], tuple[str, str]]  # a couple's (ids, cookies, CSRF tokens)

STEPS = [(0, "appreciate", {}), (1, "appreciate", {}), (0, "acknowledge", {"reply": "Thank you"}),
         (1, "acknowledge", {})]


def appreciation(couple: int, session: int, side: int) -> dict[str, str]:
    """A new appreciation text for each couple, round and partner."""
    return {"text": TEMPLATES[(couple + side) % len(TEMPLATES)].format(n=2 * session + side)}


class Tally:
    """Everything the clients saw, with monotonic times; one lock since callbacks come from many threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: dict[tuple, float] = {}              # (session, actor, action) -> emitted at
        self.acked: dict[tuple, int] = {}                # (session, actor, action) -> seq, when accepted
        self.rejected: Counter = Counter()
        self.heard: dict[tuple, list[float]] = defaultdict(list)  # (socket owner, session, seq) -> times
        self.order_broken = 0
        self.last_seq: dict[tuple, int] = {}             # (owner, session) -> last seq heard
        self.partner_latency: dict[tuple, float] = {}    # (session, actor, action) -> seconds

    def hear(self, owner: str, payload: dict, at: float) -> None:
        event = payload["event"]
        session, seq = payload["session_id"], event["seq"]
        with self.lock:
            self.heard[(owner, session, seq)].append(at)
            if seq <= self.last_seq.get((owner, session), 0):
                self.order_broken += 1
            self.last_seq[(owner, session)] = seq
            key = (session, event["actor"], event["action"])
            if owner != event["actor"] and key in self.sent and key not in self.partner_latency:
                self.partner_latency[key] = at - self.sent[key]


def seed(url: str, couples: int) -> list[Pair]:
    """Create `couples` paired couples straight in the database; each partner's (ids, cookies, csrf tokens)."""
    from werkzeug.security import generate_password_hash

    from app import create_app
    from couples.accounts import Couple as CoupleRow
    from couples.accounts import Membership, User
    from couples.accounts.signins import issue
    from couples.extensions import db

    app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url, "HEARTH_LOAD_NLP": False})
    password = generate_password_hash("a quiet evening walk")
    with app.app_context():
        users = [User(email=f"p{n}@bench.example", display_name=f"P{n}", password_hash=password)
                 for n in range(2 * couples)]
        rows = [CoupleRow() for _ in range(couples)]
        db.session.add_all([*users, *rows])
        db.session.flush()
        db.session.add_all(Membership(couple_id=rows[n // 2].id, user_id=user.id, slot=n % 2 + 1)
                           for n, user in enumerate(users))
        tokens = [issue(user.id, "Bench")[1] for user in users]  # a session names a sign-in, never a bare id
        db.session.commit()
        ids = [user.id for user in users]
        db.engine.dispose()
    return signed_people(app, [(str(user_id), {"_user_id": token}) for user_id, token in zip(ids, tokens, strict=True)])


def relay_people(couples: int) -> list[Pair]:
    """The relay's people (bench/relay_app.py keeps no database): ids 1..2n, each cookie naming the couple."""
    from flask import Flask
    app = Flask(__name__)
    app.config["SECRET_KEY"] = SECRET
    people = []
    for n in range(2 * couples):
        couple, first = n // 2, 2 * (n // 2) + 1
        people.append((str(n + 1), {"_user_id": str(n + 1), "relay_couple": couple,
                                    "relay_partners": [str(first), str(first + 1)]}))
    return signed_people(app, people)


def signed_people(app, people: list[tuple[str, dict]]) -> list[Pair]:
    """(ids, cookies, CSRF tokens) of each couple: the signed session cookie a browser holds after signing in
    and opening the room, carrying `people`'s session contents, for consecutive pairs of people."""
    from flask import session
    from flask.sessions import SecureCookieSessionInterface
    from flask_wtf.csrf import generate_csrf

    signer = SecureCookieSessionInterface().get_signing_serializer(app)  # how Flask signs the cookie
    assert signer is not None  # the app has a secret key
    signed = []
    for person, contents in people:
        with app.test_request_context("/"):
            session.update({**contents, "_fresh": True})
            token = generate_csrf()
            signed.append((person, f"{app.config['SESSION_COOKIE_NAME']}={signer.dumps(dict(session))}", token))
    pairs = [(signed[2 * n], signed[2 * n + 1]) for n in range(len(signed) // 2)]
    return [((a[0], b[0]), (a[1], b[1]), (a[2], b[2])) for a, b in pairs]


def fresh_postgres() -> str:
    url = make_url(POSTGRES)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    rendered = url.render_as_string(hide_password=False)
    migrate(rendered)
    return rendered


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User+system CPU of a server: (gunicorn and its worker, the worker's nlp helper process), from /proc."""
    total, helper, pids = 0.0, 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            if b"nlp.worker" in Path(f"/proc/{current}/cmdline").read_bytes():
                helper += seconds
            else:
                total += seconds
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total, helper


class Run:
    """One setup at one number of couples. The clients are asyncio Socket.IO clients in this one process,
    so that a thousand of them cost the machine little (a thread per client held back delivery)."""

    def __init__(self, setup: str, couples: int, args: argparse.Namespace, workdir: Path) -> None:
        self.setup, self.count, self.args, self.workdir = setup, couples, args, workdir
        # "one" runs SQLite at the first of --synchronous; "one-NORMAL" names another setting
        self.synchronous = setup.split("-")[1] if "-" in setup else args.synchronous.split(",")[0].upper()
        self.tally = Tally()
        self.stop_at = 0.0
        self.measure_from = 0.0  # acts emitted before this (the warm-up) are checked but not timed or counted
        self.owners: dict[int, tuple[str, str]] = {}  # session id -> the couple's two user ids

    def start_servers(self) -> list[ServerProcess]:
        threads = str(2 * self.count + 400)
        if self.setup == "relay":  # the floor: bench/relay_app.py under the same gunicorn settings
            self.people = relay_people(self.count)
            env = {"SECRET_KEY": SECRET, "HEARTH_CONNECTIONS": threads, "HEARTH_LOG_LEVEL": "warning"}
            self.servers = [ServerProcess(env, self.workdir / f"server-relay-{self.count}.log",
                                          command=[*GUNICORN[:-1], "bench.relay_app:app"])]
            self.servers[0].wait_ready()
            return self.servers
        if self.setup.startswith("one"):
            for old in self.workdir.glob("bench.sqlite*"):
                old.unlink()
            url = f"sqlite:///{self.workdir / 'bench.sqlite'}"
            migrate(url)
            if self.args.sqlite_wal:  # to measure what SQLite's write-ahead log would change
                import sqlite3
                sqlite3.connect(self.workdir / "bench.sqlite").execute("PRAGMA journal_mode=WAL").fetchall()
            env = {"DATABASE_URL": url, "HEARTH_SQLITE_SYNCHRONOUS": self.synchronous}
            names = ["one"]
        else:
            url = fresh_postgres()
            env = {"DATABASE_URL": url, "SOCKETIO_MESSAGE_QUEUE": REDIS,
                   "SOCKETIO_CHANNEL": f"hearth-bench-{uuid.uuid4().hex}"}
            names = ["a", "b"]
        self.people = seed(url, self.count)
        env.update(SECRET_KEY=SECRET, HEARTH_CONNECTIONS=threads, HEARTH_LOG_LEVEL="warning",
                   # every client of the bench comes from 127.0.0.1: one address opening up to a thousand sockets
                   HEARTH_RATE_LIMITS=json.dumps({"socket connect per address": "100000 per minute"}))
        command = None if self.args.server == "werkzeug" and self.setup.startswith("one") else GUNICORN
        self.servers = [ServerProcess(env, self.workdir / f"server-{self.setup}-{self.count}-{n}.log",
                                      command=command) for n in names]
        for server in self.servers:
            server.wait_ready()
        return self.servers

    async def connect(self, couple: Couple, gate: asyncio.Semaphore) -> bool:
        for side in (0, 1):
            client = socketio.AsyncClient(reconnection=False)
            owner = couple.ids[side]
            client.on("session_event", lambda payload, owner=owner: self.tally.hear(owner, payload, time.monotonic()))
            try:
                async with gate:
                    await client.connect(couple.urls[side], headers={"Cookie": couple.cookies[side]},
                                         transports=["websocket"], wait_timeout=30)
            except socketio.exceptions.ConnectionError:
                return False
            couple.clients.append(client)
        return True

    async def new_round(self, couple: Couple) -> bool:
        """Press Start over HTTP, then open the session on both pages."""
        try:
            async with self.http.post(couple.urls[0] + "/sessions", data={"kind": "appreciation",
                                      "csrf_token": couple.tokens[0]}, headers={"Cookie": couple.cookies[0]},
                                      allow_redirects=False, timeout=aiohttp.ClientTimeout(total=30)) as response:
                couple.session_id = int(response.headers["Location"].rsplit("/", 1)[1])
            self.owners[couple.session_id] = couple.ids
            replies = await asyncio.gather(*(client.call("join_session", {"session_id": couple.session_id,
                                                                           "last_seq": 0}, timeout=30)
                                             for client in couple.clients))
            assert all(reply["ok"] for reply in replies), replies
        except Exception as error:  # noqa: BLE001 - counted, the couple sits out
            self.tally.rejected[f"new_round: {type(error).__name__}"] += 1
            return False
        return True

    async def act(self, couple: Couple, step: int) -> float:
        """One partner's act; returns when it was emitted, after its acknowledgement (or its failure)."""
        side, action, fields = STEPS[step]
        if action == "appreciate":
            fields = appreciation(couple.index, couple.session_id, side)
        actor = couple.ids[side]
        key = (couple.session_id, actor, action)
        emitted = time.monotonic()
        self.tally.sent[key] = emitted
        try:
            reply = await couple.clients[side].call("act", {
                "session_id": couple.session_id, "action": action, "fields": fields,
                "idempotency_key": f"bench-{couple.index:05d}-{couple.session_id:07d}-{step}"}, timeout=60)
        except Exception as error:  # noqa: BLE001 - a timeout or a closed socket: counted
            self.tally.rejected[f"act: {type(error).__name__}"] += 1
            return emitted
        if reply.get("ok"):
            self.tally.acked[key] = reply["seq"]
        else:
            self.tally.rejected[reply["error"]["code"]] += 1
        return emitted

    async def play(self, couple: Couple, first_due: float) -> None:
        """A couple's evening: rounds of four acts, each partner acting every `interval` seconds."""
        half = self.args.interval / 2
        await asyncio.sleep(max(0.0, first_due - time.monotonic()))
        # Each act falls due on a fixed grid (the couple's first moment plus whole half-intervals), whatever
        # the latency of the ones before: the load stays what the run offers, and a slow moment cannot herd
        # the couples into waves. An act still waits for its partner's previous one to be acknowledged.
        slot = 0
        while time.monotonic() < self.stop_at:
            if not await self.new_round(couple):
                return
            for step in range(len(STEPS)):
                await asyncio.sleep(max(0.0, first_due + slot * half - time.monotonic()))
                if time.monotonic() >= self.stop_at:
                    return
                await self.act(couple, step)
                slot += 1

    async def watch_loop(self, lags: list[float]) -> None:
        """How late this process's own event loop wakes (the clients' share of any latency seen)."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - before - 0.01)

    async def beat(self) -> None:
        """Every page's 15-second `still_here`, spread evenly."""
        clients = [c for couple in self.couples for c in couple.clients]
        gap = BEAT_SECONDS / max(len(clients), 1)
        for client in itertools.cycle(clients):
            await asyncio.sleep(gap)
            if client.connected:
                await client.emit("still_here", {})

    def run(self) -> dict:
        self.servers = []
        try:
            return asyncio.run(self.measure(self.start_servers()))
        finally:
            for server in self.servers:
                server.stop()

    async def measure(self, servers: list[ServerProcess]) -> dict:
        urls = [s.url for s in servers]
        self.couples = [Couple(n, ids, cookies, tokens, (urls[0], urls[-1]))
                        for n, (ids, cookies, tokens) in enumerate(self.people)]
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as self.http:
            began = time.monotonic()
            gate = asyncio.Semaphore(self.args.helpers)
            oks = await asyncio.gather(*(self.connect(couple, gate) for couple in self.couples))
            connect_seconds = time.monotonic() - began
            self.couples = [c for c, ok in zip(self.couples, oks, strict=True) if ok]
            for n, couple in enumerate(self.couples):
                couple.index = n
            gc.collect()
            gc.freeze()  # a thousand clients' objects: keep the clients' own collector pauses out of the figures
            beats = asyncio.create_task(self.beat())
            lags: list[float] = []
            watch = asyncio.create_task(self.watch_loop(lags))
            start = time.monotonic()
            self.stop_at = start + self.args.warmup + self.args.duration + self.args.interval / 2
            # Stagger the couples over a whole round (four acts), as couples are not in step with each
            # other: spread over less, every couple would open its next round in the same moment.
            spread = len(STEPS) * self.args.interval / 2 / max(len(self.couples), 1)
            players = [asyncio.create_task(self.play(couple, start + n * spread))
                       for n, couple in enumerate(self.couples)]
            # Every couple opening its first round at once is a rush no evening has: measure after it.
            await asyncio.sleep(self.args.warmup)
            self.measure_from = time.monotonic()
            load_before = os.getloadavg()[0]
            cpu_before = [cpu_seconds(s.process.pid) for s in servers]
            client_before = sum(os.times()[:2])
            await asyncio.sleep(max(0.0, self.stop_at - time.monotonic()))
            offered_window = time.monotonic() - self.measure_from
            await asyncio.sleep(self.args.drain)
            spent = offered_window + self.args.drain
            cpu = [((after[0] - before[0]) / spent, (after[1] - before[1]) / spent)
                   for after, before in zip([cpu_seconds(s.process.pid) for s in servers], cpu_before, strict=True)]
            client_cpu = (sum(os.times()[:2]) - client_before) / spent
            beats.cancel()
            watch.cancel()
            for player in players:
                player.cancel()
            await asyncio.gather(beats, watch, *players, return_exceptions=True)
            result = self.summarise(len(self.couples), connect_seconds, offered_window, cpu, client_cpu)
            result["client_lag_p99_ms"] = pct(sorted(lags), 99)
            result["load_avg"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
            await asyncio.gather(*(client.disconnect() for couple in self.couples for client in couple.clients),
                                 return_exceptions=True)
        return result

    def summarise(self, connected: int, connect_seconds: float, window: float, cpu: list[tuple[float, float]],
                  client_cpu: float) -> dict:
        tally = self.tally
        with tally.lock:
            lost = doubled = 0
            for (session, _actor, _action), seq in tally.acked.items():
                for owner in self.owners[session]:  # both partners' pages must hear it, once
                    times = tally.heard.get((owner, session, seq), [])
                    lost += not times
                    doubled += len(times) > 1
            timed = {key for key, at in tally.sent.items() if at >= self.measure_from}
            latencies = sorted(v for key, v in tally.partner_latency.items() if key in timed)
            seconds: dict[int, list[float]] = defaultdict(list)  # second of the run -> latencies of acts sent in it
            for key in timed & tally.partner_latency.keys():
                seconds[int(tally.sent[key] - self.measure_from)].append(tally.partner_latency[key])
            by_action: dict[str, list[float]] = defaultdict(list)  # appreciations wait for spaCy; the rest don't
            for key in timed & tally.partner_latency.keys():
                by_action[key[2]].append(tally.partner_latency[key])
            sent, accepted, rejected = len(timed), len(timed & tally.acked.keys()), dict(tally.rejected)
            order_broken = tally.order_broken
        timeline = [{"second": second, "acts": len(v), "p50_ms": pct(sorted(v), 50), "max_ms": round(1000 * max(v), 1)}
                    for second, v in sorted(seconds.items())]
        return {"timeline": timeline, "setup": self.setup, "couples": self.count, "connected": connected,
                "connect_s": round(connect_seconds, 1), "target_eps": round(2 * connected / self.args.interval, 1),
                "offered_eps": round(sent / window, 1), "handled_eps": round(accepted / window, 1),
                "p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95), "p99_ms": pct(latencies, 99),
                "max_ms": round(1000 * latencies[-1], 1) if latencies else None, "delivered": len(latencies),
                "lost": lost, "doubled": doubled, "out_of_order": order_broken, "rejected": rejected,
                "server_cpu": [round(c * 100) for c, _ in cpu], "helper_cpu": [round(h * 100) for _, h in cpu],
                # CPU milliseconds per handled event over the measured window and its drain (`cpu` is a share of it)
                "server_cpu_ms_per_event": round(1000 * sum(c for c, _ in cpu) * (window + self.args.drain)
                                                 / max(accepted, 1), 3),
                "helper_cpu_ms_per_event": round(1000 * sum(h for _, h in cpu) * (window + self.args.drain)
                                                 / max(accepted, 1), 3),
                "client_cpu": round(client_cpu * 100),
                "by_action": {name: {"p50_ms": pct(sorted(v), 50), "p95_ms": pct(sorted(v), 95)}
                              for name, v in sorted(by_action.items())}}


def pct(values: list[float], q: int) -> float | None:
    if not values:
        return None
    return round(1000 * statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1) if len(values) > 1 \
        else round(1000 * values[0], 1)


def table(results: list[dict]) -> str:
    head = ("| setup | couples | connected | target ev/s | offered ev/s | handled ev/s | p50 ms | p95 ms | p99 ms "
            "| max ms | lost | doubled | out of order | rejected | server CPU % | nlp helper CPU % "
            "| server CPU ms/event | helper CPU ms/event | load avg |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        lines.append(f"| {r['setup']} | {r['couples']} | {r['connected']} | {r['target_eps']} | {r['offered_eps']} "
                     f"| {r['handled_eps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} "
                     f"| {r['lost']} | {r['doubled']} | {r['out_of_order']} | {sum(r['rejected'].values())} "
                     f"| {'+'.join(map(str, r['server_cpu']))} (client {r['client_cpu']}) "
                     f"| {'+'.join(map(str, r['helper_cpu']))} | {r['server_cpu_ms_per_event']} "
                     f"| {r['helper_cpu_ms_per_event']} | {r['load_avg'][0]}-{r['load_avg'][1]} |")
    return "\n".join(lines)


def ratios(results: list[dict]) -> str:
    """Each Hearth run against the relay run at the same number of couples (same clients, same run)."""
    relay = {r["couples"]: r for r in results if r["setup"] == "relay"}
    head = ("| setup | couples | p50 x | p95 x | p99 x | server CPU/event x | server+helper CPU/event x |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]

    def x(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}" if a is not None and b else "-"

    for r in results:
        floor = relay.get(r["couples"])
        if r["setup"] == "relay" or floor is None:
            continue
        both = r["server_cpu_ms_per_event"] + r["helper_cpu_ms_per_event"]
        floor_both = floor["server_cpu_ms_per_event"] + floor["helper_cpu_ms_per_event"]
        lines.append(f"| {r['setup']} | {r['couples']} | {x(r['p50_ms'], floor['p50_ms'])} "
                     f"| {x(r['p95_ms'], floor['p95_ms'])} | {x(r['p99_ms'], floor['p99_ms'])} "
                     f"| {x(r['server_cpu_ms_per_event'], floor['server_cpu_ms_per_event'])} | {x(both, floor_both)} |")
    return "\n".join(lines) if len(lines) > 2 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--couples", default="100,250,500", help="comma-separated numbers of couples")
    parser.add_argument("--setups", default="one,two", help="one (SQLite, one process), two (PostgreSQL+Redis)")
    parser.add_argument("--duration", type=float, default=40, help="seconds of acting measured per run")
    parser.add_argument("--warmup", type=float, default=25,
                        help="seconds of acting before the measured part (every couple opening its first round)")
    parser.add_argument("--interval", type=float, default=5, help="seconds between one partner's events")
    parser.add_argument("--drain", type=float, default=5, help="seconds to wait for late deliveries")
    parser.add_argument("--helpers", type=int, default=64, help="sockets connecting at once")
    parser.add_argument("--server", choices=("gunicorn", "werkzeug"), default="gunicorn",
                        help="the one-process server (two workers always run gunicorn)")
    parser.add_argument("--sqlite-wal", action="store_true", help="put the one-process SQLite file in WAL mode")
    parser.add_argument("--max-couples", type=int, default=1000, help="refuse to go above this")
    parser.add_argument("--baseline", choices=("relay",), help="also run bench/relay_app.py (the framework's floor) "
                        "at each number of couples, with the same clients, and print Hearth's ratios to it")
    parser.add_argument("--synchronous", default=SQLITE_SYNCHRONOUS,
                        help="SQLite's synchronous setting(s) for the one-process setup, e.g. FULL,NORMAL "
                             f"(default: the app's own, {SQLITE_SYNCHRONOUS})")
    args = parser.parse_args()
    counts = [int(n) for n in args.couples.split(",")]
    if max(counts) > args.max_couples:
        parser.error(f"at most {args.max_couples} couples")
    setups = []
    for setup in args.setups.split(","):
        modes = args.synchronous.upper().split(",")
        setups += [f"one-{mode}" for mode in modes] if setup == "one" and len(modes) > 1 else [setup]
    if args.baseline:
        setups.append(args.baseline)
    results = []
    workdir = Path(tempfile.mkdtemp(prefix="hearth-bench-"))
    try:
        for count in counts:  # every setup at one number of couples, one after another, then the next number
            for setup in setups:
                started = time.monotonic()
                result = Run(setup, count, args, workdir).run()
                result["run_s"] = round(time.monotonic() - started)
                results.append(result)
                print(json.dumps({k: v for k, v in result.items() if k != "timeline"}), flush=True)
    finally:
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        (out / "realtime.json").write_text(json.dumps(results, indent=1))
        logs = out / "realtime-logs"
        shutil.rmtree(logs, ignore_errors=True)
        shutil.copytree(workdir, logs, ignore=shutil.ignore_patterns("*.sqlite*"))
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n{os.cpu_count()} cores; every partner acts every {args.interval:g} s for {args.duration:g} s; "
          f"latency = a partner's act emitted -> the other partner's session_event received")
    print(table(results))
    if args.baseline:
        print("\nHearth / relay (above 1 is slower or costlier than the framework's floor):")
        print(ratios(results))


if __name__ == "__main__":
    main()
