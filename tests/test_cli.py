"""The CLI contract, run as real processes against a store built from the packaged data."""

import json


def test_history_json_shape_and_values(cli):
    r = cli("history", "Thailand", "--json")
    assert r.returncode == 0, r.stderr
    h = json.loads(r.stdout)
    assert h["country"] == "THA"
    by_year = {y["report_year"]: y for y in h["years"]}
    assert by_year[2014]["tier"] == "3" and by_year[2016]["tier"] == "2WL"
    assert by_year[2014]["state_sponsored"] is None  # no list before 2020
    assert by_year[2024]["state_sponsored"] is False
    assert all(y["source"] for y in h["years"] if y["tier"])


def test_history_shows_checked_not_rated_years_with_their_source(cli):
    # The 2004 report says Egypt "appears in this report for the first time" (refworld copy).
    h = json.loads(cli("history", "Egypt", "--json").stdout)
    first = h["years"][0]
    assert (first["report_year"], first["status"], first["tier"]) == (2003, "not_rated", None)
    assert "first time" in first["evidence"] and first["source"].startswith("https://")
    assert {y["status"] for y in h["years"] if 2004 <= y["report_year"] <= 2024} == {"rated"}
    # Gaps stay gaps: Namibia 2019 has no value found, which is not the same as not rated.
    nam = {y["report_year"]: y for y in json.loads(cli("history", "NAM", "--json").stdout)["years"]}
    assert nam[2019]["status"] == "gap" and nam[2019]["source"] is None


def test_history_shows_a_narrowed_cell_with_the_lists_that_narrow_it(cli):
    # Ghana is on none of the 2025 whole lists (Watch List, Tier 3, Special Cases): Tier 1 or 2.
    ghana = {y["report_year"]: y for y in json.loads(cli("history", "GHA", "--json").stdout)["years"]}
    g = ghana[2025]
    assert (g["status"], g["tier"], g["tier_options"]) == ("narrowed", "1|2", ["1", "2"])
    assert g["tier_label"] == "Tier 1 or 2" and g["quality"] == "derived"
    assert "factbook" in g["source"].lower() and "none of the whole lists" in g["evidence"]
    assert ghana[2023]["tier_options"] is None
    text = cli("history", "GHA").stdout
    assert "Tier 1 or 2" in text


def test_streak_ending_in_or_after_a_narrowed_year_says_so(cli):
    s = json.loads(cli("streak", "GHA", "--year", "2025", "--json").stdout)
    assert (s["tier"], s["length"], s["depends_on"]) == ("1|2", 2, [2024, 2025])
    r = cli("streak", "GHA", "--year", "2025")
    assert "Tier 1 or 2" in r.stdout and "not known" in r.stdout


def test_streak_in_a_not_rated_year_names_the_source(cli):
    r = cli("streak", "Egypt", "--year", "2003")
    assert r.returncode != 0 and "not rated" in r.stderr and "refworld" in r.stderr


def test_history_flags_state_sponsored_years(cli):
    h = json.loads(cli("history", "prk", "--json").stdout)
    flags = {y["report_year"]: y["state_sponsored"] for y in h["years"]}
    assert all(flags[y] for y in range(2020, 2026))


def test_streak_contract(cli):
    r = cli("streak", "Russia", "--year", "2017", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"country": "RUS", "tier": "3", "length": 5,
                                    "start": 2013, "end": 2017}


def test_streak_ends_at_tier_change(cli):
    s = json.loads(cli("streak", "Malaysia", "--year", "2016", "--json").stdout)
    assert (s["tier"], s["start"], s["length"]) == ("2WL", 2015, 2)


def test_streak_unknown_country_and_uncovered_year_are_clear(cli):
    r = cli("streak", "Atlantis", "--year", "2017")
    assert r.returncode == 1
    assert "Unknown country 'Atlantis'" in r.stderr and "Traceback" not in r.stderr
    r = cli("history", "Thailnd")
    assert "Did you mean: Thailand (THA)" in r.stderr
    r = cli("streak", "THA", "--year", "1995")
    assert r.returncode == 1 and "covers report years 2001-2025" in r.stderr
    r = cli("streak", "USA", "--year", "2005")
    assert r.returncode == 1 and "no tier in the 2005 report" in r.stderr


