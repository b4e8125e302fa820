"""The packaged record: every report year present, no duplicates, every row sourced and graded."""

import csv
import io
from collections import Counter

from tiptrace.record import packaged
from tiptrace.record.countries import all_countries
from tiptrace.record.schema import QUALITY_ORDER, TIERS, is_partial, tier_options

TIP = packaged.read_rows("tip_tiers")
STATE = packaged.read_rows("state_sponsored")
GSI = packaged.read_rows("gsi")


def test_every_report_year_2001_to_2025_present():
    years = {int(r["report_year"]) for r in TIP}
    assert years == set(range(2001, 2026))


def test_reports_rate_a_plausible_number_of_countries():
    per_year = Counter(int(r["report_year"]) for r in TIP)
    assert per_year[2001] >= 80  # the 2001 report rated 82
    # From 2011 on, the reports rate about 185 countries; the record must hold most of them
    # (the remaining cells are listed as gaps, checked below).
    assert all(per_year[y] >= 150 for y in range(2011, 2025)), per_year


def test_no_country_year_duplicated():
    keys = Counter((r["iso3"], r["report_year"]) for r in TIP)
    assert [k for k, n in keys.items() if n > 1] == []
    keys = Counter((r["edition"], r["iso3"]) for r in GSI)
    assert [k for k, n in keys.items() if n > 1] == []
    keys = Counter((r["iso3"], r["report_year"]) for r in STATE)
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_row_is_sourced_graded_and_valid():
    known = all_countries()
    for r in TIP:
        assert r["source"].strip(), r
        assert r["quality"] in QUALITY_ORDER, r
        assert r["tier"] in TIERS or is_partial(r["tier"]), r
        assert r["iso3"] in known, r
    for r in STATE + GSI:
        assert r["source"].strip(), r
        assert r["iso3"] in known, r


def test_narrowed_cells_are_derived_and_name_the_whole_lists():
    tip = packaged.resource("tip_tiers")
    narrowed = [r for r in TIP if is_partial(r["tier"])]
    assert narrowed and len(narrowed) == len(tip["narrowed"])
    lists = {w["report_year"]: w for w in tip["whole_lists"]}
    for r in narrowed:
        assert r["quality"] == "derived", r
        assert set(tier_options(r["tier"])) <= set(TIERS)
        # Only years with whole lists are narrowed, and the row names every list used.
        year_lists = lists[int(r["report_year"])]["lists"]
        assert all(lst["url"] in r["source"] for lst in year_lists), r
        covered = {lst["tier"] for lst in year_lists}
        assert not covered & set(tier_options(r["tier"])), r
    # The whole lists agree with the record: no row of a listed tier outside its list is kept
    # unless it rests on a better source than the narrowing (none does today).
    assert [c for c in tip["whole_list_conflicts"] if c["kept"]] == []
    # With whole lists for 2024 and 2025, no cell of those years is a plain gap.
    assert not [g for g in tip["gaps"] if g["report_year"] >= 2024]


def test_state_sponsored_list_sizes():
    sizes = Counter(int(r["report_year"]) for r in STATE)
    # Counts stated in the reports and press: 12 (2020), 11 (2021-2023), 13 (2024, 2025).
    assert sizes == {2020: 12, 2021: 11, 2022: 11, 2023: 11, 2024: 13, 2025: 13}


def test_state_sponsored_governments_are_tier_3_in_the_same_report():
    tiers = {(r["iso3"], r["report_year"]): r["tier"] for r in TIP}
    listed = [(r["iso3"], r["report_year"]) for r in STATE]
    # The statute makes a policy or pattern a ground for Tier 3 (7107(b)(3)(B)).
    assert all(tiers.get(k) == "3" for k in listed if k in tiers), \
        [(k, tiers.get(k)) for k in listed if tiers.get(k) not in ("3", None)]


def test_gsi_editions_and_complete_editions_sizes():
    with_estimate = Counter(r["edition"] for r in GSI if r["prevalence_per_1000"])
    assert with_estimate["2016"] == 167
    assert with_estimate["2018"] == 167
    assert with_estimate["2023"] == 160


def test_gsi_2016_and_2014_prevalence_converted_from_percent():
    for r in GSI:
        if r["prevalence_per_1000"] and r["edition"] in ("2014", "2016"):
            assert r["prevalence_basis"] == "converted from percent (x10)"
    india = next(r for r in GSI if r["edition"] == "2016" and r["iso3"] == "IND")
    assert float(india["prevalence_per_1000"]) == 14.0  # workbook: 1.400 %


