"""The analysis and rulebook pages (web/routes/explore.py): each shows what the analysis modules
compute, and its CSV/SVG downloads hold exactly the rows and drawing shown."""

import csv
import io
import re

import pytest


def _csv(resp):
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(resp.text)))


def test_state_sponsored_list_and_map_layer(client, store):
    from tiptrace.record import queries as rq

    listed = rq.state_sponsored(store, 2024)
    assert listed, "the record has a 2024 list"
    page = client.get("/state-sponsored?year=2024").text
    for r in listed:
        assert r["name"] in page
    assert page.count('class="country listed"') == len({r["country"] for r in listed})
    rows = _csv(client.get("/state-sponsored?year=2024&format=csv"))
    assert sorted(r["iso3"] for r in rows) == sorted(r["country"] for r in listed)
    assert client.get("/state-sponsored?year=2015").status_code == 404  # list starts 2020


def test_changes_of_a_year(client, store):
    from tiptrace.analysis import queries as aq

    changes = aq.changes(store, 2024)
    down = [c for c in changes if c["direction"] == "downgrade"]
    page = client.get("/changes?year=2024").text
    assert f"Downgrades ({len(down)})" in page
    rows = _csv(client.get("/changes?year=2024&format=csv"))
    assert len(rows) == len(changes)
    assert {(r["iso3"], r["from_tier"], r["to_tier"]) for r in rows} == {
        (c["country"], c["from"], c["to"]) for c in changes}
    assert client.get("/changes?year=2001").status_code == 404  # nothing before the first


