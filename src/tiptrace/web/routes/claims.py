"""API: check the claims in an article against the record (in a worker process)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..context import web
from ..formats import check_format
from ..models import raw_body

router = APIRouter(prefix="/api/v1", tags=["claims"])
MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8"}


@router.post("/check", openapi_extra=raw_body("The article's text (UTF-8, at most 2 MB)",
                                              "text/plain"))
async def check(request: Request, date: str | None = Query(None, max_length=10),
                format: str = "json"):
    """POST the article text (UTF-8, at most 2 MB); get the claim-check report."""
    check_format(format, MEDIA)
    body = await request.body()
    out = await run_in_threadpool(web(request).work.run, "check", body, date, format)
    return Response(out, media_type=MEDIA[format])
