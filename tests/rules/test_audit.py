"""Audit of the whole record against the rules, on documented real cases."""

import json

import pytest

from tiptrace.rules import queries


@pytest.fixture(scope="module")
def findings(store):
    r = queries.audit(store)
    return r, {(f["country"], f["report_year"]): f for f in r["findings"]}


@pytest.mark.parametrize("iso3,year", [
    ("CHN", 2013), ("RUS", 2013), ("UZB", 2013),  # waivers used up (2013 report)
    ("THA", 2014), ("MYS", 2014),                 # four Watch List years 2010-2013
    ("CHN", 2017), ("MYS", 2021), ("DZA", 2020), ("DZA", 2023),
])
def test_documented_automatic_downgrades(findings, iso3, year):
    _, by_key = findings
    assert by_key[(iso3, year)]["kind"] == "automatic_downgrade"


@pytest.mark.parametrize("iso3,year", [("CHN", 2011), ("CHN", 2012), ("RUS", 2012),
                                       ("TTO", 2023)])
def test_years_that_needed_a_waiver(findings, iso3, year):
    _, by_key = findings
    assert by_key[(iso3, year)]["kind"] == "waiver_required"


def test_report_statements_are_compared(findings):
    r, _ = findings
    stated = [f for f in r["findings"] if f["report_says"]]
    assert stated, "the record carries waivers stated in the reports"
    assert all(f["agrees_with_report"] for f in stated if f["kind"] == "waiver_required")


def test_audit_covers_the_whole_record(findings, store):
    r, _ = findings
    assert r["checked"] == store.counts()["tip_tiers"]
    assert set(r["counts"]) <= {"automatic_downgrade", "waiver_required", "unexplained",
                                "cannot_evaluate", "report_only"}


def test_audit_cli_filters(cli):
    out = json.loads(cli("audit", "--country", "Russia", "--json").stdout)
    assert {(f["report_year"], f["kind"]) for f in out["findings"]} >= {
        (2011, "waiver_required"), (2012, "waiver_required"), (2013, "automatic_downgrade")}
    out = json.loads(cli("audit", "--year", "2013", "--json").stdout)
    assert all(f["report_year"] == 2013 for f in out["findings"])


def test_whatif_changes_and_explains(cli):
    r = json.loads(cli("whatif", "TTO", "--year", "2023", "--set", "waiver_granted=false",
                       "--json").stdout)
    assert (r["old_tier"], r["new_tier"], r["changed"]) == ("2WL", "3", True)
    assert any(s["rule"] == "automatic downgrade" for s in r["steps_added"])
    r = json.loads(cli("whatif", "China", "--year", "2013", "--set", "waiver_granted=true",
                       "--json").stdout)
    assert r["new_tier"] == "3"  # the waiver limit was used up: the law forced Tier 3


def test_whatif_bad_input_is_clear(cli):
    r = cli("whatif", "THA", "--year", "2014", "--set", "bogus=1")
    assert r.returncode == 1 and "Unknown assessment key(s): bogus" in r.stderr
    r = cli("whatif", "THA", "--year", "2003", "--set", "no_evidence_of_increasing_efforts=true")
    assert r.returncode == 1 and "did not exist" in r.stderr
    r = cli("whatif", "THA", "--year", "2014", "--set", "significant_efforts=maybe")
    assert r.returncode == 1 and "expected true or false" in r.stderr
    assert "Traceback" not in r.stderr


def test_explain_json(cli):
    r = json.loads(cli("explain", "Cuba", "--year", "2021", "--json").stdout)
    assert r["decision"]["tier"] == "3"
    assert any(s["rule"] == "policy or pattern" for s in r["decision"]["trace"])
