"""API: check the claims in an article against the record."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..context import web
from ..formats import check_format
from ..models import raw_body

router = APIRouter(prefix="/api/v1", tags=["claims"])


@router.post("/check", openapi_extra=raw_body("The article's text (UTF-8, at most 2 MB)",
                                              "text/plain"))
async def check(request: Request, date: str | None = Query(None, max_length=10),
                format: str = "json"):
    """POST the article text (UTF-8, at most 2 MB); get the claim-check report."""
    from ...claims.check import check_text
    from ...claims.report import RENDERERS, as_json
    from ...claims.text import parse_date

    check_format(format, ("json", "html"))
    when = parse_date(date)
    report = check_text(await request.body(), web(request).record_index(), when)
    if format == "html":
        return HTMLResponse(RENDERERS["html"](report))
    return Response(as_json(report), media_type="application/json")
