"""Server-rendered pages: map, country, rankings, downloads. Jinja2 escapes every value."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.templating import Jinja2Templates

from ..analysis.plots import TIER_COLOURS, TIER_NAMES
from ..errors import NoDataError
from ..record.store import Store

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


def register(app: FastAPI, templates: Jinja2Templates, store: Store, cached,
             record_index) -> None:
    from ..analysis import queries as aq
    from ..record import packaged
    from ..record import queries as rq
    from ..record.countries import all_countries, resolve
    from ..rules import queries as ruleq
    from .mapsvg import HEIGHT, WIDTH, country_paths

    years = store.report_years()
    editions = [e for e in store.gsi_editions() if e not in (2013, 2014)]

    def render(request: Request, name: str, context: dict[str, Any]):
        return templates.TemplateResponse(request, name, context).body

    @app.get("/", include_in_schema=False)
    def map_page(request: Request, year: int | None = None, gsi: int | None = None):
        if gsi is not None and gsi not in editions:
            raise NoDataError(f"No complete GSI edition {gsi}; choose {editions}.")
        y = year or years[-1]
        if gsi is None:
            rq.check_year(store, y)

        def build():
            countries = all_countries()
            values: dict[str, dict[str, Any]] = {}
            if gsi is None:
                for r in rq.tiers_for_year(store, y):
                    values[r["country"]] = {"colour": TIER_COLOURS[r["tier"]],
                                            "label": TIER_NAMES[r["tier"]],
                                            "source": r["source"]}
                legend = [(f"t-{t}", TIER_NAMES[t]) for t in TIER_NAMES]
                title = f"TIP Report {y}: tier placements"
            else:
                for r in store.gsi(edition=gsi):
                    b = _bin(r["prevalence_per_1000"])
                    if b:
                        values[r["iso3"]] = {
                            "colour": b[0], "source": r["source_document"],
                            "label": f"{r['prevalence_per_1000']:.1f} per 1,000"}
                legend = [(f"p{i}", f"{lo}-{hi} per 1,000" if hi < 10_000 else f"{lo}+ per 1,000")
                          for i, (lo, hi, _) in enumerate(PREVALENCE_BINS)]
                title = f"Global Slavery Index {gsi}: prevalence of modern slavery"
            shapes = []
            for iso3, shape in sorted(country_paths().items()):
                v = values.get(iso3)
                name = countries[iso3].name if iso3 in countries else iso3
                shapes.append({"iso3": iso3, "name": name, **shape,
                               "colour": v["colour"] if v else "#e8e8e8",
                               "label": v["label"] if v else "no value",
                               "source": v["source"] if v else ""})
            return render(request, "map.html", {
                "title": title, "shapes": shapes, "legend": legend, "width": WIDTH,
                "height": HEIGHT, "years": years, "year": y, "gsi": gsi, "editions": editions,
                "rated": len(values)})

        return cached(request, build, "text/html; charset=utf-8")

    @app.get("/country/{country}", include_in_schema=False)
    def country_page(request: Request, country: str):
        iso3 = resolve(country[:100])

        def build():
            h = rq.history(store, iso3)
            rated = [r for r in h["years"] if r["tier"]]
            current = rated[-1] if rated else None
            streak = rq.streak(store, iso3, current["report_year"]) if current else None
            decision = (ruleq.explain(store, iso3, current["report_year"])["decision"]
                        if current else None)
            gsi_rows = []
            for r in store.gsi(iso3=iso3):
                ranked = {x["country"]: x["rank"] for x in rq.gsi_rank(store, r["edition"],
                                                                        "number")}
                gsi_rows.append({**r, "rank_number": ranked.get(iso3)})
            return render(request, "country.html", {
                "h": h, "current": current, "streak": streak, "decision": decision,
                "gsi": gsi_rows, "audit": ruleq.audit(store, iso3)["findings"],
                "colours": TIER_COLOURS})

        return cached(request, build, "text/html; charset=utf-8")

    @app.get("/rankings", include_in_schema=False)
    def rankings_page(request: Request, edition: int | None = None, year: int | None = None,
                      tier: str | None = Query(None, max_length=20)):
        e = edition or editions[-1]
        y = year or years[-1]

        def build():
            comparison = aq.compare_rankings(store, e)
            return render(request, "rankings.html", {
                "edition": e, "editions": editions, "year": y, "years": years, "tier": tier,
                "by_number": rq.gsi_rank(store, e, "number", 20),
                "by_prevalence": rq.gsi_rank(store, e, "prevalence", 20),
                "shares": comparison["top_k_shares"], "total": comparison["total"],
                "tiers": rq.tiers_for_year(store, y, tier), "colours": TIER_COLOURS})

        return cached(request, build, "text/html; charset=utf-8")

    @app.get("/check", include_in_schema=False)
    def check_form(request: Request):
        return templates.TemplateResponse(request, "check.html", {"text": "", "report": None})

    @app.post("/check", include_in_schema=False)
    async def check_page(request: Request):
        from urllib.parse import parse_qs

        from ..claims.check import check_text
        from ..claims.text import decode, parse_date

        form = parse_qs(decode(await request.body()), max_num_fields=10)
        text = form.get("text", [""])[0]
        date = form.get("date", [""])[0]
        report = check_text(text, record_index(), parse_date(date))
        return templates.TemplateResponse(request, "check.html",
                                          {"text": text, "date": date, "report": report})

    @app.get("/go", include_in_schema=False)
    def go(q: str = Query("", max_length=100)):
        from fastapi.responses import RedirectResponse

        return RedirectResponse(f"/country/{resolve(q)}", status_code=303)

    @app.get("/downloads", include_in_schema=False)
    def downloads_page(request: Request):
        def build():
            pkg = packaged.datapackage()
            return render(request, "downloads.html", {"pkg": pkg})

        return cached(request, build, "text/html; charset=utf-8")
