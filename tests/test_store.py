"""The store: built from the packaged data, versioned, rebuilt in one command."""

import sqlite3

import pytest

from cli_helpers import run_cli
from tiptrace.errors import StoreError
from tiptrace.record import packaged
from tiptrace.record.store import SCHEMA_VERSION, Store


def test_store_matches_packaged_data(store):
    counts = store.counts()
    assert counts["tip_tiers"] == len(packaged.read_rows("tip_tiers"))
    assert counts["gsi"] == len(packaged.read_rows("gsi"))
    assert counts["state_sponsored"] == len(packaged.read_rows("state_sponsored"))


def test_schema_version_mismatch_is_a_clear_error(tmp_path):
    path = tmp_path / "old.sqlite"
    Store.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="tiptrace rebuild"):
        Store.open(str(path))
    r = run_cli("rebuild", "--json", db=str(path))
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(path) as conn:
        (v,) = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert int(v) == SCHEMA_VERSION


def test_rebuild_drops_imports(fresh_store):
    fresh_store.upsert("tip_tiers", [{"iso3": "USA", "report_year": 2011, "tier": "1",
                                      "quality": "primary", "source": "test"}], "import:x.csv")
    assert fresh_store.imported_origins() == ["import:x.csv"]
    fresh_store.rebuild()
    assert fresh_store.imported_origins() == []


def test_unusable_location_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError):
        Store.open("nosuchdriver://user@host/db")


def test_data_version_rises_with_every_write_and_is_seen_by_other_processes(tmp_path):
    path = tmp_path / "v.sqlite"
    store = Store.open(str(path))
    seen = [store.data_version()]
    assert seen[0] > 0
    rows = tmp_path / "rows.csv"
    rows.write_text("iso3,report_year,tier,source\nUSA,2011,1,https://example.org/2011\n")
    assert run_cli("import", str(rows), db=str(path)).returncode == 0  # another process
    seen.append(store.data_version())
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3,report_year,tier,source\nUSA,2011,9,https://example.org/2011\n")
    assert run_cli("import", str(bad), db=str(path)).returncode != 0
    assert store.data_version() == seen[-1]  # nothing written, same version
    store.create_token("newsroom")
    seen.append(store.data_version())
    store.rebuild()
    seen.append(store.data_version())
    assert seen == sorted(set(seen)), seen  # strictly rising
    # A store deleted and built again does not repeat a number a server may have cached.
    path.unlink()
    assert Store.open(str(path)).data_version() > seen[-1]


def test_store_made_before_data_versions_gets_one(tmp_path):
    path = tmp_path / "old.sqlite"
    Store.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE data_version")
    assert Store.open(str(path)).data_version() > 0
