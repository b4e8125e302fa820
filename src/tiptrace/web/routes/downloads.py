"""Downloads: the record's tables and its data-package."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...errors import NotFoundError
from ...record import exporter, packaged
from ..context import web
from ..formats import FORMATS, check_format, table_bytes

router = APIRouter(prefix="/downloads", tags=["downloads"])
TABLES = ("tip_tiers", "state_sponsored", "gsi")


@router.get("/datapackage.json")
def datapackage(request: Request):
    return web(request).cached(request, lambda: packaged.read_bytes("datapackage.json"))


@router.get("/{table}.{fmt}")
def table(request: Request, table: str, fmt: str):
    if table not in TABLES:
        raise NotFoundError(f"no table {table[:40]!r}; choose from {', '.join(TABLES)}")
    check_format(fmt)
    w = web(request)
    return w.cached(request, lambda: table_bytes(exporter.table_rows(w.store, table), fmt),
                    FORMATS[fmt], f"{table}.{fmt}")
