"""Serialising rows for responses: JSON, CSV, Parquet."""

from __future__ import annotations

import io
import json
from typing import Any

from ..errors import BadRequestError

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8",
           "parquet": "application/vnd.apache.parquet"}


def check_format(fmt: str, allowed=FORMATS) -> str:
    if fmt not in allowed:
        raise BadRequestError(f"format must be one of {', '.join(allowed)}, not {fmt[:20]!r}")
    return fmt


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def table_bytes(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":  # the exporter's writer: formula-like cells neutralised
        from ..record.exporter import csv_bytes

        return csv_bytes(list(rows[0]), rows) if rows else b""
    import pandas as pd

    out = io.BytesIO()
    pd.DataFrame(rows).to_parquet(out, index=False)
    return out.getvalue()
