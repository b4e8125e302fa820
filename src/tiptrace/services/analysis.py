"""Analyses asked of the store, with the checks and year matching the interfaces share."""

from __future__ import annotations

from typing import Any

from ..analysis import consistency, rankings, transitions
from ..errors import NoDataError
from ..record.store import Store
from .record import check_year

MATCH_NOTE = ("GSI edition E is matched to the TIP report published in year E unless a report "
              "year is given. Note the periods differ: the {e} GSI estimates refer to an earlier "
              "year (2016 for the 2018 edition, 2021 for 2023), while the {y} TIP report covers "
              "April {y0}-March {y}.")


def _edition(store: Store, edition: int) -> list[dict[str, Any]]:
    editions = store.gsi_editions()
    if edition not in editions:
        raise NoDataError(f"No Global Slavery Index edition {edition}; the record has "
                          f"{', '.join(map(str, editions))}.")
    return store.gsi(edition=edition)


def _matched(store: Store, edition: int, report_year: int | None) -> tuple[list, list, int, str]:
    gsi_rows = _edition(store, edition)
    year = report_year or edition
    check_year(store, year)
    tier_rows = store.tiers(year=year)
    overlap = {r["iso3"] for r in tier_rows} & {r["iso3"] for r in gsi_rows
                                               if r.get("prevalence_per_1000") is not None}
    if not overlap:
        raise NoDataError(f"GSI {edition} and the {year} TIP report share no country with both "
                          "a tier and a prevalence estimate.")
    return gsi_rows, tier_rows, year, MATCH_NOTE.format(e=edition, y=year, y0=year - 1)


def transition_matrix(store: Store, start: int | None = None, end: int | None = None) -> dict:
    years = store.report_years()
    for y in (start, end):
        if y is not None:
            check_year(store, y)
    try:
        return transitions.transition_matrix(store.tiers(), start or years[0], end or years[-1])
    except ValueError as exc:
        raise NoDataError(str(exc)) from None


def changes(store: Store, year: int) -> list[dict[str, Any]]:
    check_year(store, year)
    if year - 1 not in store.report_years():
        raise NoDataError(f"{year} is the first report; there is nothing to compare it with.")
    return transitions.changes(store.tiers(year=year) + store.tiers(year=year - 1), year)


def durations(store: Store) -> dict[str, Any]:
    return transitions.durations(store.tiers())


def compare_rankings(store: Store, edition: int) -> dict[str, Any]:
    rows = _edition(store, edition)
    return {"edition": edition, "rows": rankings.compare(rows),
            "top_k_shares": rankings.top_k_shares(rows),
            "total": rankings.edition_total(rows),
            "partial": edition in rankings.PARTIAL_EDITIONS}


def correlate(store: Store, edition: int, report_year: int | None = None) -> dict[str, Any]:
    gsi_rows, tier_rows, year, note = _matched(store, edition, report_year)
    return {"edition": edition, "report_year": year, "matching": note,
            "correlations": rankings.tier_correlation(gsi_rows, tier_rows),
            "method": "Spearman rank correlation; tiers scored 1, 2, 2.5 (Watch List), 3."}


def consistency_check(store: Store, year: int, edition: int | None = None) -> dict[str, Any]:
    check_year(store, year)
    if edition is None:
        usable = [e for e in store.gsi_editions() if e <= year and e not in
                  rankings.PARTIAL_EDITIONS]
        if not usable:
            raise NoDataError(f"No complete GSI edition was published by {year} (the first "
                              "complete one is 2016); pass --edition to choose one.")
        edition = usable[-1]
    gsi_rows, tier_rows, year, note = _matched(store, edition, year)
    try:
        result = consistency.analyse(gsi_rows, tier_rows, year, edition)
    except ValueError as exc:
        raise NoDataError(str(exc)) from None
    result["matching"] = note
    return result
