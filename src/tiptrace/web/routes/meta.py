"""The API docs page and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...record.countries import all_countries
from ..context import web

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs(request: Request):
    return web(request).page(request, "docs.html", {})


@router.get("/healthz")
async def healthz():
    return {"ok": True, "countries": len(all_countries())}
