"""API: the record (countries, tiers, streaks, state-sponsored list, GSI)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request

from ...errors import BadRequestError
from ...record import packaged
from ...record.countries import resolve, search
from ...services import country
from ...services import record as rq
from ..context import web
from ..formats import FORMATS, check_format, table_bytes, to_json
from ..models import YEAR

router = APIRouter(prefix="/api/v1", tags=["record"])


@router.get("/countries")
def countries(request: Request, q: str | None = Query(None, max_length=100)):

    return web(request).cached(request, lambda: to_json([
        {"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "kind": c.kind, "note": c.note}
        for c in search(q)]))


@router.get("/countries/{country}")
def country_detail(request: Request, country: str = Path(max_length=100)):

    w = web(request)
    iso3 = resolve(country)
    return w.cached(request, lambda: to_json(country_data(w.store, iso3)))


def country_data(store, iso3: str) -> dict:
    p = country.profile(store, iso3)
    return {**p["history"], "current": p["current"],
            "streak": p["streak"].contract() if p["streak"] else None,
            "consequences": p["decision"]["consequences"] if p["decision"] else [],
            "gsi": p["gsi"], "audit": p["audit"]}


@router.get("/cite")
def cite(request: Request):
    """How to cite tiptrace: software and data version, date, in plain text, APA and BibTeX."""
    from ...services.record import cite as cite_record

    return web(request).cached(request, lambda: to_json(cite_record()))


@router.get("/countries/{country}/history")
def history(request: Request, country: str = Path(max_length=100)):

    w = web(request)
    iso3 = resolve(country)
    return w.cached(request, lambda: to_json(rq.history(w.store, iso3)))


@router.get("/tiers/{year}")
def tiers(request: Request, year: int = Path(**YEAR),
          tier: str | None = Query(None, max_length=20), format: str = "json"):

    w = web(request)
    fmt = check_format(format)
    return w.cached(request, lambda: table_bytes(rq.tiers_for_year(w.store, year, tier), fmt),
                    FORMATS[fmt], None if fmt == "json" else f"tiers_{year}.{fmt}")


@router.get("/streak/{country}/{year}")
def streak(request: Request, country: str = Path(max_length=100), year: int = Path(**YEAR)):

    w = web(request)
    iso3 = resolve(country)
    return w.cached(request, lambda: to_json(rq.streak(w.store, iso3, year).contract()))


@router.get("/state-sponsored/{year}")
def state_sponsored(request: Request, year: int = Path(**YEAR)):

    w = web(request)
    return w.cached(request, lambda: to_json(rq.state_sponsored(w.store, year)))


@router.get("/gsi/{edition}")
def gsi(request: Request, edition: int = Path(**YEAR), format: str = "json"):

    w = web(request)
    fmt = check_format(format)

    def build():
        if edition not in w.store.gsi_editions():
            rq.gsi_rank(w.store, edition)  # raises the clear error
        return table_bytes(w.store.gsi(edition=edition), fmt)

    return w.cached(request, build, FORMATS[fmt],
                    None if fmt == "json" else f"gsi_{edition}.{fmt}")


@router.get("/gsi/{edition}/rank")
def gsi_rank(request: Request, edition: int = Path(**YEAR),
             by: str = "number",
             top: int | None = Query(None, ge=1, le=500)):

    if by not in ("number", "prevalence"):
        raise BadRequestError(f"by must be 'number' or 'prevalence', not {by[:20]!r}")
    w = web(request)
    return w.cached(request, lambda: to_json(rq.gsi_rank(w.store, edition, by, top)))


@router.get("/sources")
def sources(request: Request):

    return web(request).cached(request, lambda: to_json(packaged.datapackage()))
