"""Schemathesis against the OpenAPI spec of a live server: no server errors, no responses that
violate the documented schemas or status codes."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


@pytest.fixture(scope="module")
def live(db_path):
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


def test_schemathesis_finds_no_failures(live):
    exe = shutil.which("schemathesis") or shutil.which("st")
    assert exe, "schemathesis is a test dependency"
    r = subprocess.run([exe, "run", live + "/api/v1/openapi.json", "--checks",
                        "not_a_server_error,response_schema_conformance,status_code_conformance",
                        "--max-examples", "10", "--seed", "1"],
                       capture_output=True, text=True, timeout=600)
    tail = r.stdout[-3000:]
    assert r.returncode == 0, tail
    assert " passed" in tail and "failures" not in tail.split("SUMMARY")[-1], tail
