"""Analyses recomputed by hand from the packaged record."""

import json
from collections import Counter

import pytest

import tiptrace
from tiptrace.analysis import queries, transitions
from tiptrace.errors import NoDataError
from tiptrace.record import packaged

TIP = packaged.read_rows("tip_tiers")
TIERS = {(r["iso3"], int(r["report_year"])): r["tier"] for r in TIP}


def test_transition_counts_match_a_hand_count(store):
    m = queries.transition_matrix(store, 2010, 2015)
    hand = Counter()
    for (iso3, y), t in TIERS.items():
        if 2011 <= y <= 2015 and (iso3, y - 1) in TIERS:
            hand[(TIERS[(iso3, y - 1)], t)] += 1
    for (a, b), n in hand.items():
        assert m["counts"][a][b] == n
    assert m["pairs"] == sum(hand.values())
    row = m["counts"]["2WL"]
    assert m["rates"]["2WL"]["3"] == pytest.approx(row["3"] / sum(row.values()))


def test_2013_changes_include_the_documented_downgrades(store):
    rows = {r["country"]: r for r in queries.changes(store, 2013)}
    for iso3 in ("RUS", "CHN", "UZB"):  # 2WL -> 3 in 2013 (see spot_checks.yaml)
        assert rows[iso3]["from"] == "2WL" and rows[iso3]["to"] == "3"
        assert rows[iso3]["direction"] == "downgrade" and rows[iso3]["steps"] == 1
    assert all(TIERS[(c, 2012)] != TIERS[(c, 2013)] for c in rows)
    with pytest.raises(NoDataError):
        queries.changes(store, 2001)


def test_spells_and_longest_current_runs(store):
    d = queries.durations(store)
    current = {s["country"]: s for s in d["tiers"]["3"]["longest_current"]}
    years = [y for y in range(2003, 2026) if TIERS.get(("PRK", y)) == "3"]
    assert current["PRK"]["length"] == len(years) == 2025 - 2003 + 1
    spells = transitions.spells([{"iso3": "X", "report_year": y, "tier": t} for y, t in
                                 [(2001, "2"), (2002, "2"), (2003, "3"), (2005, "3")]])
    assert [(s["tier"], s["start"], s["length"]) for s in spells] == \
        [("2", 2001, 2), ("3", 2003, 1), ("3", 2005, 1)]


def test_rank_comparison_and_shares(store):
    r = queries.compare_rankings(store, 2016)
    india = next(x for x in r["rows"] if x["country"] == "IND")
    assert india["rank_number"] == 1
    assert r["top_k_shares"][5] == pytest.approx(0.581, abs=0.001)  # published: 58%
    prk = next(x for x in r["rows"] if x["country"] == "PRK")
    assert prk["rank_prevalence"] == 1 and prk["shift"] > 0


def test_correlation_signs_and_matching_note(store):
    r = queries.correlate(store, 2018)
    assert r["report_year"] == 2018 and "April 2017-March 2018" in r["matching"]
    assert r["correlations"]["prevalence_per_1000"]["rho"] > 0
    assert r["correlations"]["government_response"]["rho"] < 0
    with pytest.raises(NoDataError, match="2015"):
        queries.correlate(store, 2015)


def test_consistency_model_outputs(store):
    r = queries.consistency_check(store, 2023)
    assert r["edition"] == 2023 and r["n"] > 100
    assert r["caveat"] and "OrderedModel" in r["method"]
    for o in r["outliers"]:
        assert abs(o["steps_from_prediction"]) >= 2
        assert sum(o["distribution"].values()) == pytest.approx(1, abs=1e-3)
        assert o["tier"] == TIERS[(o["country"], 2023)]
    for p in r["neighbour_pairs"]:
        assert p["distance"] <= 0.5 and p["steps"] >= 2
    # Government response pushes towards better tiers, as the correlation says.
    assert r["coefficients"]["government_response"] < 0
    with pytest.raises(NoDataError, match="No complete GSI edition"):
        queries.consistency_check(store, 2010)


def test_api_dataframes(db_path):
    m = tiptrace.transition_matrix(2010, 2012, db=str(db_path))
    assert list(m.index) == ["1", "2", "2WL", "3", "special"]
    c = tiptrace.consistency(2018, db=str(db_path))
    assert set(c["outliers"].columns) >= {"country", "tier", "predicted"}


@pytest.mark.parametrize("args", [
    ["plot", "map", "--year", "2015"],
    ["plot", "timeline", "Thailand"],
    ["plot", "heatmap", "--from", "2009", "--to", "2019"],
    ["plot", "scatter", "--year", "2023"],
])
def test_plots_are_written_and_not_blank(cli, tmp_path, args):
    from PIL import Image

    out = tmp_path / "fig.png"
    r = cli(*args, "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["written"] == str(out)
    img = Image.open(out).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # drawn, not an empty canvas


def test_map_draws_country_shapes(tmp_path):
    from PIL import Image

    from tiptrace.analysis import plots

    path = str(tmp_path / "m.png")
    plots.save(plots.world_map({"RUS": "3", "BRA": "2", "AUS": "1"}, "test"), path)
    img = Image.open(path).convert("RGB")
    counts = {c: n for n, c in img.getcolors(maxcolors=1 << 20)}
    hex_rgb = lambda h: tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))  # noqa: E731
    # Russia, Brazil and Australia are large: each colour covers many pixels.
    for tier in ("3", "2", "1"):
        assert counts.get(hex_rgb(plots.TIER_COLOURS[tier]), 0) > 2000


def test_cli_analysis_json(cli):
    m = json.loads(cli("transitions", "--from", "2012", "--to", "2014", "--json").stdout)
    assert m["from_year"] == 2012 and m["pairs"] > 300
    r = cli("consistency", "--year", "2018")
    assert r.returncode == 0 and "Caveat" in r.stdout
    r = cli("transitions", "--from", "2014", "--to", "2014")
    assert r.returncode == 1 and "at least two report years" in r.stderr
