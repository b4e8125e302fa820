"""Imports are validated before anything is written; exports round-trip."""

import hashlib
import json

import pandas as pd
import pytest

from cli_helpers import run_cli
from tiptrace.errors import ValidationError
from tiptrace.record.exporter import export
from tiptrace.record.importer import import_file

HEADER = "iso3,country,report_year,tier,watch_list_rule,quality,source,evidence,name_in_source\n"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def own_db(tmp_path):
    db = tmp_path / "own.sqlite"
    assert run_cli("rebuild", db=str(db)).returncode == 0
    return db


BAD_FILES = {
    "unknown_country": (HEADER + "XXY,,2019,2,,primary,https://x,,\n", "row 2, column iso3"),
    "bad_tier": (HEADER + "THA,,2019,4,,primary,https://x,,\n", "row 2, column tier"),
    "duplicate": (HEADER + "THA,,2019,2,,primary,https://x,,\nTHA,,2019,2WL,,primary,"
                  "https://y,,\n", "row 3: duplicate of row 2"),
    "year_out_of_range": (HEADER + "THA,,1999,2,,primary,https://x,,\n",
                          "row 2, column report_year"),
    "missing_source": (HEADER + "THA,,2019,2,,primary,,,\n", "row 2, column source"),
    "country_disagrees": (HEADER + "THA,Vietnam,2019,2,,primary,https://x,,\n",
                          "row 2, column country"),
    "wrong_columns": ("iso3,year,rating,source\nTHA,2019,2,https://x\n", "cannot tell the table"),
    "extra_column": ("iso3,report_year,tier,source,mood\nTHA,2019,2,https://x,ok\n",
                     "unknown column(s) mood"),
    "ragged_row": (HEADER + "THA,,2019\n", "row 2: 3 cells"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_import_reports_problem_and_leaves_store_unchanged(own_db, tmp_path, case):
    content, expected = BAD_FILES[case]
    bad = tmp_path / f"{case}.csv"
    bad.write_text(content, encoding="utf-8")
    before = digest(own_db)
    r = run_cli("import", str(bad), db=str(own_db))
    assert r.returncode != 0
    assert expected in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert digest(own_db) == before


def test_wrong_encoding_is_rejected(own_db, tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes((HEADER + "CIV,Côte d'Ivoire,2019,2,,primary,https://x,,\n").encode("latin-1"))
    before = digest(own_db)
    r = run_cli("import", str(bad), db=str(own_db))
    assert r.returncode != 0 and "not UTF-8" in r.stderr
    assert digest(own_db) == before


def test_every_problem_is_reported_at_once(tmp_path):
    bad = tmp_path / "many.csv"
    bad.write_text(HEADER + "XXY,,2019,2,,primary,https://x,,\nTHA,,2019,9,,primary,,,\n",
                   encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_file(None, bad)  # validation needs no store
    problems = err.value.problems
    assert len(problems) == 3
    assert any("row 2, column iso3" in p for p in problems)
    assert any("row 3, column tier" in p for p in problems)
    assert any("row 3, column source" in p for p in problems)


def test_good_import_is_visible_and_idempotent(own_db, tmp_path):
    good = tmp_path / "extra.csv"
    good.write_text(HEADER + "USA,United States,2012,1,,primary,"
                    "https://example.org/2012-tip-report,UNITED STATES: Tier 1,\n", "utf-8")
    r = run_cli("import", str(good), "--json", db=str(own_db))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"ok": True, "table": "tip_tiers", "rows": 1,
                                    "origin": "import:extra.csv"}
    h = json.loads(run_cli("history", "USA", "--json", db=str(own_db)).stdout)
    row = next(y for y in h["years"] if y["report_year"] == 2012)
    assert row["tier"] == "1" and row["source"] == "https://example.org/2012-tip-report"
    dump = run_cli("tiers", "--year", "2012", "--json", db=str(own_db)).stdout
    assert run_cli("import", str(good), db=str(own_db)).returncode == 0
    assert run_cli("tiers", "--year", "2012", "--json", db=str(own_db)).stdout == dump


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_round_trips_through_import(fresh_store, tmp_path, fmt):
    paths = export(fresh_store, fmt, tmp_path / fmt)
    names = sorted(p.name for p in paths)
    assert names == sorted([f"gsi.{fmt}", f"state_sponsored.{fmt}", f"tip_tiers.{fmt}",
                            "datapackage.json"])
    before = {t: fresh_store.tiers() if t == "tip_tiers" else fresh_store.gsi()
              for t in ("tip_tiers", "gsi")}
    for table in ("tip_tiers", "gsi", "state_sponsored"):
        result = import_file(fresh_store, tmp_path / fmt / f"{table}.{fmt}")
        assert result.table == table
    strip = lambda rows: [{k: v for k, v in r.items() if k != "origin"} for r in rows]  # noqa: E731
    assert strip(fresh_store.tiers()) == strip(before["tip_tiers"])
    assert strip(fresh_store.gsi()) == strip(before["gsi"])


def test_parquet_export_is_typed(fresh_store, tmp_path):
    export(fresh_store, "parquet", tmp_path)
    frame = pd.read_parquet(tmp_path / "gsi.parquet")
    assert frame["est_number"].dtype.kind in "if"
    assert frame["edition"].dtype.kind == "i"
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["resources"][0]["path"] == "tip_tiers.parquet"


def test_cli_export(own_db, tmp_path):
    r = run_cli("export", "--format", "csv", "--out", str(tmp_path / "out"), db=str(own_db))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "tip_tiers.csv").read_text().startswith("iso3,country,")
    r = run_cli("export", "--format", "xlsx", "--out", str(tmp_path), db=str(own_db))
    assert r.returncode == 1 and "csv, parquet, json" in r.stderr
