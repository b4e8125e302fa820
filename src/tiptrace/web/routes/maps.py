"""The map's data for one report year as a few KB of JSON, so the page changes year without
reloading; and how each value is painted (fills shared with the server-drawn map)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request

from ...analysis.plots import TIER_COLOURS
from ...record import packaged
from ...record import queries as rq
from ...record.citations import cite_source
from ...record.schema import tier_label
from ..context import HTML, web
from ..formats import to_json
from ..models import YEAR

router = APIRouter(prefix="/api/v1", tags=["record"])

# Special Case and "no value" differ by pattern, not only by colour (patterns in map.html);
# a narrowed value (Tier 1 or 2) is striped in the colours of both tiers.
FILLS = {**TIER_COLOURS, "special": "url(#pat-special)", "1|2": "url(#pat-narrowed)"}
NO_VALUE = "url(#pat-nodata)"


def tier_fill(tier: str | None) -> str:
    return FILLS.get(tier or "", NO_VALUE)


def year_summary(store, year: int) -> dict[str, Any]:
    """The values of one report year and what the record lacks for it."""
    rows = rq.tiers_for_year(store, year)
    gaps = [g["iso3"] for g in packaged.resource("tip_tiers")["gaps"] if g["report_year"] == year]
    narrowed = sum(1 for r in rows if "|" in (r["tier"] or ""))
    if gaps:
        note = (f"{len(gaps)} {'country' if len(gaps) == 1 else 'countries'} not yet in the "
                f"record for {year}")
    else:
        note = f"every country the {year} report rated is in the record"
    if narrowed:
        note += f"; {narrowed} narrowed to two tiers, not fixed"
    return {"year": year, "title": f"TIP Report {year}: tier placements", "rated": len(rows),
            "missing": len(gaps), "missing_countries": gaps, "narrowed": narrowed, "note": note,
            "values": {r["country"]: {"tier": r["tier"], "label": tier_label(r["tier"]),
                                      "fill": tier_fill(r["tier"]),
                                      "source": cite_source(r["source"], year)["citation"]
                                      if r["source"] else ""}
                       for r in rows}}


def default_year(store) -> int:
    """The latest report year with no known gap (the latest year if every year has gaps)."""
    years = store.report_years()
    gappy = {g["report_year"] for g in packaged.resource("tip_tiers")["gaps"]}
    complete = [y for y in years if y not in gappy]
    return complete[-1] if complete else years[-1]


@router.get("/map/tiers/{year}")
def map_year(request: Request, year: int = Path(**YEAR)):
    """Each country's tier in one report (label, fill, source) and the year's gaps."""
    w = web(request)
    return w.cached(request, lambda: to_json(year_summary(w.store, year)))


embeds = APIRouter(include_in_schema=False)


@embeds.get("/embed/map")
def embed_map(request: Request, year: int | None = Query(None, **YEAR),
              gsi: int | None = Query(None, **YEAR)):
    """The map alone (legend, source, tools), for other sites to frame."""
    from ...errors import NoDataError
    from ..mapsvg import HEIGHT, WIDTH
    from ..views import map_tools
    from .pages import _gsi_values, _shapes, _tier_values, complete_editions

    w = web(request)
    editions = complete_editions(w.store)
    if gsi is not None and gsi not in editions:
        raise NoDataError(f"No complete GSI edition {gsi}; choose {editions}.")
    y = year or default_year(w.store)
    if gsi is None:
        rq.check_year(w.store, y)

    def build():
        values, legend, title = (_tier_values(w.store, y) if gsi is None
                                 else _gsi_values(w.store, gsi))
        query = f"?gsi={gsi}" if gsi else f"?year={y}"
        tools = map_tools(request, w, title, f"/api/v1/tiers/{y}?format=csv" if gsi is None
                          else f"/api/v1/gsi/{gsi}?format=csv", query)
        return w.render(request, "embed_map.html", {
            "title": title, "shapes": _shapes(values), "legend": legend, "width": WIDTH,
            "height": HEIGHT, "tools": tools, "rated": len(values),
            "summary": year_summary(w.store, y) if gsi is None else None})

    return w.cached(request, build, HTML)
