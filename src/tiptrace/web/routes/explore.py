"""Pages over the analyses and the rulebook: the state-sponsored list, a year's changes,
transitions, consistency, the audit, what-if, compare countries, a country's GSI editions.

Each page only renders what analysis/, rules/ and record/ compute. Every chart or table page
answers `?format=csv` (and `svg` for charts) with exactly what it shows, and has an
/embed/... variant (the only pages other sites may frame; see web/security.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Path, Query, Request

from ...analysis import queries as aq
from ...analysis.plots import TIER_NAMES
from ...analysis.rankings import PARTIAL_EDITIONS
from ...errors import BadRequestError, NoDataError
from ...record import queries as rq
from ...record.countries import all_countries, name_of, resolve
from ...rules import queries as ruleq
from .. import charts
from ..context import HTML, web
from ..models import YEAR
from ..views import FORMATS, download, rank_by_number, table_chart, tools

router = APIRouter(include_in_schema=False)
FMT = Query("html", max_length=4, description="html, csv or svg")
MAX_COMPARE = 8


def _serve(request: Request, fmt: str, template: str, make: Callable[[], dict[str, Any]],
           embed: bool = False):
    """The page (cached), or the CSV/SVG of its chart. `make` returns the template context
    with "chart" (a charts.Chart) in it."""
    if fmt not in FORMATS:
        raise BadRequestError(f"format must be one of {', '.join(FORMATS)}")
    w = web(request)
    if fmt != "html":
        chart = make()["chart"]
        if fmt == "svg" and not chart.svg:
            raise BadRequestError("this page is a table: download it as CSV")
        return download(chart, fmt)

    def build():
        ctx = make()
        chart = ctx["chart"]
        ctx["tools"] = tools(request, w, chart.name, chart.title, svg=bool(chart.svg),
                             embed=bool(chart.svg))
        ctx["embed"] = embed
        return w.render(request, "embed.html" if embed else template, ctx)

    return w.cached(request, build, HTML)


def _latest_listed_year(store) -> int:
    years = sorted({r["report_year"] for r in store.state_sponsored()})
    if not years:
        raise NoDataError("The record has no state-sponsored list.")
    return years[-1]


# -- the state-sponsored list --------------------------------------------------------------
def _state_context(request: Request, year: int | None) -> Callable[[], dict[str, Any]]:
    w = web(request)

    def make():
        store = w.store
        y = year or _latest_listed_year(store)
        listed = rq.state_sponsored(store, y)
        rated = {r["country"]: r for r in rq.tiers_for_year(store, y)}
        listed_years = sorted({r["report_year"] for r in store.state_sponsored()})
        chart = table_chart(f"state-sponsored-{y}", f"State-sponsored trafficking list, TIP "
                            f"Report {y}", ["iso3", "country", "report_year", "tier", "quality",
                                            "source", "evidence"],
                            [[r["country"], r["name"], y, rated.get(r["country"], {}).get("tier"),
                              r["quality"], r["source"], r["evidence"]] for r in listed])
        from ..mapsvg import HEIGHT, WIDTH, country_paths

        names = all_countries()
        on = {r["country"] for r in listed}
        shapes = [{"iso3": iso3, "name": names[iso3].name if iso3 in names else iso3, **shape,
                   "cls": "listed" if iso3 in on else ("rated" if iso3 in rated else "nodata")}
                  for iso3, shape in sorted(country_paths().items())]
        return {"chart": chart, "year": y, "years": listed_years, "listed": listed,
                "tiers": rated, "shapes": shapes, "width": WIDTH, "height": HEIGHT,
                "history": [(yy, len(store.state_sponsored(year=yy))) for yy in listed_years]}

    return make


@router.get("/state-sponsored")
def state_sponsored(request: Request, year: int | None = Query(None, **YEAR), format: str = FMT):
    return _serve(request, format, "state_sponsored.html", _state_context(request, year))


# -- a year's changes ----------------------------------------------------------------------
@router.get("/changes")
def changes(request: Request, year: int | None = Query(None, **YEAR), format: str = FMT):
    w = web(request)
    years = w.store.report_years()
    y = year or years[-1]

    def make():
        rows = aq.changes(w.store, y)
        for r in rows:
            r["name"] = name_of(r["country"])
        groups = {"downgrade": [], "upgrade": [], "changed": []}
        for r in sorted(rows, key=lambda r: r["name"]):
            groups.setdefault(r["direction"], []).append(r)
        chart = table_chart(f"changes-{y}", f"Tier changes in the {y} TIP Report (from {y - 1})",
                            ["iso3", "country", "from_tier", "to_tier", "direction", "steps"],
                            [[r["country"], r["name"], r["from"], r["to"], r["direction"],
                              r["steps"]] for g in groups.values() for r in g])
        return {"chart": chart, "year": y, "years": years[1:], "groups": groups,
                "total": len(rows)}

    return _serve(request, format, "changes.html", make)


# -- transitions (heatmap) -----------------------------------------------------------------
def _transitions(request: Request, start: int | None, end: int | None):
    w = web(request)

    def make():
        years = w.store.report_years()
        m = aq.transition_matrix(w.store, start, end)
        return {"chart": charts.heatmap(m), "matrix": m, "years": years,
                "start": m["from_year"], "end": m["to_year"], "names": TIER_NAMES}

    return make


@router.get("/transitions")
def transitions(request: Request, start: int | None = Query(None, **YEAR),
                end: int | None = Query(None, **YEAR), format: str = FMT):
    return _serve(request, format, "transitions.html", _transitions(request, start, end))


# -- consistency ---------------------------------------------------------------------------
def _consistency(request: Request, year: int | None, edition: int | None):
    w = web(request)

    def make():
        y = year or max(e for e in w.store.gsi_editions() if e not in PARTIAL_EDITIONS)
        result = aq.consistency_check(w.store, y, edition)
        gsi_rows = w.store.gsi(edition=result["edition"])
        return {"chart": charts.scatter(result, gsi_rows), "r": result,
                "years": w.store.report_years(),
                "editions": [e for e in w.store.gsi_editions() if e not in PARTIAL_EDITIONS]}

    return make


@router.get("/consistency")
def consistency(request: Request, year: int | None = Query(None, **YEAR),
                edition: int | None = Query(None, **YEAR), format: str = FMT):
    return _serve(request, format, "consistency.html", _consistency(request, year, edition))


# -- the audit -----------------------------------------------------------------------------
@router.get("/audit")
def audit(request: Request, country: str | None = Query(None, max_length=100),
          year: int | None = Query(None, **YEAR), format: str = FMT):
    w = web(request)
    iso3 = resolve(country) if country else None

    def make():
        result = ruleq.audit(w.store, iso3, year)
        for f in result["findings"]:
            f["name"] = name_of(f["country"])
        what = (f"{name_of(iso3)}, " if iso3 else "") + (f"{year} report" if year else
                                                         "all reports")
        chart = table_chart("audit" + (f"-{iso3}" if iso3 else "") + (f"-{year}" if year else ""),
                            f"Audit of the record against the TVPA rules: {what}",
                            ["iso3", "country", "report_year", "tier", "finding", "explanation",
                             "rule", "report_says"],
                            [[f["country"], f["name"], f["report_year"], f["tier"], f["kind"],
                              f["explanation"], f.get("rule"), f.get("report_says")]
                             for f in result["findings"]])
        by_year: dict[int, int] = {}
        for f in result["findings"]:
            by_year[f["report_year"]] = by_year.get(f["report_year"], 0) + 1
        by_country: dict[str, int] = {}
        for f in result["findings"]:
            by_country[f["country"]] = by_country.get(f["country"], 0) + 1
        return {"chart": chart, "r": result, "country": iso3, "year": year,
                "years": w.store.report_years(), "by_year": sorted(by_year.items()),
                "by_country": sorted(by_country.items(), key=lambda kv: name_of(kv[0]))}

    return _serve(request, format, "audit.html", make)


# -- what-if -------------------------------------------------------------------------------
BOOL_KEYS = ["special_case", "meets_minimum_standards", "significant_efforts",
             "victims_significant_or_increasing", "no_evidence_of_increasing_efforts",
             "commitments_for_next_year", "waiver_granted"]


@router.get("/whatif")
def whatif(request: Request, country: str = Query("THA", max_length=100),
           year: int | None = Query(None, **YEAR), format: str = FMT):
    w = web(request)
    iso3 = resolve(country)
    if year is None:
        rated = [r["report_year"] for r in w.store.tiers(iso3=iso3) if "|" not in r["tier"]]
        if not rated:
            raise NoDataError(f"{name_of(iso3)} has no tier in the record to start a what-if from.")
        year = max(rated)
    params = request.query_params
    for k in BOOL_KEYS:
        if params.get(k, "") not in ("", "yes", "no"):
            raise BadRequestError(f"{k} must be yes or no")

    def make():
        base = ruleq.explain(w.store, iso3, year)["assessment"]
        changes = {k: params[k] == "yes" for k in BOOL_KEYS
                   if params.get(k) in ("yes", "no") and (params[k] == "yes") != base[k]}
        result = ruleq.run_whatif(w.store, iso3, year, changes)
        steps = [["removed", s["rule"], s["result"], s["citation"]]
                 for s in result["steps_removed"]]
        steps += [["added", s["rule"], s["result"], s["citation"]] for s in result["steps_added"]]
        chart = table_chart(f"whatif-{iso3}-{year}", f"What if: {name_of(iso3)}, {year} TIP "
                            "Report", ["change", "rule", "result", "citation"], steps)
        return {"chart": chart, "r": result, "base": base, "keys": BOOL_KEYS, "iso3": iso3,
                "name": name_of(iso3), "year": year, "names": TIER_NAMES,
                "changes": changes}

    return _serve(request, format, "whatif.html", make)


# -- compare countries ---------------------------------------------------------------------
def _parse_countries(countries: str) -> list[str]:
    parts = [p.strip() for p in countries.replace(";", ",").split(",") if p.strip()]
    if len(parts) > MAX_COMPARE:
        raise BadRequestError(f"compare at most {MAX_COMPARE} countries at once")
    out: list[str] = []
    for p in parts:
        iso3 = resolve(p)
        if iso3 not in out:
            out.append(iso3)
    return out


def _compare(request: Request, countries: str):
    w = web(request)
    chosen = _parse_countries(countries)

    def make():
        hs = [rq.history(w.store, c) for c in chosen]
        return {"chart": charts.timelines(hs), "histories": hs,
                "countries": ", ".join(chosen), "max": MAX_COMPARE}

    return make


@router.get("/compare")
def compare(request: Request, countries: str = Query("THA, MMR, MYS", max_length=400),
            format: str = FMT):
    return _serve(request, format, "compare.html", _compare(request, countries))


# -- a country's GSI editions --------------------------------------------------------------
def _gsi(request: Request, country: str):
    w = web(request)
    iso3 = resolve(country)

    def make():
        rows = []
        for r in w.store.gsi(iso3=iso3):
            rows.append({**r, "rank_number": rank_by_number(w.store, r["edition"]).get(iso3)})
        if not rows:
            raise NoDataError(f"The record has no Global Slavery Index estimate for "
                              f"{name_of(iso3)}.")
        name = name_of(iso3)
        return {"chart": charts.gsi_editions(name, iso3, rows, PARTIAL_EDITIONS), "rows": rows,
                "iso3": iso3, "name": name, "partial": PARTIAL_EDITIONS}

    return make


@router.get("/country/{country}/gsi")
def gsi_editions(request: Request, country: str = Path(max_length=100), format: str = FMT):
    return _serve(request, format, "gsi_editions.html", _gsi(request, country))


# -- embeds: the chart alone, with its source and a link back --------------------------------
@router.get("/embed/compare")
def embed_compare(request: Request, countries: str = Query("THA, MMR, MYS", max_length=400)):
    return _serve(request, "html", "", _compare(request, countries), embed=True)


@router.get("/embed/transitions")
def embed_transitions(request: Request, start: int | None = Query(None, **YEAR),
                      end: int | None = Query(None, **YEAR)):
    return _serve(request, "html", "", _transitions(request, start, end), embed=True)


@router.get("/embed/consistency")
def embed_consistency(request: Request, year: int | None = Query(None, **YEAR),
                      edition: int | None = Query(None, **YEAR)):
    return _serve(request, "html", "", _consistency(request, year, edition), embed=True)


@router.get("/embed/country/{country}/gsi")
def embed_gsi(request: Request, country: str = Path(max_length=100)):
    return _serve(request, "html", "", _gsi(request, country), embed=True)