def test_tiers_for_year_with_tier_filter(cli):
    rows = json.loads(cli("tiers", "--year", "2013", "--tier", "3", "--json").stdout)
    names = {r["country"] for r in rows}
    assert {"RUS", "CHN", "UZB", "PRK"} <= names
    assert all(r["tier"] == "3" and r["report_year"] == 2013 for r in rows)
    rows_wl = json.loads(cli("tiers", "--year", "2013", "--tier", "Tier 2 Watch List",
                             "--json").stdout)
    assert rows_wl and all(r["tier"] == "2WL" for r in rows_wl)


def test_tiers_says_when_a_year_is_incomplete(cli):
    from tiptrace.record.queries import gap_countries

    missing = gap_countries(2019)
    assert missing == ["NAM"]  # Namibia's 2019 narrative header was not found
    out = cli("tiers", "--year", "2019").stdout
    assert f"Not complete: {len(missing)} countries" in out and missing[0] in out
    assert "Not complete" not in cli("tiers", "--year", "2015").stdout
    # 2025 has no gap left, but part of it is only narrowed; the listing says how much.
    out = cli("tiers", "--year", "2025").stdout
    assert "Not complete" not in out and "known only as Tier 1 or 2" in out


def test_gsi_rank_json_rows(cli):
    rows = json.loads(cli("gsi", "rank", "--edition", "2016", "--by", "number", "--top", "5",
                          "--json").stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["country"] == "IND" and rows[0]["value"] == 18354700
    assert abs(rows[0]["share"] - 18354700 / 45839600) < 1e-9
    assert abs(rows[-1]["cumulative_share"] - sum(r["share"] for r in rows)) < 1e-9
    prev = json.loads(cli("gsi", "rank", "--edition", "2018", "--by", "prevalence", "--top",
                          "1", "--json").stdout)
    assert prev[0]["country"] == "PRK" and round(prev[0]["value"], 1) == 104.6


def test_gsi_rank_bad_edition_and_measure(cli):
    r = cli("gsi", "rank", "--edition", "2015")
    assert r.returncode == 1 and "2013, 2014, 2016, 2018, 2023" in r.stderr
    r = cli("gsi", "rank", "--edition", "2016", "--by", "weight")
    assert r.returncode == 1 and "number" in r.stderr


def test_state_sponsored_list(cli):
    rows = json.loads(cli("state-sponsored", "--year", "2024", "--json").stdout)
    assert len(rows) == 13
    assert {"PRK", "CHN", "RUS", "BLR", "SDN"} <= {r["country"] for r in rows}
    r = cli("state-sponsored", "--year", "2015")
    assert r.returncode == 1 and "starts with the 2020 report" in r.stderr


def test_countries_resolves_aliases(cli):
    rows = json.loads(cli("countries", "Swaziland", "--json").stdout)
    assert [r["iso3"] for r in rows] == ["SWZ"]


def test_sources_lists_provenance_and_gaps(cli):
    pkg = json.loads(cli("sources", "--json").stdout)
    tip = pkg["resources"][0]
    assert tip["name"] == "tip_tiers" and tip["gaps"] and tip["sources"]
    human = cli("sources").stdout
    assert "gaps" in human and "coverage" in human and "not_rated_reviewed" in human


def test_human_output_is_a_table(cli):
    out = cli("history", "Burma").stdout
    assert "Burma (MMR)" in out and "Tier 3" in out


def test_a_run_preceded_by_a_narrowed_year_may_be_longer(cli):
    # Italy: Tier 2 in 2023 and 2025; 2024 is known only as Tier 1 or 2.
    s = json.loads(cli("streak", "ITA", "--year", "2025", "--json").stdout)
    assert (s["tier"], s["length"], s["depends_on"]) == ("2", 1, [2024])
    assert "the run is longer" in cli("streak", "ITA", "--year", "2025").stdout
    ch = json.loads(cli("changes", "--year", "2025", "--json").stdout)
    italy = next(r for r in ch if r["country"] == "ITA")
    assert (italy["from"], italy["to"], italy["direction"]) == ("1|2", "2", "uncertain")
