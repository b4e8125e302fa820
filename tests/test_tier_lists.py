"""Whole tier lists of a report year (copies of the report's Tier Placements page) against the record."""

from pathlib import Path

import pytest
import yaml

from tiptrace.record.countries import resolve

LISTS = yaml.safe_load((Path(__file__).parent / "tier_lists.yaml").read_text("utf-8"))


@pytest.mark.parametrize("entry", LISTS, ids=lambda e: f"{e['report_year']}-tier{e['tier']}")
def test_a_printed_tier_list_agrees_with_the_record(store, entry):
    year, tier = entry["report_year"], entry["tier"]
    record = {r["iso3"]: r["tier"] for r in store.tiers(year=year)}
    allowed = {resolve(name) for name in entry.get("disagrees", {})}
    wrong = {name: record.get(resolve(name)) for name in entry["countries"]
             if record.get(resolve(name)) != tier and resolve(name) not in allowed}
    assert not wrong, f"{year} Tier {tier} per {entry['source']}: record has {wrong}"
    # Every country the record puts in that tier is on the printed list, except listed disagreements.
    printed = {resolve(name) for name in entry["countries"]}
    extra = {c for c, t in record.items() if t == tier} - printed - allowed
    assert not extra, f"{year}: the record has {sorted(extra)} in Tier {tier}, the list does not"


def test_every_known_disagreement_says_which_source_decides():
    for entry in LISTS:
        assert str(entry["report_year"]) in entry["title"]  # the page itself names the year
        for name, why in entry.get("disagrees", {}).items():
            assert resolve(name) and len(why) > 40
