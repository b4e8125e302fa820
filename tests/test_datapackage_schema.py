"""The data package carries the one typed schema (Table Schema: types, enums, lengths, ranges)
that the importer checks rows against; frictionless agrees that the data meet it."""

from __future__ import annotations

import csv
import json

import frictionless
import pytest

from tiptrace.record import packaged
from tiptrace.record.exporter import export
from tiptrace.record.importer import validate
from tiptrace.record.schema import FIELDS, table_schema


@pytest.mark.parametrize("table", sorted(FIELDS))
def test_packaged_descriptor_holds_the_importers_typed_schema(table):
    schema = packaged.resource(table)["schema"]
    assert schema == table_schema(table)
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert types["iso3"] == "string" and "integer" in types.values()
    if table == "tip_tiers":
        tier = next(f for f in schema["fields"] if f["name"] == "tier")
        assert {"1", "2", "2WL", "3", "special"} <= set(tier["constraints"]["enum"])


@pytest.mark.parametrize("table", sorted(FIELDS))
def test_every_packaged_row_passes_the_importer(table, tmp_path):
    path = tmp_path / f"{table}.csv"
    path.write_bytes(packaged.read_bytes(f"{table}.csv"))
    detected, rows = validate(path)
    assert detected == table and len(rows) == len(packaged.read_rows(table))


def test_frictionless_validates_the_export_and_catches_a_bad_cell(fresh_store, tmp_path):
    out = tmp_path / "csv"
    export(fresh_store, "csv", out)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    descriptor = json.loads((out / "datapackage.json").read_text())
    assert descriptor["resources"][0]["schema"]["fields"][-1]["name"] == "origin"
    # Break one cell per constraint kind: the published schema must catch each.
    with (out / "tip_tiers.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["tier"] = "4"  # enum
    rows[1]["report_year"] = "1999"  # minimum
    rows[2]["name_in_source"] = "x" * 200  # maxLength
    rows[3]["source"] = ""  # required
    with (out / "tip_tiers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    report = frictionless.validate(str(out / "datapackage.json"))
    errors = {(e[0], e[1]) for e in report.flatten(["rowNumber", "fieldName"])}
    assert {(2, "tier"), (3, "report_year"), (4, "name_in_source"), (5, "source")} <= errors
