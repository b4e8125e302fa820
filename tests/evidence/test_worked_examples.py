"""The packaged worked examples as regression tests: every item validates and cites a source
with a URL, and the assessments give the results the README reports."""

import pytest

from tiptrace.evidence import queries

CASES = [("PRK", 2016), ("RUS", 2021), ("MYS", 2015)]


@pytest.fixture(scope="module")
def results(store):
    return {c: queries.assess(store, *c) for c in CASES}


@pytest.mark.parametrize("case", CASES)
def test_items_cite_a_located_source(case):
    rows = queries.example_rows(*case)
    assert len(rows) >= 8
    for r in rows:
        assert r.source.url and r.source.url.startswith("http")
        assert r.source.document and r.source.publisher and r.source.date
        assert r.country == case[0] and r.report_year == case[1]
        assert r.grades and r.statement[0].isupper()
    ids = {r.id for r in rows}
    for r in rows:
        assert set(r.corroborates) | set(r.contradicts) <= ids


def test_north_korea_2016(results):
    r = results[("PRK", 2016)]
    assert (r["recommended_tier"], r["official_tier"]) == ("3", "3")
    assert (r["interval"]["low"], r["interval"]["high"]) == ("3", "3")
    assert r["confidence"]["share"] == 1.0
    assert r["state_direct_only"]["recommended_tier"] == "3"
    fam = r["by_source_family"]
    assert fam["foreign_government"]["recommended_tier"] == "3"
    assert fam["intergovernmental_and_ngo"]["recommended_tier"] == "3"
    # the government's own denial alone is too weakly graded to show anything
    assert fam["assessed_government"]["recommended_tier"] is None
    assert r["sensitivity"]["smallest_set_size"] is None
    # the trafficking of women into China by brokers is non-state: it drops out of the
    # state-direct view, which loses exactly those two items
    assert r["items"] - r["state_direct_only"]["items"] == 2


def test_russia_2021(results):
    r = results[("RUS", 2021)]
    assert (r["recommended_tier"], r["official_tier"]) == ("3", "3")
    assert r["reason"] == "a policy or pattern is shown: trafficking"
    pattern = next(s for s in r["trace"] if s["step"] == "finding: trafficking")
    assert pattern["status"] == "holds"
    against = {i["id"] for i in pattern["items"] if i["direction"] == "undermines"}
    assert against == {"rus2021-tip-repatriation", "rus2021-1718-report", "rus2021-ilichev"}
    # Russia's own statements alone show no pattern
    assert r["by_source_family"]["assessed_government"]["recommended_tier"] is None
    assert r["sensitivity"]["smallest_set_size"] == 2


def test_malaysia_2015(results):
    r = results[("MYS", 2015)]
    assert r["official_tier"] == "2WL" and r["recommended_tier"] == "3"
    assert "significant_efforts = True" in r["comparison"]
    sets = r["sensitivity"]["sets"]
    assert r["sensitivity"]["smallest_set_size"] == 1
    assert {"id": "mys2015-tip-convictions", "change": "removed"} in [s["items"][0] for s in sets]
    assert all(s["tier"] == "2WL" for s in sets)


def test_python_api(fresh_store, tmp_path):
    import tiptrace
    from tiptrace.evidence.jsonl import import_file
    from tiptrace.evidence.ledger import Ledger

    db = fresh_store.url
    r = tiptrace.assess("Russia", 2021, db=db)
    assert r["recommended_tier"] == "3" and r["basis"].startswith("packaged")
    assert tiptrace.evidence_items(db=db).empty
    token = fresh_store.create_token("api")
    path = tmp_path / "rus.jsonl"
    path.write_text("\n".join(x.model_dump_json() for x in queries.example_rows("RUS", 2021)))
    assert import_file(Ledger(fresh_store), path, token)["added"] == 9
    df = tiptrace.evidence_items("RUS", 2021, db=db)
    assert len(df) == 9 and set(df["bears_on"]) >= {"trafficking", "protects_victims"}
    assert tiptrace.assess("RUS", 2021, db=db)["basis"] == "ledger"
