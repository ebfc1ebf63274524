"""A real Hearth server in its own process, on a free loopback port, for browser and scale-out tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """`python app.py` (or gunicorn) with its own settings; stopped politely or killed outright."""

    def __init__(self, env: dict[str, str], log_path: Path, command: list[str] | None = None,
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Each server writes its emails (there is no MAIL_SERVER) to a folder of its own, which its pages name.
        full_env = {**os.environ, "PORT": str(self.port), "SECRET_KEY": "browser-test-secret",
                    "PYTHONUNBUFFERED": "1", "MAIL_FILE_PATH": str(log_path.parent / f"mail-{self.port}"), **env}
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command or [sys.executable, "app.py"], cwd=ROOT, env=full_env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.log_path = log_path

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_path.read_text()}")
            try:
                if requests.get(self.url + "/", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"server not ready in {timeout}s:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """SIGKILL to the server and its children (gunicorn's worker too): they die without a goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self.log.closed:
            self.log.close()