def test_datapackage_describes_every_file_and_lists_gaps():
    pkg = packaged.datapackage()
    names = {r["name"]: r for r in pkg["resources"]}
    assert set(names) == {"tip_tiers", "state_sponsored", "gsi", "determinations"}
    for r in pkg["resources"]:
        header = next(csv.reader(io.StringIO(packaged.read_bytes(r["path"]).decode())))
        fields = r["schema"]["fields"]  # typed Table Schema fields, or (older form) names
        assert header == [f["name"] if isinstance(f, dict) else f for f in fields]
        assert r["sources"] and r["coverage"]
    tip = names["tip_tiers"]
    assert sum(v["rows"] for v in tip["coverage"].values()) == len(TIP)
    present = {(r["iso3"], int(r["report_year"])) for r in TIP}
    assert all((g["iso3"], g["report_year"]) not in present for g in tip["gaps"])
    assert sum(tip["quality"].values()) == len(TIP)


def test_package_does_not_read_shared_folder():
    from pathlib import Path

    import tiptrace

    for path in Path(tiptrace.__file__).parent.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "shared/data" not in text and "../shared" not in text, path


TIER_OF = {(r["iso3"], int(r["report_year"])): r["tier"] for r in TIP}


def narrative_statements(pattern: str):
    """(row, match) for each row read from a report's own text whose evidence matches PATTERN."""
    import re

    said = re.compile(pattern, re.I)
    for r in TIP:
        m = said.search(r["evidence"]) if r["quality"] in ("primary", "copy") else None
        if m:
            yield r, m


def test_narratives_agree_with_the_previous_years_tier():
    """A narrative saying a country 'remained on', was 'upgraded to' or 'downgraded to' a tier must
    agree with the tier the record holds for it and for the report before (over 900 statements)."""
    order = {"1": 0, "2": 1, "2WL": 2, "3": 3}
    checked, wrong = 0, []
    for r, m in narrative_statements(
            r"(remained on|upgraded to|downgraded to)\s+tier\s+([123])(\s+watch)?"):
        tier = "2WL" if m.group(3) else m.group(2)
        before = TIER_OF.get((r["iso3"], int(r["report_year"]) - 1))
        checked += 1
        if tier != r["tier"]:
            wrong.append((r["iso3"], r["report_year"], r["tier"], r["evidence"]))
        elif before in order:
            step = order[before] - order[tier]
            verb = m.group(1).lower()
            if (verb == "remained on" and step != 0 or verb == "upgraded to" and step <= 0
                    or verb == "downgraded to" and step >= 0):
                wrong.append((r["iso3"], r["report_year"], before, r["tier"], r["evidence"]))
    assert checked > 900 and not wrong, wrong


def test_consecutive_year_counts_agree_with_the_record():
    """'remained on Tier 2 Watch List for the third consecutive year' (or 'a Special Case for the
    fourth consecutive year'): the record must hold that tier for exactly that run."""
    counts = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
              "eighth": 8, "ninth": 9, "tenth": 10}
    checked, wrong = 0, []
    for r, m in narrative_statements(
            r"(tier\s+[123](?:\s+watch\s*list)?|special case)[^.]{0,40}?\bfor\s+(?:the|a)"
            r"\s+(" + "|".join(counts) + r")\s+consecutive\s+year"):
        phrase = m.group(1).lower()
        tier = ("special" if "special" in phrase else "2WL" if "watch" in phrase
                else phrase.split()[-1])
        n, year = counts[m.group(2).lower()], int(r["report_year"])
        run = [TIER_OF.get((r["iso3"], year - i)) for i in range(n)]
        checked += 1
        if any(t not in (tier, None) for t in run) or TIER_OF.get((r["iso3"], year - n)) == tier:
            wrong.append((r["iso3"], year, tier, n, run, r["evidence"]))
    assert checked > 50 and not wrong, wrong


def test_gsi_2016_figures_the_press_disputes_are_the_workbooks():
    # The 2016 workbook (sheet GLOBAL DATA 2016 GSI) gives 104,800 for the Dominican Republic and
    # 4,700 for Slovenia; press reports said 106,600 and 4,600.
    rows = {(r["edition"], r["iso3"]): r for r in GSI}
    assert rows[("2016", "DOM")]["est_number"] == "104800"
    assert rows[("2016", "SVN")]["est_number"] == "4700"
    notes = " ".join(packaged.resource("gsi")["known_gaps"])
    assert "106,600" in notes and "4,600" in notes
