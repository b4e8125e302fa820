from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_helpers import run_cli


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


@pytest.fixture()
def cli(db_path):
    return run_cli
