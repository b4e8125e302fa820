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


# PostgreSQL: the store, import and concurrency tests also run against the server that
# TIPTRACE_TEST_PG names (`.ci/run` starts one); each test gets a database of its own.
PG_URL = os.environ.get("TIPTRACE_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A location for a store of the test's own: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "own.sqlite")
        return
    if not PG_URL:
        pytest.skip("set TIPTRACE_TEST_PG to a PostgreSQL URL")
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture()
def any_store(store_url):
    """A store of the test's own, on SQLite and (when a server is given) PostgreSQL."""
    from tiptrace.record.store import Store

    store = Store.open(store_url)
    yield store
    store.close()
