"""Kill -9 at random moments: a killed rebuild or import leaves the store in the old or the new
state, never in between, and every read works afterwards (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import random
import time

import pytest

from cli_helpers import Child, run_cli
from tiptrace.record import packaged
from tiptrace.record.importer import import_file
from tiptrace.record.store import TABLE_NAMES, Store

TRIES = 20
PACKAGED_COUNTS = {t: len(packaged.read_rows(t)) for t in TABLE_NAMES}

def _children(url: str, runs: list[tuple[str, ...]]):
    """One child per run, the next one started while the current one works (saves start-up)."""
    following = Child(url, *runs[0])
    for i in range(len(runs)):
        current = following
        following = Child(url, *runs[i + 1]) if i + 1 < len(runs) else None
        yield current


def _marker(tmp_path):
    path = tmp_path / "mark.csv"
    path.write_text("iso3,report_year,tier,quality,source\n"
                    "USA,2011,1,primary,https://example.org/crash-test\n")
    return path


def _reads_work(url: str) -> dict[str, int]:
    """Open the store as every command does and read each table; return the counts."""
    store = Store.open(url)
    try:
        assert store.tiers(year=2013, tier="3")
        assert store.gsi(edition=2023)
        assert store.state_sponsored(year=2024)
        assert store.data_version() > 0
        return store.counts()
    finally:
        store.close()


def _every_read_command_works(url: str) -> None:
    for args in (["history", "Thailand", "--json"], ["tiers", "--year", "2013", "--json"],
                 ["state-sponsored", "--year", "2024"], ["gsi", "rank", "--edition", "2023"]):
        r = run_cli(*args, db=url)
        assert r.returncode == 0, (args, r.stderr[-2000:])


def _calibrate(url: str, *args: str) -> float:
    child = Child(url, *args)
    start = child.go()
    assert child.proc.wait(120) == 0
    return time.perf_counter() - start


def test_killed_rebuild_leaves_old_or_new_store(store_url, tmp_path):
    mark = _marker(tmp_path)
    store = Store.open(store_url)
    work = _calibrate(store_url, "rebuild")
    outcomes = {"old": 0, "new": 0}
    killed = 0
    rng = random.Random(12)
    for child in _children(store_url, [("rebuild",)] * TRIES):
        if not store.imported_origins():
            import_file(store, mark)  # the "old" state: packaged data plus one imported row
        child.go()
        killed += child.kill_after(rng.uniform(0, work))
        counts = _reads_work(store_url)
        assert counts == PACKAGED_COUNTS  # the marker replaces a packaged row: same counts
        origins = store.imported_origins()
        assert origins in ([], ["import:mark.csv"]), origins
        outcomes["new" if not origins else "old"] += 1
    _every_read_command_works(store_url)
    store.close()
    print(f"rebuild on {store_url.split(':')[0]}: {killed} of {TRIES} killed mid-run, {outcomes}")
    assert killed >= TRIES // 2  # most kills landed inside the rebuild, not after it


def test_killed_import_leaves_old_or_new_store(store_url, tmp_path):
    store = Store.open(store_url)
    rows = packaged.read_rows("tip_tiers")
    big = tmp_path / "big.csv"
    with big.open("w", newline="") as fh:  # every tier row again, with a source of its own
        w = csv.DictWriter(fh, ["iso3", "report_year", "tier", "watch_list_rule", "quality",
                                "source"], extrasaction="ignore")
        w.writeheader()
        w.writerows({**r, "source": "crash test " + r["source"]} for r in rows)
    work = _calibrate(store_url, "import", str(big))
    # One file name per try: the rows a try wrote carry its name as their origin.
    files = [tmp_path / f"big{i}.csv" for i in range(TRIES)]
    for f in files:
        f.write_bytes(big.read_bytes())
    killed = 0
    outcomes = {"old": 0, "new": 0}
    rng = random.Random(21)
    for f, child in zip(files, _children(store_url, [("import", str(f)) for f in files]),
                        strict=True):
        child.go()
        killed += child.kill_after(rng.uniform(0, work))
        counts = _reads_work(store_url)
        assert counts == PACKAGED_COUNTS
        imported = sum(1 for r in store.tiers() if r["origin"] == f"import:{f.name}")
        assert imported in (0, len(rows)), imported
        outcomes["new" if imported else "old"] += 1
    _every_read_command_works(store_url)
    store.close()
    print(f"import on {store_url.split(':')[0]}: {killed} of {TRIES} killed mid-run, {outcomes}")
    assert killed >= TRIES // 2


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_reads_work_after_a_killed_import_before_any_write(store_url, tmp_path):
    """The first thing after the crash is a read (`history`, `serve`), not a write."""
    Store.open(store_url).close()
    big = tmp_path / "big.csv"
    rows = packaged.read_rows("tip_tiers")
    big.write_text("iso3,report_year,tier,source\n" +
                   "".join(f"{r['iso3']},{r['report_year']},{r['tier']},x\n" for r in rows))
    work = _calibrate(store_url, "import", str(big))
    for delay, child in zip((0.3 * work, 0.6 * work, 0.9 * work),
                            _children(store_url, [("import", str(big))] * 3), strict=True):
        child.go()
        child.kill_after(delay)
        r = run_cli("history", "Thailand", "--json", db=store_url)
        assert r.returncode == 0, r.stderr[-2000:]
