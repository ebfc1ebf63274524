"""Many real Socket.IO clients connecting to a real server in the same instant, as pages do after a restart."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import socketio


def connect_at_once(url: str, cookies: list[str], timeout: float = 15) -> list[tuple[str, str]]:
    """Open one client (a real WebSocket) per cookie, all released by one barrier; for each, in order,
    ("connected", "") or ("refused", the server's sentence) or ("no answer", "") when nothing came back
    within `timeout` seconds. Every client is closed again before this returns."""
    barrier = threading.Barrier(len(cookies))
    clients: list[socketio.Client] = []

    def open_one(cookie: str) -> tuple[str, str]:
        client = socketio.Client(reconnection=False)
        clients.append(client)
        refusals: list[str] = []
        client.on("connect_error", lambda data: refusals.append((data or {}).get("message", str(data))))
        barrier.wait()
        try:
            client.connect(url, headers={"Cookie": cookie}, transports=["websocket"], wait_timeout=timeout)
        except socketio.exceptions.ConnectionError:
            return ("refused", refusals[0]) if refusals else ("no answer", "")
        return "connected", ""

    with ThreadPoolExecutor(len(cookies)) as pool:
        try:
            return list(pool.map(open_one, cookies))
        finally:  # side by side: a client's goodbye can take a threaded server a few seconds to answer
            list(pool.map(lambda client: client.connected and client.disconnect(), clients))
