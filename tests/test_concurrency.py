"""Writers and readers at once: reads never wait for a write, two imports at once both succeed."""

from __future__ import annotations

import sqlite3
import time

import pytest

from cli_helpers import Child
from tiptrace.record import packaged
from tiptrace.record.importer import import_file
from tiptrace.record.store import Store


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_import_commits_while_a_reader_holds_a_snapshot(store_url, tmp_path):
    store = Store.open(store_url)
    with sqlite3.connect(store_url, timeout=1) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reader = sqlite3.connect(store_url, isolation_level=None)
    reader.execute("BEGIN")
    before = reader.execute("SELECT COUNT(*) FROM tip_tiers WHERE origin <> 'packaged'").fetchone()
    rows = tmp_path / "rows.csv"
    rows.write_text("iso3,report_year,tier,source\nUSA,2011,1,https://example.org/2011\n")
    started = time.perf_counter()
    import_file(store, rows)  # in rollback-journal mode this waited for the reader, then failed
    took = time.perf_counter() - started
    # The reader still sees its snapshot; a new read sees the import.
    assert reader.execute("SELECT COUNT(*) FROM tip_tiers WHERE origin <> 'packaged'").fetchone() \
        == before == (0,)
    reader.execute("COMMIT")
    assert store.imported_origins() == ["import:rows.csv"]
    assert took < 5, took  # not the old driver's five-second lock wait (it then failed)


def test_two_imports_at_once_both_succeed(store_url, tmp_path):
    """The same keys (every tier row), started together, three times: both succeed, whole."""
    Store.open(store_url).close()
    rows = packaged.read_rows("tip_tiers")
    for round_ in range(3):
        files = []
        for side in ("a", "b"):
            path = tmp_path / f"{side}{round_}.csv"
            path.write_text("iso3,report_year,tier,source\n" + "".join(
                f"{r['iso3']},{r['report_year']},{r['tier']},https://example.org/{side}\n"
                for r in rows))
            files.append(path)
        children = [Child(store_url, "import", str(p)) for p in files]
        for c in children:
            c.ready()
        for c in children:
            c.go()
        codes = [c.proc.wait(120) for c in children]
        assert codes == [0, 0], [c.proc.stderr and c.proc.stderr.read() for c in children]
        store = Store.open(store_url)
        origins = {r["origin"] for r in store.tiers()}
        # The later writer replaced every row: one origin, never a mix.
        assert len(origins) == 1 and origins <= {f"import:{p.name}" for p in files}, origins
        assert len(store.tiers()) == len(rows)
        store.close()


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_read_connection_does_not_wait_for_a_writer(store_url):
    store = Store.open(store_url)
    writer = sqlite3.connect(store_url, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock
    from sqlalchemy import text

    with store.read_connection() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM gsi")).scalar() > 0
    writer.execute("ROLLBACK")
    store.close()
