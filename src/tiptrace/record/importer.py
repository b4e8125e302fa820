"""Validated, transactional imports of tier, state-sponsored and GSI tables.

Everything is checked before anything is written; one problem anywhere means nothing is written.
The accepted format is the export's (CSV, JSON records or Parquet, same columns).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UnknownCountryError, ValidationError
from .countries import resolve
from .schema import (
    FIRST_REPORT_YEAR,
    FIRST_STATE_SPONSORED_YEAR,
    GSI_COLUMNS,
    QUALITY_ORDER,
    STATE_SPONSORED_COLUMNS,
    TIER_COLUMNS,
    WATCH_LIST_RULES,
    normalize_tier,
)
from .store import Store

MAX_BYTES = 50 * 1024 * 1024
EXTRA_ALLOWED = {"origin"}  # exported for provenance; an import sets its own
REQUIRED = {
    "tip_tiers": {"report_year", "tier", "source"},
    "state_sponsored": {"report_year", "source"},
    "gsi": {"edition", "source"},
}
KNOWN = {"tip_tiers": TIER_COLUMNS, "state_sponsored": STATE_SPONSORED_COLUMNS, "gsi": GSI_COLUMNS}


@dataclass
class ImportResult:
    table: str
    rows: int
    origin: str
    problems: list[str] = field(default_factory=list)


def read_table(path: Path) -> tuple[list[str], list[dict[str, Any]], int]:
    """Return (columns, rows, number of the first data line) or raise ValidationError."""
    name = str(path)
    if not path.exists():
        raise ValidationError(name, [f"{name}: file not found"])
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(name, [f"{name}: larger than {MAX_BYTES // 2**20} MB"])
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            import pandas as pd

            frame = pd.read_parquet(path)
        except Exception as exc:
            raise ValidationError(name, [f"{name}: not a readable Parquet file ({exc})"]) from exc
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        return list(frame.columns), records, 1
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(name, [
            f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"]) from exc
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(name, [f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}"]) \
                from exc
        if isinstance(data, dict) and isinstance(data.get("rows"), list):
            data = data["rows"]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValidationError(name, [f"{name}: expected a JSON list of row objects"])
        columns: list[str] = []
        for r in data:
            columns += [c for c in r if c not in columns]
        return columns, data, 1
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(name, [f"{name}: the file is empty"]) from None
    except csv.Error as exc:
        raise ValidationError(name, [f"{name}: unreadable CSV ({exc})"]) from exc
    header = [h.strip() for h in header]
    rows = []
    try:
        for line in reader:
            if not any(cell.strip() for cell in line):
                rows.append(None)  # keep numbering; blank lines are skipped later
                continue
            rows.append({"__cells__": len(line), **dict(zip(header, line, strict=False))})
    except csv.Error as exc:
        raise ValidationError(name, [f"{name}: unreadable CSV at line {reader.line_num}: {exc}"]) \
            from exc
    return header, rows, 2


def detect_table(columns: list[str]) -> str | None:
    cols = set(columns)
    if "tier" in cols:
        return "tip_tiers"
    if "edition" in cols:
        return "gsi"
    if "report_year" in cols:
        return "state_sponsored"
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str) and not value.strip())


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    return int(str(value).strip().replace(",", ""))


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    f = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
    if math.isnan(f) or math.isinf(f):
        raise ValueError
    return f


def validate(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Check every row; return (table, clean rows) or raise ValidationError listing each problem."""
    name = str(path)
    columns, rows, first_line = read_table(path)
    problems: list[str] = []
    table = detect_table(columns)
    if table is None:
        raise ValidationError(name, [
            f"{name}: cannot tell the table from its columns {columns}; a tier table needs "
            "'tier', a GSI table 'edition', a state-sponsored table 'report_year'"])
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        problems.append(f"{name}: column(s) {', '.join(dupes)} appear more than once")
    unknown = [c for c in columns if c not in KNOWN[table] and c not in EXTRA_ALLOWED]
    if unknown:
        problems.append(f"{name}: unknown column(s) {', '.join(unknown)} for a {table} table; "
                        f"expected some of {', '.join(KNOWN[table])}")
    missing = sorted(REQUIRED[table] - set(columns))
    if "iso3" not in columns and "country" not in columns:
        missing.append("iso3 or country")
    if missing:
        problems.append(f"{name}: missing column(s) {', '.join(missing)}")
    if problems:
        raise ValidationError(name, problems)

    this_year = dt.date.today().year
    clean: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for offset, row in enumerate(rows):
        if row is None:
            continue
        line = first_line + offset
        where = f"{name}: row {line}"

        def bad(column: str, message: str, where: str = where) -> None:
            problems.append(f"{where}, column {column}: {message}")

        cells = row.pop("__cells__", None)
        if cells is not None and cells != len(columns):
            problems.append(f"{where}: {cells} cells, the header has {len(columns)}")
            continue
        out: dict[str, Any] = {}
        # Country: ISO3 or a name/alias; when both are given they must agree.
        iso3 = None
        for col in ("iso3", "country"):
            value = row.get(col)
            if _blank(value):
                continue
            try:
                code = resolve(str(value))
            except UnknownCountryError as exc:
                bad(col, str(exc))
                iso3 = False
                break
            if iso3 and code != iso3:
                bad(col, f"{value!r} is {code}, but iso3 says {iso3}")
                iso3 = False
                break
            iso3 = code
        if iso3 is None:
            bad("iso3", "no country given")
        if not iso3:
            continue
        out["iso3"] = iso3
        source = row.get("source")
        if _blank(source):
            bad("source", "every row needs a source (document, year, page or URL)")
        else:
            out["source"] = str(source).strip()
        year_col = "edition" if table == "gsi" else "report_year"
        lowest = {"gsi": 2013, "state_sponsored": FIRST_STATE_SPONSORED_YEAR}.get(
            table, FIRST_REPORT_YEAR)
        try:
            year = _int(row.get(year_col))
            if not lowest <= year <= this_year:
                bad(year_col, f"{year} is outside {lowest}-{this_year}")
            out[year_col] = year
        except (TypeError, ValueError):
            bad(year_col, f"{row.get(year_col)!r} is not a year")
        for col in ("evidence", "name_in_source", "source_document", "region",
                    "prevalence_basis", "rank_basis", "note", "government_response_rating"):
            if col in columns:
                out[col] = "" if _blank(row.get(col)) else str(row[col]).strip()
        if "quality" in columns or table != "gsi":
            q = row.get("quality")
            q = "secondary" if _blank(q) else str(q).strip()
            if q not in QUALITY_ORDER:
                bad("quality", f"{q!r} is not one of {', '.join(QUALITY_ORDER)}")
            out["quality"] = q
        if table == "tip_tiers":
            tier = normalize_tier(str(row.get("tier") or ""))
            if tier is None:
                bad("tier", f"{row.get('tier')!r} is not a tier (1, 2, 2WL, 3, special)")
            out["tier"] = tier
            rule = "" if _blank(row.get("watch_list_rule")) else str(row["watch_list_rule"])
            if rule not in WATCH_LIST_RULES:
                bad("watch_list_rule", f"{rule!r} is not one of auto_downgrade, waiver")
            out["watch_list_rule"] = rule
        if table == "gsi":
            _check_gsi(row, out, bad)
        key = (out.get("iso3"), out.get(year_col))
        if None not in key:
            if key in seen:
                problems.append(f"{where}: duplicate of row {seen[key]} ({key[0]}, {key[1]})")
            else:
                seen[key] = line
        clean.append(out)
    if not clean and not problems:
        problems.append(f"{name}: no data rows")
    if problems:
        raise ValidationError(name, problems)
    return table, clean


def _check_gsi(row: dict[str, Any], out: dict[str, Any], bad) -> None:
    limits = {
        "est_number": (_int, 0, 10**9), "population": (_int, 0, 2 * 10**9),
        "rank_prevalence": (_int, 1, 300), "prevalence_per_1000": (_float, 0, 1000),
        "vulnerability": (_float, 0, 100), "government_response": (_float, -100, 100),
    }
    for col, (conv, low, high) in limits.items():
        value = row.get(col)
        if _blank(value):
            out[col] = None
            continue
        try:
            v = conv(value)
        except (TypeError, ValueError):
            bad(col, f"{value!r} is not a number")
            continue
        if not low <= v <= high:
            bad(col, f"{v} is outside {low}-{high}")
        out[col] = v


def import_file(store: Store, path: str | Path) -> ImportResult:
    """Validate FILE completely, then upsert it in one transaction. Idempotent."""
    p = Path(path)
    table, rows = validate(p)
    origin = f"import:{p.name}"
    store.upsert(table, rows, origin)
    return ImportResult(table, len(rows), origin)
