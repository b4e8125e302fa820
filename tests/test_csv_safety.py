"""CSV cells a spreadsheet would run as formulas are neutralised (OWASP), only in CSV, in exports
and web downloads; the export's data package says so, and an export round-trips through import."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
from fastapi.testclient import TestClient

from tiptrace.record.exporter import export
from tiptrace.record.importer import import_file

FORMULAS = ['=HYPERLINK("https://example.org","click")', "=cmd|' /C calc'!A0", "+1+2",
            "-2+3", "@SUM(A1:A2)", "'=already quoted", "plain text"]


def _with_formulas(store, tmp_path):
    rows = [{"iso3": iso3, "report_year": 2011, "tier": "2", "source": value,
             "evidence": value, "name_in_source": value}
            for iso3, value in zip(("USA", "FRA", "THA", "BRA", "CHN", "RUS", "IND"), FORMULAS,
                                   strict=True)]
    path = tmp_path / "formulas.json"
    path.write_text(json.dumps(rows))
    import_file(store, path)


def test_csv_export_neutralises_formula_cells_and_round_trips(fresh_store, tmp_path):
    _with_formulas(fresh_store, tmp_path)
    export(fresh_store, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "tip_tiers.csv").open(newline="", encoding="utf-8") as fh:
        cells = {r["iso3"]: r for r in csv.DictReader(fh) if r["report_year"] == "2011"}
    written = [cells[c]["source"] for c in ("USA", "FRA", "THA", "BRA", "CHN", "RUS", "IND")]
    assert written == ["'" + v for v in FORMULAS[:6]] + ["plain text"]
    assert all(c[0] not in "=+-@\t\r" for r in cells.values() for c in r.values() if c)
    # Numbers stay numbers: a negative GSI score is not text a spreadsheet would run.
    with (tmp_path / "csv" / "gsi.csv").open(newline="", encoding="utf-8") as fh:
        scores = [r["government_response"] for r in csv.DictReader(fh)]
    assert any(s.startswith("-") for s in scores)
    dp = json.loads((tmp_path / "csv" / "datapackage.json").read_text())
    assert "OWASP" in dp["csv_formula_cells"]
    assert all("csv_formula_cells" in r for r in dp["resources"])
    # Importing the export gives back exactly the values stored.
    before = {r["iso3"]: r["source"] for r in fresh_store.tiers(year=2011)}
    import_file(fresh_store, tmp_path / "csv" / "tip_tiers.csv")
    assert {r["iso3"]: r["source"] for r in fresh_store.tiers(year=2011)} == before


def test_parquet_and_json_exports_keep_values_as_they_are(fresh_store, tmp_path):
    _with_formulas(fresh_store, tmp_path)
    export(fresh_store, "json", tmp_path / "json")
    export(fresh_store, "parquet", tmp_path / "pq")
    rows = json.loads((tmp_path / "json" / "tip_tiers.json").read_text())
    frame = pd.read_parquet(tmp_path / "pq" / "tip_tiers.parquet")
    for values in ({r["source"] for r in rows}, set(frame["source"])):
        assert set(FORMULAS) <= values
    assert "csv_formula_cells" not in json.loads((tmp_path / "json" / "datapackage.json")
                                                 .read_text())


def test_web_csv_downloads_neutralise_formula_cells(fresh_store, tmp_path):
    from tiptrace.web.app import create_app

    _with_formulas(fresh_store, tmp_path)
    client = TestClient(create_app(fresh_store))
    for url in ("/downloads/tip_tiers.csv", "/api/v1/tiers/2011?format=csv"):
        r = client.get(url)
        assert r.status_code == 200, url
        rows = list(csv.DictReader(io.StringIO(r.text)))
        sources = {row["source"] for row in rows}
        assert "'=cmd|' /C calc'!A0" in sources and "=cmd|' /C calc'!A0" not in sources, url
        assert all(c[0] not in "=+-@\t\r" for row in rows for c in row.values() if c), url
