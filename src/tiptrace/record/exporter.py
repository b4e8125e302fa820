"""Export the store's tables as CSV, Parquet or JSON, with the data-package descriptor."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from . import packaged
from .schema import GSI_COLUMNS, STATE_SPONSORED_COLUMNS, TIER_COLUMNS
from .store import Store

FORMATS = ("csv", "parquet", "json")
COLUMNS = {
    "tip_tiers": [*TIER_COLUMNS, "origin"],
    "state_sponsored": [*STATE_SPONSORED_COLUMNS, "origin"],
    "gsi": [*GSI_COLUMNS, "origin"],
}


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
                w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
                w.writeheader()
                w.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
        elif fmt == "json":
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
        else:
            import pandas as pd

            pd.DataFrame(rows, columns=cols).to_parquet(path, index=False)
        written.append(path)
    descriptor = dict(packaged.datapackage())
    descriptor["resources"] = [
        {**r, "path": f"{r['name']}.{fmt}", "format": fmt} for r in descriptor["resources"]
    ]
    imported = store.imported_origins()
    if imported:
        descriptor["imported"] = imported
    dp = out / "datapackage.json"
    dp.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n", "utf-8")
    written.append(dp)
    return written