def test_transitions_heatmap_csv_and_svg(client, store):
    from tiptrace.analysis import queries as aq

    m = aq.transition_matrix(store, 2010, 2020)
    rows = _csv(client.get("/transitions?start=2010&end=2020&format=csv"))
    for r in rows:
        assert int(r["count"]) == m["counts"][r["from_tier"]][r["to_tier"]]
    svg = client.get("/transitions?start=2010&end=2020&format=svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "2010-2020" in svg.text and svg.text.startswith("<svg")
    assert f"n={m['counts']['2']['2']}" in svg.text


def test_consistency_outliers_scatter_method_caveat(client, store):
    from tiptrace.analysis import queries as aq

    result = aq.consistency_check(store, 2023)
    page = client.get("/consistency?year=2023").text
    assert "Caveat" in page and result["caveat"] in page and "Ordinal logistic" in page
    for o in result["outliers"]:
        assert o["name"] in page
    rows = _csv(client.get("/consistency?year=2023&format=csv"))
    assert sum(r["outlier"] == "yes" for r in rows) <= len(result["outliers"])
    assert {r["iso3"] for r in rows if r["outlier"] == "yes"} <= {
        o["country"] for o in result["outliers"]}


def test_audit_per_country_and_per_year(client, store):
    from tiptrace.rules import queries as ruleq

    every = ruleq.audit(store)["findings"]
    some = every[0]["country"]
    mine = ruleq.audit(store, some)["findings"]
    rows = _csv(client.get(f"/audit?country={some}&format=csv"))
    assert len(rows) == len(mine) and {r["iso3"] for r in rows} == {some}
    year = every[0]["report_year"]
    per_year = ruleq.audit(store, None, year)["findings"]
    page = client.get(f"/audit?year={year}").text
    assert f"{len(per_year)} findings" in page


def test_whatif_form_shows_old_and_new_tier_and_changed_steps(client, store):
    from tiptrace.record.schema import TIER_LABELS
    from tiptrace.rules import queries as ruleq

    # Thailand 2012 was on the Watch List; without significant efforts the rules give Tier 3.
    expected = ruleq.run_whatif(store, "THA", 2012, {"significant_efforts": False})
    page = client.get("/whatif?country=Thailand&year=2012&significant_efforts=no").text
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    assert TIER_LABELS[expected["old_tier"]] in lead and TIER_LABELS[expected["new_tier"]] in lead
    assert expected["changed"] and "tier changes" in lead
    for s in expected["steps_added"]:
        assert s["rule"] in page
    assert "changed (was yes)" in page
    rows = _csv(client.get("/whatif?country=THA&year=2012&significant_efforts=no&format=csv"))
    assert len(rows) == len(expected["steps_added"]) + len(expected["steps_removed"])
    assert client.get("/whatif?country=THA&year=2014&waiver_granted=maybe").status_code == 400
    impossible = client.get("/whatif?country=THA&year=2012&meets_minimum_standards=yes",
                            headers={"accept": "text/html"})
    assert impossible.status_code == 422 and "Impossible combination" in impossible.text


def test_compare_timeline_integer_ticks_and_not_rated(client, store):
    from tiptrace.record import queries as rq

    tonga = rq.history(store, "TON")
    svg = client.get("/compare?countries=Tonga&format=svg").text
    ticks = re.findall(r'text-anchor="middle" fill="#555555" font-weight="normal">([^<]+)<', svg)
    years = [t for t in ticks if t[:2] == "20"]
    assert years and all(re.fullmatch(r"20\d\d", t) for t in years), years
    rows = _csv(client.get("/compare?countries=Tonga&format=csv"))
    shown = {int(r["report_year"]): r["shown_as"] for r in rows}
    for r in tonga["years"]:
        if r["status"] == "not_rated":
            assert shown[r["report_year"]] == "Not rated"
        elif r["status"] == "gap":
            assert shown[r["report_year"]] == "No value found"
    several = _csv(client.get("/compare?countries=THA,MMR,Malaysia&format=csv"))
    assert {r["iso3"] for r in several} == {"THA", "MMR", "MYS"}
    assert client.get("/compare?countries=" + ",".join(["THA"] * 9)).status_code == 400


def test_gsi_editions_caveat_and_partial_rank(client, store):
    page = client.get("/country/THA/gsi").text
    assert "Not a time series" in page and "(partial edition)" in page
    country = client.get("/country/THA").text
    gsi = country[country.index("Global Slavery Index"):]
    if any(r["edition"] == 2014 and r["est_number"] for r in store.gsi(iso3="THA")):
        assert "partial edition: rank among the 2014 countries" in gsi


def test_tools_permalink_cite_and_formats(client, store):
    page = client.get("/transitions?start=2005&end=2015").text
    assert 'href="/transitions?start=2005&amp;end=2015&amp;format=csv"' in page
    assert "/embed/transitions?start=2005&amp;end=2015" in page
    from tiptrace.services.record import cite

    assert f"Data version {cite()['data_version']}" in page and "@misc{tiptrace_" in page
    assert client.get("/transitions?format=xml").status_code == 400
    assert client.get("/changes?format=svg").status_code == 400  # a table has no drawing


@pytest.mark.parametrize("path", ["/embed/compare?countries=THA", "/embed/transitions",
                                  "/embed/country/THA/gsi", "/embed/consistency"])
def test_only_embeds_may_be_framed(client, path):
    r = client.get(path)
    assert r.status_code == 200 and "<svg" in r.text
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers
    page = client.get(path.removeprefix("/embed"))
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_cors_on_reads_only(client):
    r = client.get("/api/v1/countries/THA")
    assert r.headers["access-control-allow-origin"] == "*"
    w = client.post("/api/v1/whatif", json={"country": "THA", "year": 2014, "set": {}})
    assert w.status_code == 200 and "access-control-allow-origin" not in w.headers
    assert "access-control-allow-origin" not in client.get("/compare").headers


def test_every_country_page_renders_even_when_the_latest_tier_is_narrowed(client, store):
    """A latest placement known only as 'Tier 1 or 2' has no rules decision, but a page."""
    countries = sorted({r["iso3"] for r in store.tiers()})
    narrowed = {r["iso3"] for r in store.tiers() if "|" in r["tier"]}
    failed = [c for c in countries if client.get(f"/country/{c}").status_code != 200]
    assert failed == []
    for c in sorted(narrowed)[:5]:
        assert client.get(f"/whatif?country={c}").status_code == 200


def test_map_embed_is_frameable_and_linked_from_the_map(client, store):
    from tiptrace.web.routes.maps import year_summary

    page = client.get("/?year=2010").text
    assert 'href="/embed/map?year=2010"' in page
    r = client.get("/embed/map?year=2010")
    assert r.status_code == 200 and "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers
    assert year_summary(store, 2010)["note"] in r.text and 'id="worldmap"' in r.text
    assert client.get("/").headers["x-frame-options"] == "DENY"
