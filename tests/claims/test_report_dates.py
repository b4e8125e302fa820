"""Which report or edition an article's date points to."""

import datetime as dt

from tiptrace.claims.verify import gsi_edition_for, tip_year_for

YEARS = list(range(2001, 2026))


def test_a_report_is_current_from_its_release():
    assert tip_year_for(dt.date(2024, 7, 15), YEARS)[0] == 2024
    assert tip_year_for(dt.date(2024, 3, 1), YEARS)[0] == 2023


def test_the_late_2025_report():
    # Released on 29 September 2025, three months after the statutory date.
    year, why = tip_year_for(dt.date(2025, 8, 1), YEARS)
    assert year == 2024 and "end of June" in why
    year, why = tip_year_for(dt.date(2025, 10, 1), YEARS)
    assert year == 2025 and "2025-09-29" in why


def test_gsi_edition_current_on_a_date():
    assert gsi_edition_for(dt.date(2019, 1, 1), [2013, 2014, 2016, 2018, 2023])[0] == 2018
    assert gsi_edition_for(dt.date(2023, 5, 1), [2013, 2014, 2016, 2018, 2023])[0] == 2018
