"""API: analyses of the record (rank comparison, transitions, TIP/GSI consistency)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query, Request

from ...services import analysis as aq
from ..context import web
from ..formats import to_json
from ..models import YEAR

router = APIRouter(prefix="/api/v1", tags=["analysis"])


@router.get("/gsi/{edition}/compare")
def gsi_compare(request: Request, edition: int = Path(**YEAR)):
    w = web(request)
    return w.cached(request, lambda: to_json(aq.compare_rankings(w.store, edition)))


@router.get("/transitions")
def transitions(request: Request, start: int | None = Query(None, **YEAR),
                end: int | None = Query(None, **YEAR)):
    w = web(request)
    return w.cached(request, lambda: to_json(aq.transition_matrix(w.store, start, end)))


@router.get("/consistency/{year}")
def consistency(request: Request, year: int = Path(**YEAR),
                edition: int | None = Query(None, **YEAR)):
    w = web(request)
    return w.cached(request, lambda: to_json(aq.consistency_check(w.store, year, edition)))
