"""Real values checked against the pages named in spot_checks.yaml."""

from pathlib import Path

import pytest
import yaml

from tiptrace.analysis.rankings import edition_total
from tiptrace.record import queries
from tiptrace.record.countries import resolve

CHECKS = yaml.safe_load((Path(__file__).parent / "spot_checks.yaml").read_text("utf-8"))


def _id(c):
    return f"{c['kind']}-{c.get('country', c.get('by', ''))}-{c.get('year', c.get('edition'))}"


def test_enough_spot_checks():
    assert len(CHECKS) >= 40
    assert all(c.get("verified_at") for c in CHECKS)


@pytest.mark.parametrize("check", CHECKS, ids=_id)
def test_spot_check(store, check):
    kind = check["kind"]
    if kind == "tier":
        rows = store.tiers(year=check["year"], iso3=resolve(check["country"]))
        assert [r["tier"] for r in rows] == [check["expect"]]
    elif kind == "state_sponsored":
        listed = {r["iso3"] for r in store.state_sponsored(year=check["year"])}
        assert (resolve(check["country"]) in listed) is check["expect"]
    elif kind in ("gsi_number", "gsi_prevalence"):
        field = "est_number" if kind == "gsi_number" else "prevalence_per_1000"
        (row,) = store.gsi(edition=check["edition"], iso3=resolve(check["country"]))
        assert row[field] == pytest.approx(check["expect"], abs=check["tolerance"])
    elif kind == "gsi_rank":
        ranked = queries.gsi_rank(store, check["edition"], check["by"])
        assert [r["country"] for r in ranked[: len(check["expect"])]] == check["expect"]
    elif kind == "gsi_top_share":
        ranked = queries.gsi_rank(store, check["edition"], check["by"], check["top"])
        assert ranked[-1]["cumulative_share"] == pytest.approx(check["expect"],
                                                               abs=check["tolerance"])
    elif kind == "gsi_total":
        total = edition_total(store.gsi(edition=check["edition"]))
        assert total == pytest.approx(check["expect"], abs=check["tolerance"])
    else:
        raise AssertionError(f"unknown check kind {kind}")
