"""API: the rulebook (audit of the record, what-ifs)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ...services import rules as ruleq
from ..context import web
from ..formats import to_json
from ..models import YEAR, WhatIfRequest

router = APIRouter(prefix="/api/v1", tags=["rules"])


@router.get("/audit")
def audit(request: Request, country: str | None = Query(None, max_length=100),
          year: int | None = Query(None, **YEAR)):
    w = web(request)
    return w.cached(request, lambda: to_json(ruleq.audit(w.store, country, year)))


@router.post("/whatif")
def whatif(request: Request, body: WhatIfRequest):
    result = ruleq.run_whatif(web(request).store, body.country, body.year, body.changes, body.law)
    return JSONResponse(json.loads(to_json(result)))
