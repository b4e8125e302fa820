"""Streaks: how many reports in a row a country has held the same tier."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..record.schema import is_partial, tier_options


@dataclass(frozen=True)
class Streak:
    country: str  # ISO3
    tier: str
    length: int
    start: int
    end: int
    # What ended the run going backwards: "first report", "not rated", "data gap" or a tier
    # (possibly a narrowed one such as "1|2").
    preceded_by: str
    # Years whose value is only narrowed (e.g. Tier 1 or 2) and on which the run depends: the
    # run's own years if its tier is narrowed, or the year before it if that year could extend it.
    depends_on: tuple[int, ...] = ()

    def contract(self) -> dict[str, Any]:
        """The CLI's JSON contract: country, tier, length, start, end (and depends_on, the
        narrowed years the run rests on, when there are any)."""
        d = asdict(self)
        d.pop("preceded_by")
        if self.depends_on:
            d["depends_on"] = list(self.depends_on)
        else:
            d.pop("depends_on")
        return d


def streak_from_rows(iso3: str, rows: list[dict[str, Any]], year: int,
                     gap_years: set[int] | frozenset[int] = frozenset(),
                     first_year: int = 2001) -> Streak | None:
    """The run of consecutive reports ending at `year` in the tier held in `year`.

    `rows` are the country's tier rows; a year without a row ends the run. `gap_years` are the
    years the record knows it lacks for this country, so the caller can say the run may be longer.
    Returns None when the country has no row for `year`.

    A narrowed value ("1|2") makes a run of its own, flagged in `depends_on`; a run in a fixed
    tier preceded by a narrowed year that allows that tier says so too (it may be longer).
    """
    by_year = {int(r["report_year"]): r["tier"] for r in rows}
    tier = by_year.get(year)
    if tier is None:
        return None
    start = year
    while by_year.get(start - 1) == tier:
        start -= 1
    prev = start - 1
    depends: tuple[int, ...] = ()
    if is_partial(tier):
        depends = tuple(range(start, year + 1))
    elif prev in by_year and is_partial(by_year[prev]) and tier in tier_options(by_year[prev]):
        depends = (prev,)
    if prev < first_year:
        preceded_by = "first report"
    elif prev in by_year:
        preceded_by = by_year[prev]
    elif prev in gap_years:
        preceded_by = "data gap"
    else:
        preceded_by = "not rated"
    return Streak(iso3, tier, year - start + 1, start, year, preceded_by, depends)
