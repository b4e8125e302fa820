"""JSON Lines import and export, validated against the item schema (models.ItemRow, shipped as
item.schema.json). A file with any bad row is rejected whole, with every row's errors, and the
store is left unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from .ledger import Ledger
from .models import ItemRow

MAX_ROWS = 100_000


def parse_lines(lines: Iterable[str], name: str) -> list[ItemRow]:
    """Every row validated; ValidationError lists the problems of every bad row."""
    from pydantic import ValidationError as PydanticError

    rows: list[ItemRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if n > MAX_ROWS:
            problems.append(f"more than {MAX_ROWS} rows")
            break
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(data, dict):
            problems.append(f"line {n}: a row is a JSON object")
            continue
        try:
            row = ItemRow.model_validate(data)
        except PydanticError as exc:
            for e in exc.errors():
                where = ".".join(str(p) for p in e["loc"]) or "row"
                problems.append(f"line {n}: {where}: {e['msg']}")
            continue
        if row.id in seen:
            problems.append(f"line {n}: id {row.id!r} repeats line {seen[row.id]}")
            continue
        seen[row.id] = n
        rows.append(row)
    for row in rows:  # links within the file are checked here; links to the store on import
        bad = [i for i in (*row.corroborates, *row.contradicts) if i == row.id]
        if bad:
            problems.append(f"line {seen[row.id]}: item {row.id!r} links to itself")
    if not rows and not problems:
        problems.append("no rows")
    if problems:
        raise ValidationError(name, problems)
    return rows


def import_file(ledger: Ledger, path: str | Path, token: str | None) -> dict[str, Any]:
    ledger.who(token)  # refuse before reading anything
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(p), [f"cannot read the file: {exc}"]) from None
    rows = parse_lines(text.splitlines(), p.name)
    from .ledger import LedgerError

    try:
        result = ledger.import_rows(rows, token, f"import:{p.name}")
    except LedgerError as exc:  # a link to an item neither in the file nor in the store
        raise ValidationError(p.name, [str(exc)]) from None
    return {"file": p.name, "rows": len(rows), **result}


def export_lines(ledger: Ledger, country: str | None = None, year: int | None = None,
                 include_withdrawn: bool = True) -> list[str]:
    return [json.dumps(it.row(), ensure_ascii=False, sort_keys=True)
            for it in ledger.items(country, year, include_withdrawn=include_withdrawn)]
