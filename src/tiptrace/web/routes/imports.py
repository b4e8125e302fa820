"""API: writes (imports), for holders of a named token."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Query, Request

from ...errors import AuthError, BadRequestError
from ..context import web
from ..models import raw_body
from ..security import bearer

router = APIRouter(prefix="/api/v1", tags=["record"])
SUFFIXES = (".csv", ".json", ".parquet")


@router.post("/import", openapi_extra=raw_body(
    "The file's bytes; its format is taken from `filename`", "application/octet-stream",
    binary=True))
async def import_rows(request: Request,
                      filename: str = Query("upload.csv", max_length=100)):
    from ...record.importer import import_file

    w = web(request)
    who = w.store.token_name(bearer(request) or "")
    if who is None:
        raise AuthError("a valid API token is required (Authorization: Bearer ...); create one "
                        "with `tiptrace token create`")
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise BadRequestError("filename must end in .csv, .json or .parquet")
    body = await request.body()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(filename).name
        path.write_bytes(body)
        result = import_file(w.store, path, who=f"token {who}")
    w.changed()
    return {"ok": True, "table": result.table, "rows": result.rows,
            "origin": f"{result.origin} (token {who})"}
