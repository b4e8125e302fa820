"""Questions asked of the record, and its citation; the CLI, Python API and web call these and
only shape the output."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..analysis.rankings import PARTIAL_EDITIONS, rank_rows
from ..analysis.streaks import Streak, streak_from_rows
from ..domain import FIRST_STATE_SPONSORED_YEAR
from ..errors import BadRequestError, NoDataError
from ..record import packaged
from ..record.citations import cite_source, tiptrace_citation
from ..record.countries import name_of, resolve
from ..record.schema import DETERMINATION_LABELS, is_partial, normalize_tier, tier_label, tier_options
from ..record.store import Store


def gap_years(iso3: str) -> set[int]:
    """Report years the record knows it lacks for this country (from the data package)."""
    return {g["report_year"] for g in packaged.resource("tip_tiers")["gaps"] if g["iso3"] == iso3}


def gap_countries(year: int) -> list[str]:
    """Countries the record expects in this report but has no value for (from the data package)."""
    return sorted(g["iso3"] for g in packaged.resource("tip_tiers")["gaps"]
                  if int(g["report_year"]) == year)


def not_rated_years(iso3: str) -> dict[int, dict[str, Any]]:
    """Report years in which a source checked says the report did not rate this country."""
    return {int(n["report_year"]): n
            for n in packaged.resource("tip_tiers").get("not_rated_reviewed", [])
            if n["iso3"] == iso3}


def check_year(store: Store, year: int) -> None:
    years = store.report_years()
    if year not in years:
        raise NoDataError(
            f"The record has no TIP Report {year}; it covers report years {years[0]}-{years[-1]}."
        )


def parse_tier(tier: str) -> str:
    t = normalize_tier(tier)
    if t is None:
        raise BadRequestError(f"Unknown tier {tier[:20]!r}; use one of 1, 2, 2WL, 3, special.")
    return t


def history(store: Store, country: str) -> dict[str, Any]:
    """Each report year with a tier, a known gap, or a checked "not rated" (with its source)."""
    iso3 = resolve(country)
    tiers = store.tiers(iso3=iso3)
    listed = {r["report_year"]: r for r in store.state_sponsored(iso3=iso3)}
    gaps = gap_years(iso3)
    unrated = not_rated_years(iso3)
    if not tiers and not gaps:
        raise NoDataError(f"{name_of(iso3)} ({iso3}) has no TIP Report placement in the record.")
    years = sorted({r["report_year"] for r in tiers} | gaps | set(unrated))
    by_year = {r["report_year"]: r for r in tiers}
    rows = []
    for y in years:
        r = by_year.get(y)
        s = listed.get(y)
        n = unrated.get(y) if r is None else None
        # "narrowed": the sources fix the cell only to some tiers (e.g. Tier 1 or 2).
        status = (("narrowed" if is_partial(r["tier"]) else "rated") if r else
                  ("not_rated" if n else "gap"))
        rows.append({
            "report_year": y,
            "status": status,
            "tier": r["tier"] if r else None,
            "tier_label": (tier_label(r["tier"]) if r else
                           "not rated" if n else "gap: no value found"),
            "tier_options": list(tier_options(r["tier"])) if r and is_partial(r["tier"]) else None,
            "watch_list_rule": (r["watch_list_rule"] or None) if r else None,
            "state_sponsored": (True if s else False) if y >= FIRST_STATE_SPONSORED_YEAR else None,
            "quality": r["quality"] if r else None,
            "source": r["source"] if r else (n["source"] if n else None),
            "evidence": (r["evidence"] or None) if r else (n.get("evidence") or None if n else None),
            "state_sponsored_source": s["source"] if s else None,
            **_citation(r or n, y, name_of(iso3)),
            "determination": determination(iso3, y) if r and r["tier"] == "3" else None,
        })
    return {"country": iso3, "name": name_of(iso3), "years": rows}


def determination(iso3: str, year: int) -> dict[str, Any] | None:
    """What the President determined on this Tier 3 government after the report, if stored."""
    d = packaged.determinations().get((iso3, int(year)))
    if d is None:
        return None
    return {"determination": d["determination"], "label": DETERMINATION_LABELS[d["determination"]],
            "provision": d["provision"], "fiscal_year": int(d["fiscal_year"]),
            "number": d["determination_number"], "signed": d["signed"] or None,
            "published": d["published"], "source": d["source"], "quality": d["quality"],
            "evidence": d["evidence"], "read_in_full": d["read_in_full"] == "yes"}


def _citation(row: dict[str, Any] | None, year: int, country: str) -> dict[str, Any]:
    """The row's source as a citation, and the file it was read from for the research rows."""
    if not row or not row.get("source"):
        return {"citation": None, "derived_from": None}
    c = cite_source(row["source"], year, country)
    return {"citation": c["citation"], "derived_from": c["derived_from"]}


