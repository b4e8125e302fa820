"""Figures as PNG: a country's tier timeline, the transition heatmap (drawn in a worker
process, web.jobs)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request

from ...record.countries import resolve
from ..context import web

router = APIRouter(prefix="/figures", tags=["figures"])


@router.get("/timeline/{country}.png")
def timeline(request: Request, country: str = Path(max_length=100)):
    w = web(request)
    iso3 = resolve(country)
    return w.cached(request, lambda: w.work.run("timeline_png", iso3), "image/png")


@router.get("/heatmap.png")
def heatmap(request: Request):
    w = web(request)
    return w.cached(request, lambda: w.work.run("heatmap_png"), "image/png")
