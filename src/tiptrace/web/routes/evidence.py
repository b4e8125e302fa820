"""API and pages of the evidence ledger: /api/v1/evidence, /api/v1/assessments, /evidence.

Reads are open; writes need a named token (Authorization: Bearer ..., or the form's token
field on the page). Assessments are computed per request (they depend on the ledger, which
changes), so they are not cached.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ...errors import TiptraceError
from ..context import web
from ..models import YEAR, raw_body
from ..security import bearer

router = APIRouter(tags=["evidence"])


class NewItem(BaseModel):
    """An evidence item with the writer's grade (the body of POST /api/v1/evidence)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=64, description="Your own id (default: generated)")
    item: dict[str, Any] = Field(description="The item: country, report_year, bears_on, "
                                 "direction, responsibility, statement, source, ...")
    reliability: str = Field(max_length=1, description="Admiralty A-F")
    credibility: int = Field(ge=1, le=6, description="Admiralty 1-6")


class NewGrade(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reliability: str = Field(max_length=1)
    credibility: int = Field(ge=1, le=6)
    note: str = Field("", max_length=1000)


class Revision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    changes: dict[str, Any] = Field(max_length=20, description="Fields to change")


def _ledger(request: Request):
    from ...evidence.ledger import Ledger

    return Ledger(web(request).store)


def _models(fn, *args, **kwargs):
    from pydantic import ValidationError as PydanticError

    try:
        return fn(*args, **kwargs)
    except PydanticError as exc:
        msgs = [f"{'.'.join(str(p) for p in e['loc']) or 'item'}: {e['msg']}" for e in exc.errors()]
        raise TiptraceError("Invalid evidence item: " + "; ".join(msgs)) from None


def _done(request: Request, data: Any) -> Any:
    web(request).changed()
    return data


@router.get("/api/v1/evidence")
def list_items(request: Request, country: str | None = Query(None, max_length=100),
               year: int | None = Query(None, **YEAR), withdrawn: bool = False):
    """Current items (with every analyst's latest grade), optionally for one country-year."""
    from ...record.countries import resolve

    iso3 = resolve(country) if country else None
    return [it.row() for it in _ledger(request).items(iso3, year, withdrawn)]


@router.get("/api/v1/evidence/export")
def export(request: Request, country: str | None = Query(None, max_length=100),
           year: int | None = Query(None, **YEAR)):
    """The items as JSON Lines (the schema at /api/v1/evidence/schema)."""
    from ...evidence.jsonl import export_lines
    from ...record.countries import resolve

    lines = export_lines(_ledger(request), resolve(country) if country else None, year)
    return Response("".join(x + "\n" for x in lines), media_type="application/x-ndjson")


@router.get("/api/v1/evidence/schema")
def item_schema():
    from ...evidence.models import schema

    return schema()


@router.get("/api/v1/evidence/{item_id}")
def show_item(request: Request, item_id: str = Path(max_length=64)):
    """One item: current revision, every revision, grades, audit log."""
    ledger = _ledger(request)
    it = ledger.get(item_id)
    return {"item": it.row(), **ledger.history(item_id), "audit": ledger.audit_log(item_id)}


@router.post("/api/v1/evidence", status_code=201)
def add_item(request: Request, body: NewItem):
    from ...evidence.models import Grade, ItemBody

    ledger = _ledger(request)
    who = ledger.who(bearer(request))
    item = _models(ItemBody.model_validate, body.item)
    grade = _models(Grade, analyst=who, reliability=body.reliability,
                    credibility=body.credibility)
    return _done(request, ledger.add(item, grade, bearer(request), body.id).row())


@router.post("/api/v1/evidence/{item_id}/grades", status_code=201)
def grade_item(request: Request, body: NewGrade, item_id: str = Path(max_length=64)):
    from ...evidence.models import Grade

    ledger = _ledger(request)
    who = ledger.who(bearer(request))
    grade = _models(Grade, analyst=who, reliability=body.reliability,
                    credibility=body.credibility, note=body.note)
    return _done(request, ledger.grade(item_id, grade, bearer(request)).row())


@router.post("/api/v1/evidence/{item_id}/revisions", status_code=201)
def revise_item(request: Request, body: Revision, item_id: str = Path(max_length=64)):
    ledger = _ledger(request)
    ledger.who(bearer(request))
    return _done(request, _models(ledger.revise, item_id, body.changes, bearer(request)).row())


@router.post("/api/v1/evidence/{item_id}/withdraw")
def withdraw_item(request: Request, item_id: str = Path(max_length=64)):
    return _done(request, _ledger(request).withdraw(item_id, bearer(request)).row())


@router.post("/api/v1/evidence/import", openapi_extra=raw_body(
    "JSON Lines as UTF-8 text, one item a line (the schema at /api/v1/evidence/schema)",
    "text/plain"))
async def import_items(request: Request):
    """Import JSON Lines; any bad row rejects the whole file and nothing is written."""
    from ...errors import ValidationError
    from ...evidence.jsonl import parse_lines
    from ...evidence.ledger import LedgerError

    ledger = _ledger(request)
    token = bearer(request)
    ledger.who(token)
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("upload", ["the body is not UTF-8 text"]) from None
    rows = parse_lines(text.splitlines(), "upload")
    try:
        result = ledger.import_rows(rows, token, "import:api")
    except LedgerError as exc:
        raise ValidationError("upload", [str(exc)]) from None
    return _done(request, {"rows": len(rows), **result})


@router.get("/api/v1/assessments/{country}/{year}")
def assessment(request: Request, country: str = Path(max_length=100),
               year: int = Path(**YEAR), examples: bool = True):
    """The recommended tier on the ledger's evidence (or the packaged worked example), with
    confidence, interval, per-family and state-direct-only results, sensitivity, the official
    tier and the trace."""
    from ...evidence.queries import assess

    return assess(web(request).store, country, year, examples=examples)


# -- pages --------------------------------------------------------------------------------

@router.get("/evidence/{country}/{year}", response_class=HTMLResponse, include_in_schema=False)
def evidence_page(request: Request, country: str = Path(max_length=100),
                  year: int = Path(**YEAR), message: str = Query("", max_length=200)):
    from ...errors import NoDataError
    from ...evidence.queries import EXAMPLES, assess, example_items
    from ...evidence.weighting import targets
    from ...record.countries import name_of, resolve

    w = web(request)
    iso3 = resolve(country)
    items = _ledger(request).items(iso3, year)
    basis = "ledger"
    if not items and (iso3, year) in EXAMPLES:
        items, basis = example_items(iso3, year), "packaged worked example"
    try:
        result = assess(w.store, iso3, year) if items else None
    except NoDataError:
        result = None
    return w.page(request, "evidence.html", {
        "iso3": iso3, "name": name_of(iso3), "year": year, "items": items, "basis": basis,
        "result": result, "targets": sorted(targets(year)), "message": message,
        "trace_json": json.dumps(result["trace"], indent=1) if result else ""})


@router.post("/evidence/{country}/{year}", include_in_schema=False)
def evidence_form(request: Request, country: str = Path(max_length=100),
                  year: int = Path(**YEAR), token: str = Form("", max_length=200),
                  action: str = Form("add", max_length=10), item_id: str = Form("", max_length=64),
                  bears_on: str = Form("", max_length=80), direction: str = Form("supports"),
                  responsibility: str = Form("state_direct"),
                  statement: str = Form("", max_length=3000),
                  document: str = Form("", max_length=400), publisher: str = Form("", max_length=200),
                  date: str = Form("", max_length=10), source_type: str = Form("ngo"),
                  url: str = Form("", max_length=1000), page: str = Form("", max_length=300),
                  reliability: str = Form("C", max_length=1), credibility: int = Form(3)):
    """The page's form: add an item or grade one (a token is needed)."""
    from ...evidence.models import Grade, ItemBody
    from ...record.countries import resolve

    iso3 = resolve(country)
    ledger = _ledger(request)
    who = ledger.who(token)
    grade = _models(Grade, analyst=who, reliability=reliability, credibility=credibility)
    if action == "grade":
        ledger.grade(item_id, grade, token)
        msg = f"graded {item_id}"
    else:
        item = _models(ItemBody, country=iso3, report_year=year, bears_on=bears_on,
                       direction=direction, responsibility=responsibility, statement=statement,
                       source={"document": document, "publisher": publisher, "date": date,
                               "type": source_type, "url": url or None, "page": page or None})
        it = ledger.add(item, grade, token, item_id or None)
        msg = f"added {it.id}"
    web(request).changed()
    return RedirectResponse(f"/evidence/{iso3}/{year}?message={msg}", status_code=303)
