"""Which report or edition an article's date points to (release days from record/data/releases.csv)."""

import datetime as dt

from tiptrace.claims.years import edition_for_date, report_for_date, year_refs
from tiptrace.record.releases import tip_release

YEARS = list(range(2001, 2026))


def test_a_report_is_current_from_its_release_day():
    assert report_for_date(dt.date(2024, 7, 15), YEARS)[0] == 2024
    assert report_for_date(dt.date(2024, 3, 1), YEARS)[0] == 2023
    # The 2014 report came out on 20 June 2014: an article of that day speaks of it ...
    assert report_for_date(dt.date(2014, 6, 20), YEARS)[0] == 2014
    # ... and one of the day before of the 2013 report.
    assert report_for_date(dt.date(2014, 6, 19), YEARS)[0] == 2013
    # The 2015 report was late (27 July).
    assert report_for_date(dt.date(2015, 7, 10), YEARS)[0] == 2014


def test_the_late_2025_report():
    year, why = report_for_date(dt.date(2025, 8, 1), YEARS)
    assert year == 2024 and "2024-06-24" in why
    year, why = report_for_date(dt.date(2025, 10, 1), YEARS)
    assert year == 2025 and "2025-09-29" in why


def test_every_sourced_release_day_names_its_source():
    for year in (2001, 2005, 2012, 2013, 2014, 2019, 2022, 2024, 2025):
        r = tip_release(year)
        assert r.date.year == year and r.source, year
    # A year without a sourced day (2026: no row yet) falls back to the end of June, no source.
    fallback = tip_release(2026)
    assert fallback.source == "" and fallback.date == dt.date(2026, 6, 30)


def test_gsi_edition_current_on_a_date():
    assert edition_for_date(dt.date(2019, 1, 1), [2013, 2014, 2016, 2018, 2023])[0] == 2018
    assert edition_for_date(dt.date(2023, 5, 1), [2013, 2014, 2016, 2018, 2023])[0] == 2018


def test_which_numbers_are_report_years():
    roles = {r.year: r.role for r in year_refs(
        "Ahead of the 2022 World Cup, the 2023 report kept Qatar on Tier 2; it has been there "
        "since 2019, and the 2000 Trafficking Victims Protection Act set the rules. Between "
        "April 2021 and March 2022 ...")}
    assert roles == {2022: "other", 2023: "report", 2019: "since", 2000: "other", 2021: "other"}
    assert [r.role for r in year_refs("Tier 3 now has 23 countries, up from 21 in 2013.")] == \
        ["other"]
    assert [r.role for r in year_refs("In 2014, Thailand fell to Tier 3.")] == ["time"]
