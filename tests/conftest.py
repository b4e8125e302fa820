from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "tiptrace.sqlite"
    os.environ["TIPTRACE_DB"] = str(path)  # every CLI call in the session uses this store
    return path


@pytest.fixture(scope="session")
def store(db_path):
    from tiptrace.record.store import Store

    return Store.open(str(db_path))


@pytest.fixture()
def fresh_store(tmp_path):
    """A store of its own, for tests that write."""
    from tiptrace.record.store import Store

    return Store.open(str(tmp_path / "own.sqlite"))


def run_cli(*args: str, db: str | None = None, stdin: str | None = None):
    """Run the installed CLI the way a user does (a real process, real exit code)."""
    env = dict(os.environ)
    if db:
        env["TIPTRACE_DB"] = db
    return subprocess.run([sys.executable, "-m", "tiptrace", *args], capture_output=True,
                          text=True, env=env, input=stdin, timeout=120)


@pytest.fixture()
def cli(db_path):
    return run_cli
