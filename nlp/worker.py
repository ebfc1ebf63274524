"""A process that reads messages for a server: `python -m nlp.worker [model]`, JSON lines in and out.

The server's process juggles every couple's sockets; reading a message with spaCy takes it a few
milliseconds of CPU (a long one far more), during which no other couple is served. Run here, that work
goes to another core, and a long message delays only the messages queued behind it.

Requests, one JSON object per line on stdin:
  {"id": 7, "op": "analyze", "text": "..."}                          -> Analysis.to_dict()
  {"id": 8, "op": "paraphrase", "statement": "...", "paraphrase": "..."} -> ParaphraseFeedback.to_dict()
Replies, one per line on stdout, in any order: {"id": 7, "ok": true, "result": {...}} or
{"id": 7, "ok": false, "error": "..."}. The first line written is {"ready": true, "model": name} once
the model is loaded, or {"ready": false, "error": "..."} before exiting if it cannot be. Requests that
are waiting together are read in one batch (spaCy's pipe), which is cheaper per message.
"""

from __future__ import annotations

import gc
import json
import os
import select
from contextlib import nullcontext
import sys
from typing import Any

BATCH = 32


def _answer(request: dict[str, Any], result: dict[str, Any] | None = None, error: str | None = None) -> bytes:
    reply = {"id": request.get("id"), "ok": error is None}
    if error is None:
        reply["result"] = result
    else:
        reply["error"] = error
    return (json.dumps(reply) + "\n").encode()


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def serve(model: str | None, stdin: int, stdout: int) -> None:
    """Answer requests from the file descriptor `stdin` on `stdout` until stdin closes."""
    import nlp  # here, so a broken install is reported on the ready line
    from nlp.analysis import analyze_many

    try:
        nlp.load(model)
    except Exception as error:  # noqa: BLE001 - told to the server, which then reads in-process
        _write(stdout, (json.dumps({"ready": False, "error": str(error)}) + "\n").encode())
        return
    from nlp.pipeline import forgetting, loaded

    forget = os.environ.get("HEARTH_NLP_FORGET", "1") != "0"  # 0: keep every word (bench/nlp_memory.py compares)
    gc.collect()
    gc.freeze()  # the model lives as long as the process: full collections need not walk it
    _write(stdout, (json.dumps({"ready": True, "model": loaded().name}) + "\n").encode())
    pending = b""
    while True:
        chunk = os.read(stdin, 1 << 16)
        if not chunk:
            return
        pending += chunk
        while select.select([stdin], [], [], 0)[0]:  # take everything already sent, for one batch
            more = os.read(stdin, 1 << 16)
            if not more:
                break
            pending += more
        *lines, pending = pending.split(b"\n")
        requests = []
        for line in lines:
            if line.strip():
                try:
                    requests.append(json.loads(line))
                except ValueError:
                    _write(stdout, _answer({}, error="unreadable request"))
        with forgetting() if forget else nullcontext():  # answered as plain bytes inside: new words go after
            replies = b"".join(_answers(requests, analyze_many))
        _write(stdout, replies)


def _answers(requests: list[dict[str, Any]], analyze_many: Any) -> list[bytes]:
    import nlp

    out: list[bytes] = []
    texts = [r for r in requests if r.get("op") == "analyze"]
    for start in range(0, len(texts), BATCH):
        batch = texts[start:start + BATCH]
        try:
            results = analyze_many([r.get("text") for r in batch])
            out += [_answer(r, a.to_dict()) for r, a in zip(batch, results, strict=True)]
        except Exception:  # noqa: BLE001 - one bad text must not fail its neighbours: answer one by one
            for request in batch:
                out.append(_one(request, lambda r: nlp.analyze(r.get("text")).to_dict()))
    for request in requests:
        if request.get("op") == "paraphrase":
            out.append(_one(request, lambda r: nlp.paraphrase_feedback(r.get("statement"),
                                                                       r.get("paraphrase")).to_dict()))
        elif request.get("op") != "analyze":
            out.append(_answer(request, error="unknown op"))
    return out


def _one(request: dict[str, Any], work: Any) -> bytes:
    try:
        return _answer(request, work(request))
    except Exception as error:  # noqa: BLE001 - reported to the one request that caused it
        return _answer(request, error=f"{type(error).__name__}: {error}")


if __name__ == "__main__":
    serve(sys.argv[1] if len(sys.argv) > 1 else None, sys.stdin.fileno(), sys.stdout.fileno())
