import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(db_path):
    from tiptrace.web.app import create_app

    return TestClient(create_app(str(db_path)))


@pytest.fixture(scope="module")
def live_server(db_path):
    """The app under uvicorn on a free loopback port, as `tiptrace serve` runs it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TIPTRACE_DB": str(db_path)}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "tiptrace.web.asgi:app",
                             "--port", str(port), "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)