def tiers_for_year(store: Store, year: int, tier: str | None = None) -> list[dict[str, Any]]:
    check_year(store, year)
    t = parse_tier(tier) if tier else None
    listed = {r["iso3"] for r in store.state_sponsored(year=year)}
    return [{
        "country": r["iso3"], "name": r["country"], "report_year": r["report_year"],
        "tier": r["tier"], "watch_list_rule": r["watch_list_rule"] or None,
        "state_sponsored": (r["iso3"] in listed) if year >= FIRST_STATE_SPONSORED_YEAR else None,
        "quality": r["quality"], "source": r["source"],
    } for r in store.tiers(year=year, tier=t)]


def streak(store: Store, country: str, year: int) -> Streak:
    iso3 = resolve(country)
    check_year(store, year)
    rows = store.tiers(iso3=iso3)
    result = streak_from_rows(iso3, rows, year, gap_years(iso3), store.report_years()[0])
    if result is None:
        unrated = not_rated_years(iso3).get(year)
        why = ("the record has no value for that year (a known data gap)"
               if year in gap_years(iso3) else
               f"it was not rated in that report (source: {unrated['source']})" if unrated else
               "it was not rated in that report")
        raise NoDataError(f"{name_of(iso3)} ({iso3}) has no tier in the {year} report: {why}.")
    return result


def state_sponsored(store: Store, year: int) -> list[dict[str, Any]]:
    if year < FIRST_STATE_SPONSORED_YEAR:
        raise NoDataError("The state-sponsored trafficking list starts with the 2020 report "
                          "(TVPA 7107(b)(3)(B), added in 2019).")
    check_year(store, year)
    return [{"country": r["iso3"], "name": r["country"], "report_year": r["report_year"],
             "quality": r["quality"], "source": r["source"], "evidence": r["evidence"] or None}
            for r in store.state_sponsored(year=year)]


def gsi_rank(store: Store, edition: int, by: str = "number",
             top: int | None = None) -> list[dict[str, Any]]:
    editions = store.gsi_editions()
    if edition not in editions:
        raise NoDataError(f"No Global Slavery Index edition {edition}; the record has "
                          f"{', '.join(map(str, editions))}.")
    return rank_rows(store.gsi(edition=edition), by, top)


def gsi_caveat(edition: int) -> str | None:
    if edition in PARTIAL_EDITIONS:
        return (f"The {edition} edition is only partly known (see `tiptrace sources`); ranks are "
                "over the known rows and shares are not computed.")
    return None


def sources() -> dict[str, Any]:
    return packaged.datapackage()


def cite(accessed: dt.date | None = None) -> dict[str, Any]:
    """tiptrace's citation with its software version, data version and the date of access."""
    pkg = packaged.datapackage()
    tip = packaged.resource("tip_tiers")
    years = sorted(int(y) for y in tip["coverage"])
    try:
        version = _package_version("tiptrace")
    except LookupError:  # running from a source tree without installing
        version = "unknown"
    data_version = pkg.get("data_version") or pkg["version"]
    on = (accessed or dt.date.today()).isoformat()
    return {"version": version, "data_version": data_version,
            "report_years": f"{years[0]}-{years[-1]}", "accessed": on,
            **tiptrace_citation(version, data_version, f"{years[0]}-{years[-1]}", on)}


def _package_version(name: str) -> str:
    """The installed package's version (importlib.metadata costs ~40 ms: imported only here)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError as exc:
        raise LookupError(name) from exc
