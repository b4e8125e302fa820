"""Real servers for tests: uvicorn on a free loopback port, stopped when the block ends."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server at {url}")


@contextlib.contextmanager
def uvicorn_server(db: str, *args: str):
    """`uvicorn tiptrace.web.asgi:app` over the store DB; yields (url, process)."""
    port = free_port()
    env = {**os.environ, "TIPTRACE_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tiptrace.web.asgi:app",
                             "--port", str(port), "--log-level", "warning", *args], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(20)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


@contextlib.contextmanager
def tiptrace_serve(db: str, *options: str):
    """`tiptrace serve` (the CLI, with its uvicorn settings) over DB; yields (url, process)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tiptrace", "--db", str(db), "serve",
                             "--port", str(port), *options], stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url)
        yield url, port
    finally:
        proc.terminate()
        proc.wait(20)
