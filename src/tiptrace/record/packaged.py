"""The datasets shipped inside the package, and their data-package descriptor (provenance)."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_FILES = ("tip_tiers.csv", "state_sponsored.csv", "gsi.csv", "determinations.csv",
              "datapackage.json")


def read_bytes(name: str) -> bytes:
    return resources.files("tiptrace.record").joinpath("data", name).read_bytes()


def read_rows(table: str) -> list[dict[str, str]]:
    text = read_bytes(f"{table}.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def determinations() -> dict[tuple[str, int], dict[str, str]]:
    """(iso3, report year) -> the Presidential determination on that Tier 3 government."""
    return {(r["iso3"], int(r["report_year"])): r for r in read_rows("determinations")}


@lru_cache(maxsize=1)
def datapackage() -> dict[str, Any]:
    return json.loads(read_bytes("datapackage.json"))


def resource(name: str) -> dict[str, Any]:
    for r in datapackage()["resources"]:
        if r["name"] == name:
            return r
    raise KeyError(name)
