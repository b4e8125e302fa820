"""Export the store's tables as CSV, Parquet or JSON, with the data-package descriptor.

Every CSV the project writes (exports, web downloads) goes through `write_csv`, which keeps a
spreadsheet from running a cell as a formula (OWASP's advice on CSV injection): a text cell
that begins with = + - @, a tab or a carriage return gets a single quote in front. Numbers are
written as they are. The importer removes that one quote again, so a CSV export round-trips.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from . import packaged
from .schema import CSV_NOTE, GSI_COLUMNS, STATE_SPONSORED_COLUMNS, TIER_COLUMNS, table_schema
from .store import Store

FORMATS = ("csv", "parquet", "json")
COLUMNS = {
    "tip_tiers": [*TIER_COLUMNS, "origin"],
    "state_sponsored": [*STATE_SPONSORED_COLUMNS, "origin"],
    "gsi": [*GSI_COLUMNS, "origin"],
}


# Leading quotes are counted too, so that a value which itself starts with "'=" survives the
# round trip: the writer adds one quote, the reader (importer.unneutralise) takes one away.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def csv_safe(value: Any) -> Any:
    """A cell as written to CSV: None as empty, formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def write_csv(fh: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any] | Sequence[Any]]):
    """Write a header and rows (dicts keyed by column, or sequences in column order)."""
    w = csv.writer(fh, lineterminator="\n")
    w.writerow([csv_safe(c) for c in columns])
    for r in rows:
        cells = [r.get(c) for c in columns] if isinstance(r, dict) else r
        w.writerow([csv_safe(v) for v in cells])


def csv_bytes(columns: Sequence[str], rows: Iterable[dict[str, Any] | Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    write_csv(buf, columns, rows)
    return buf.getvalue().encode("utf-8")


def table_rows(store: Store, table: str) -> list[dict[str, Any]]:
    fetch = {"tip_tiers": store.tiers, "state_sponsored": store.state_sponsored, "gsi": store.gsi}
    cols = COLUMNS[table]
    return [{c: r.get(c) for c in cols} for r in fetch[table]()]


def export(store: Store, fmt: str, out_dir: str | Path) -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table, cols in COLUMNS.items():
        rows = table_rows(store, table)
        path = out / f"{table}.{fmt}"
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as fh:
                write_csv(fh, cols, rows)
        elif fmt == "json":
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
        else:
            import pandas as pd

            pd.DataFrame(rows, columns=cols).to_parquet(path, index=False)
        written.append(path)
    descriptor = dict(packaged.datapackage())
    descriptor["resources"] = [  # the tables written above (not the packaged-only ones)
        {**r, "path": f"{r['name']}.{fmt}", "format": fmt, "profile": "tabular-data-resource",
         "schema": table_schema(r["name"], with_origin=True)} for r in descriptor["resources"]
        if r["name"] in COLUMNS
    ]
    if fmt == "csv":
        descriptor["csv_formula_cells"] = CSV_NOTE
        for r in descriptor["resources"]:
            r["csv_formula_cells"] = CSV_NOTE
    else:
        descriptor.pop("csv_formula_cells", None)
    imported = store.imported_origins()
    if imported:
        descriptor["imported"] = imported
    dp = out / "datapackage.json"
    dp.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n", "utf-8")
    written.append(dp)
    return written
