"""Streaks: how many reports in a row a country has held the same tier."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Streak:
    country: str  # ISO3
    tier: str
    length: int
    start: int
    end: int
    # What ended the run going backwards: "first report", "not rated", "data gap" or a tier.
    preceded_by: str

    def contract(self) -> dict[str, Any]:
        """The CLI's JSON contract: country, tier, length, start, end."""
        d = asdict(self)
        d.pop("preceded_by")
        return d


def streak_from_rows(iso3: str, rows: list[dict[str, Any]], year: int,
                     gap_years: set[int] | frozenset[int] = frozenset(),
                     first_year: int = 2001) -> Streak | None:
    """The run of consecutive reports ending at `year` in the tier held in `year`.

    `rows` are the country's tier rows; a year without a row ends the run. `gap_years` are the
    years the record knows it lacks for this country, so the caller can say the run may be longer.
    Returns None when the country has no row for `year`.
    """
    by_year = {int(r["report_year"]): r["tier"] for r in rows}
    tier = by_year.get(year)
    if tier is None:
        return None
    start = year
    while by_year.get(start - 1) == tier:
        start -= 1
    prev = start - 1
    if prev < first_year:
        preceded_by = "first report"
    elif prev in by_year:
        preceded_by = by_year[prev]
    elif prev in gap_years:
        preceded_by = "data gap"
    else:
        preceded_by = "not rated"
    return Streak(iso3, tier, year - start + 1, start, year, preceded_by)
