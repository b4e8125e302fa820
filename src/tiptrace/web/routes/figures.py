"""Figures as PNG: a country's tier timeline, the transition heatmap."""

from __future__ import annotations

import io

from fastapi import APIRouter, Path, Request

from ...analysis import queries as aq
from ...record import queries as rq
from ...record.countries import resolve
from ..context import web

router = APIRouter(prefix="/figures", tags=["figures"])


def png(fig) -> bytes:
    from ...analysis.plots import _plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    _plt().close(fig)
    return buf.getvalue()


@router.get("/timeline/{country}.png")
def timeline(request: Request, country: str = Path(max_length=100)):
    from ...analysis import plots

    w = web(request)
    iso3 = resolve(country)

    def build():
        h = rq.history(w.store, iso3)
        last = max((r["report_year"] for r in h["years"] if r["tier"]), default=None)
        return png(plots.tier_timeline(h, rq.streak(w.store, iso3, last) if last else None))

    return w.cached(request, build, "image/png")


@router.get("/heatmap.png")
def heatmap(request: Request):
    from ...analysis import plots

    w = web(request)
    return w.cached(request, lambda: png(plots.transition_heatmap(
        aq.transition_matrix(w.store))), "image/png")
