"""Totals stated by the reports or their coverage against the record's counts (stated_totals.yaml)."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tiptrace.record import packaged
from tiptrace.record.countries import resolve

TOTALS = yaml.safe_load((Path(__file__).parent / "stated_totals.yaml").read_text("utf-8"))
TIP = packaged.read_rows("tip_tiers")


def record_counts(year: int) -> Counter:
    c = Counter(r["tier"] for r in TIP if int(r["report_year"]) == year)
    c["all"] = sum(c.values())
    return c


@pytest.mark.parametrize("entry", TOTALS, ids=lambda e: str(e["report_year"]))
def test_the_record_counts_what_the_sources_state(entry):
    year, have = entry["report_year"], record_counts(entry["report_year"])
    doubt = entry.get("in_doubt")
    for tier, stated in {**entry["counts"], **(doubt or {}).get("stated", {})}.items():
        if doubt and tier in doubt["record"]:
            # A known difference: the record holds what the entry says it holds today, and the
            # cells named would explain the difference to the stated total.
            assert have[tier] == doubt["record"][tier], (
                f"{year} {tier}: the record now has {have[tier]} (stated {stated} per "
                f"{entry['source']}); update in_doubt ({doubt['cells']}) or the data")
            continue
        assert have[tier] == stated, (f"{year} {tier}: record {have[tier]}, stated {stated} "
                                      f"per {entry['source']}")


def test_every_doubt_names_real_cells_of_the_record():
    gaps = {(g["iso3"], int(g["report_year"])) for g in packaged.resource("tip_tiers")["gaps"]}
    rows = {(r["iso3"], int(r["report_year"])) for r in TIP}
    for entry in TOTALS:
        assert entry["source"].startswith(("http://", "https://")) and entry["title"]
        doubt = entry.get("in_doubt")
        if not doubt:
            continue
        assert len(doubt["why"]) > 60
        for cell in doubt["cells"]:
            iso3, year = cell.split()
            assert int(year) == entry["report_year"]
            assert (resolve(iso3), int(year)) in rows | gaps, cell
