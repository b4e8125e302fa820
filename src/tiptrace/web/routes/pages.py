"""Server-rendered pages: map, country, rankings, claim check, downloads. Jinja2 escapes every
value."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse

from ...domain import PARTIAL_GSI_EDITIONS, TIER_COLOURS
from ...domain import TIER_LABELS as TIER_NAMES
from ...errors import NoDataError
from ...evidence.queries import evidence_years
from ...record import packaged
from ...record.countries import all_countries, resolve
from ...services import analysis as aq
from ...services import record as rq
from ...services.country import profile
from ..context import HTML, web
from ..models import YEAR, CheckForm
from ..views import map_tools

router = APIRouter(include_in_schema=False)

# Sequential, colour-blind-safe bins for prevalence per 1,000 (viridis steps).
PREVALENCE_BINS = [(0, 2, "#fde725"), (2, 4, "#5ec962"), (4, 8, "#21918c"),
                   (8, 16, "#3b528b"), (16, 10_000, "#440154")]


def _bin(value: float | None) -> tuple[str, str] | None:
    if value is None:
        return None
    for lo, hi, colour in PREVALENCE_BINS:
        if lo <= value < hi:
            label = f"{lo}-{hi}" if hi < 10_000 else f"{lo}+"
            return colour, label
    return None


def complete_editions(store) -> list[int]:
    return [e for e in store.gsi_editions() if e not in PARTIAL_GSI_EDITIONS]


def _tier_values(store, year: int) -> tuple[dict[str, dict[str, Any]], list, str]:
    from .maps import year_summary

    values = {iso3: {"colour": v["fill"], "label": v["label"], "source": v["source"]}
              for iso3, v in year_summary(store, year)["values"].items()}
    legend = [(f"t-{t}", TIER_NAMES[t]) for t in TIER_NAMES]
    return values, legend, f"TIP Report {year}: tier placements"


def _gsi_values(store, edition: int) -> tuple[dict[str, dict[str, Any]], list, str]:
    values = {}
    for r in store.gsi(edition=edition):
        b = _bin(r["prevalence_per_1000"])
        if b:
            values[r["iso3"]] = {"colour": b[0], "source": r["source_document"],
                                 "label": f"{r['prevalence_per_1000']:.1f} per 1,000"}
    legend = [(f"p{i}", f"{lo}-{hi} per 1,000" if hi < 10_000 else f"{lo}+ per 1,000")
              for i, (lo, hi, _) in enumerate(PREVALENCE_BINS)]
    return values, legend, f"Global Slavery Index {edition}: prevalence of modern slavery"


def _shapes(values: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from ..mapsvg import country_paths

    countries = all_countries()
    shapes = []
    for iso3, shape in sorted(country_paths().items()):
        v = values.get(iso3)
        shapes.append({"iso3": iso3, "name": countries[iso3].name if iso3 in countries else iso3,
                       **shape, "colour": v["colour"] if v else "url(#pat-nodata)",
                       "label": v["label"] if v else "no value",
                       "source": v["source"] if v else ""})
    return shapes


@router.get("/")
def map_page(request: Request, year: int | None = Query(None, **YEAR),
             gsi: int | None = Query(None, **YEAR)):
    from ..mapsvg import HEIGHT, WIDTH

    w = web(request)
    years, editions = w.store.report_years(), complete_editions(w.store)
    if gsi is not None and gsi not in editions:
        raise NoDataError(f"No complete GSI edition {gsi}; choose {editions}.")
    from .maps import default_year, year_summary

    y = year or default_year(w.store)
    if gsi is None:
        rq.check_year(w.store, y)

    def build():
        values, legend, title = (_tier_values(w.store, y) if gsi is None
                                 else _gsi_values(w.store, gsi))
        return w.render(request, "map.html", {
            "title": title, "shapes": _shapes(values), "legend": legend, "width": WIDTH,
            "height": HEIGHT, "years": years, "year": y, "gsi": gsi, "editions": editions,
            "rated": len(values),
            "summary": year_summary(w.store, y) if gsi is None else None,
            "tools": map_tools(request, w, title, f"/api/v1/tiers/{y}?format=csv" if gsi is None
                               else f"/api/v1/gsi/{gsi}?format=csv",
                               f"?gsi={gsi}" if gsi else f"?year={y}")})

    return w.cached(request, build, HTML)


@router.get("/country/{country}")
def country_page(request: Request, country: str = Path(max_length=100)):
    w = web(request)
    iso3 = resolve(country)

    def build():
        p = profile(w.store, iso3)
        return w.render(request, "country.html", {
            "h": p["history"], "current": p["current"], "streak": p["streak"],
            "decision": p["decision"], "gsi": p["gsi"], "audit": p["audit"],
            "evidence": evidence_years(w.store, iso3), "colours": TIER_COLOURS})

    return w.cached(request, build, HTML)


@router.get("/rankings")
def rankings_page(request: Request, edition: int | None = Query(None, **YEAR),
                  year: int | None = Query(None, **YEAR),
                  tier: str | None = Query(None, max_length=20)):
    w = web(request)
    years, editions = w.store.report_years(), complete_editions(w.store)
    e = edition or editions[-1]
    y = year or years[-1]

    def build():
        comparison = aq.compare_rankings(w.store, e)
        return w.render(request, "rankings.html", {
            "edition": e, "editions": editions, "year": y, "years": years, "tier": tier,
            "by_number": rq.gsi_rank(w.store, e, "number", 20),
            "by_prevalence": rq.gsi_rank(w.store, e, "prevalence", 20),
            "shares": comparison["top_k_shares"], "total": comparison["total"],
            "tiers": rq.tiers_for_year(w.store, y, tier), "colours": TIER_COLOURS})

    return w.cached(request, build, HTML)


@router.get("/check")
def check_form(request: Request):
    return web(request).page(request, "check.html", {"text": "", "report": None})


@router.post("/check")
def check_page(request: Request, form: Annotated[CheckForm, Form()]):
    w = web(request)
    report = w.work.run("check", form.text, form.date, "report")  # in a worker process
    return w.page(request, "check.html", {"text": form.text, "date": form.date,
                                          "report": report})


@router.get("/go")
def go(q: str = Query("", max_length=100)):
    return RedirectResponse(f"/country/{resolve(q)}", status_code=303)


@router.get("/downloads")
def downloads_page(request: Request):
    w = web(request)
    from ...services.record import cite

    return w.cached(request, lambda: w.render(request, "downloads.html",
                                              {"pkg": packaged.datapackage(), "cite": cite()}),
                    HTML)
