"""Validated, transactional imports of tier, state-sponsored and GSI tables.

Everything is checked before anything is written; one problem anywhere means nothing is written.
The accepted format is the export's (CSV, JSON records or Parquet, same columns). Every cell is
checked against the one schema (schema.FIELDS: types, lengths, allowed characters, ranges), so a
row that one database accepts the other accepts too; every problem names its row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import numbers
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UnknownCountryError, ValidationError
from .countries import resolve
from .schema import (
    FIELDS,
    GSI_COLUMNS,
    LINE_PATTERN,
    ORIGIN_FIELD,
    QUALITY_ORDER,
    STATE_SPONSORED_COLUMNS,
    TIER_CODES,
    TIER_COLUMNS,
    WATCH_LIST_RULES,
    normalize_tier,
)
from .store import Store

MAX_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 64
MAX_PROBLEMS = 50  # listed; the rest are counted
SHOW_CHARS = 60  # a value echoed in a message is cut to this many characters
NAME_CHARS = 128  # a country name or code as given
EXTRA_ALLOWED = {"origin"}  # exported for provenance; an import sets its own
REQUIRED = {
    "tip_tiers": {"report_year", "tier", "source"},
    "state_sponsored": {"report_year", "source"},
    "gsi": {"edition", "source"},
}
KNOWN = {"tip_tiers": TIER_COLUMNS, "state_sponsored": STATE_SPONSORED_COLUMNS, "gsi": GSI_COLUMNS}
CELLS = ("cells",)  # a key no file can hold: the number of cells of a CSV line


@dataclass
class ImportResult:
    table: str
    rows: int
    origin: str
    problems: list[str] = field(default_factory=list)


class Problems:
    """The first MAX_PROBLEMS problems, and a count of all of them."""

    def __init__(self) -> None:
        self.listed: list[str] = []
        self.total = 0

    def add(self, message: str) -> None:
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(message)

    def __bool__(self) -> bool:
        return self.total > 0

    def error(self, name: str) -> ValidationError:
        listed = list(self.listed)
        if self.total > len(listed):
            listed.append(f"{name}: ... and {self.total - len(listed)} more problem(s) not listed")
        return ValidationError(name, listed, total=self.total)


def show(value: Any, limit: int = SHOW_CHARS) -> str:
    """A value as a message may echo it: quoted, escaped (NUL, surrogates) and cut short."""
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} digits"
    return f"{text[:limit]}... ({size})"


def _fail(name: str, message: str) -> ValidationError:
    return ValidationError(name, [f"{name}: {message}"])


# -- reading ------------------------------------------------------------------------------------
def read_table(path: Path) -> tuple[list[str], list[dict[str, Any] | None], int]:
    """Return (columns, rows, number of the first data row) or raise ValidationError."""
    name = str(path)
    if not path.exists():
        raise _fail(name, "file not found")
    if path.stat().st_size > MAX_BYTES:
        raise _fail(name, f"larger than {MAX_BYTES // 2**20} MB")
    if path.suffix.lower() == ".parquet":
        return _read_parquet(name, path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                          "save the file as UTF-8") from None
    if path.suffix.lower() == ".json":
        return _read_json(name, text)
    return _read_csv(name, text)


def _read_parquet(name: str, path: Path):
    try:
        import pandas as pd

        frame = pd.read_parquet(path)
    except Exception as exc:
        raise _fail(name, f"not a readable Parquet file ({show(str(exc), 200)})") from None
    if len(frame.columns) > MAX_COLUMNS:
        raise _fail(name, f"{len(frame.columns)} columns; a table has at most {MAX_COLUMNS}")
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [str(c) for c in frame.columns], records, 1


def _parse_int(digits: str) -> int | str:
    # Python refuses to convert integers of over 4,300 digits (a ValueError mid-parse); no
    # value here needs more than 20, so longer ones stay text and fail as "not a number".
    return int(digits) if len(digits) <= 20 else digits


def _read_json(name: str, text: str):
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise _fail(name, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") \
            from None
    except RecursionError:
        line, col = _too_deep(text)
        raise _fail(name, f"invalid JSON at line {line}, column {col}: nested too deeply "
                          "(a row is one object of single values)") from None
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        data = data["rows"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise _fail(name, "expected a JSON list of row objects")
    columns: dict[str, None] = {}
    for r in data:
        columns.update(dict.fromkeys(r))
        if len(columns) > MAX_COLUMNS:
            raise _fail(name, f"more than {MAX_COLUMNS} distinct keys; a table has at most "
                              f"{MAX_COLUMNS} columns")
    return list(columns), data, 1


def _too_deep(text: str, limit: int = 100) -> tuple[int, int]:
    """Line and column where brackets nest deeper than `limit` (outside strings)."""
    depth, in_string, escaped, line, col = 0, False, False, 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line, col
        elif ch in "]}":
            depth -= 1
    return line, col


def _read_csv(name: str, text: str):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise _fail(name, "the file is empty") from None
    except csv.Error as exc:
        raise _fail(name, f"unreadable CSV header ({exc})") from None
    if len(header) > MAX_COLUMNS:
        raise _fail(name, f"{len(header)} columns; a table has at most {MAX_COLUMNS}")
    rows: list[dict[str, Any] | None] = []
    try:
        for line in reader:
            if not any(cell.strip() for cell in line):
                rows.append(None)  # keep numbering; blank lines are skipped later
                continue
            cells = (unneutralise(c) for c in line)
            rows.append({CELLS: len(line), **dict(zip(header, cells, strict=False))})
    except csv.Error as exc:
        raise _fail(name, f"unreadable CSV at row {len(rows) + 2} (line {reader.line_num}): "
                          f"{exc}") from None
    return header, rows, 2


_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def unneutralise(cell: str) -> str:
    """Take away the quote that exporter.csv_safe puts before a formula-like CSV cell."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def detect_table(columns: list[str]) -> str | None:
    cols = set(columns)
    if "tier" in cols:
        return "tip_tiers"
    if "edition" in cols:
        return "gsi"
    if "report_year" in cols:
        return "state_sponsored"
    return None


# -- one cell against the schema ----------------------------------------------------------------
@cache
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def _limits(table: str, column: str) -> dict[str, Any]:
    spec = next((f for f in FIELDS[table] if f["name"] == column), None)
    if column in ("iso3", "country"):  # as given: a code or any name, resolved afterwards
        return {"maxLength": NAME_CHARS, "pattern": LINE_PATTERN}
    return {} if spec is None else {**spec["constraints"], "type": spec["type"]}


def _bad_char(value: str, pattern: str) -> str:
    rx = _pattern(pattern)
    for i, ch in enumerate(value):
        if not rx.fullmatch(ch):
            code = ord(ch)
            if code == 0:
                what = "a NUL character"
            elif 0xD800 <= code <= 0xDFFF:
                what = f"an unpaired surrogate U+{code:04X} (not valid Unicode)"
            else:
                what = f"the control character U+{code:04X}"
            return f"contains {what} at character {i + 1}"
    return "contains a character that is not allowed"


def cell_problem(table: str, column: str, value: Any) -> str | None:
    """What is wrong with one cell's value by the schema's type, length and characters."""
    if value is None or isinstance(value, bool | numbers.Number):
        return None
    if isinstance(value, dict | list | tuple | set):
        return "a nested value (object or list); a cell holds one value"
    if not isinstance(value, str):
        return f"a {type(value).__name__} value; a cell holds text or a number"
    limits = _limits(table, column)
    if "maxLength" in limits and len(value) > limits["maxLength"]:
        return f"{show(value)} is longer than the {limits['maxLength']} characters allowed"
    if "pattern" in limits and not _pattern(limits["pattern"]).fullmatch(value):
        return f"{show(value)} {_bad_char(value, limits['pattern'])}"
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
    text = str(value).strip().replace(",", "")
    if len(text) > 20:  # also keeps int() from its 4,300-digit limit
        raise ValueError
    return int(text)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if len(text) > 40:
            raise ValueError
        f = float(text)
    else:
        f = float(value)
    if math.isnan(f) or math.isinf(f):
        raise ValueError
    return f


# -- the whole file -----------------------------------------------------------------------------
def validate(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Check every row; return (table, clean rows) or raise ValidationError listing problems."""
    name = str(path)
    columns, rows, first_line = read_table(path)
    table = detect_table(columns)
    if table is None:
        raise _fail(name, f"cannot tell the table from its columns {_names(columns)}; a tier "
                          "table needs 'tier', a GSI table 'edition', a state-sponsored table "
                          "'report_year'")
    problems = Problems()
    _check_columns(name, table, columns, problems)
    if problems:
        raise problems.error(name)
    this_year = dt.date.today().year
    clean: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    year_col = "edition" if table == "gsi" else "report_year"
    for offset, row in enumerate(rows):
        if row is None:
            continue
        line = first_line + offset
        out = _check_row(f"{name}: row {line}", table, columns, row, this_year, problems)
        if out is None:
            continue
        key = (out.get("iso3"), out.get(year_col))
        if None not in key:
            if key in seen:
                problems.add(f"{name}: row {line}: duplicate of row {seen[key]} ({key[0]}, {key[1]})")
            else:
                seen[key] = line
        clean.append(out)
    if not clean and not problems:
        problems.add(f"{name}: no data rows")
    if problems:
        raise problems.error(name)
    return table, clean


def _names(columns: list[str], most: int = 10) -> str:
    plain = re.compile(r"[\w ]{1,40}")
    listed = ", ".join(c if plain.fullmatch(c) else show(c, 40) for c in columns[:most])
    return listed + (f" and {len(columns) - most} more" if len(columns) > most else "")


def _check_columns(name: str, table: str, columns: list[str], problems: Problems) -> None:
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        problems.add(f"{name}: column(s) {_names(dupes)} appear more than once")
    unknown = [c for c in columns if c not in KNOWN[table] and c not in EXTRA_ALLOWED]
    if unknown:
        problems.add(f"{name}: unknown column(s) {_names(unknown)} for a {table} table; "
                     f"expected some of {', '.join(KNOWN[table])}")
    missing = sorted(REQUIRED[table] - set(columns))
    if "iso3" not in columns and "country" not in columns:
        missing.append("iso3 or country")
    if missing:
        problems.add(f"{name}: missing column(s) {', '.join(missing)}")


def _check_row(where: str, table: str, columns: list[str], row: dict[str, Any], this_year: int,
               problems: Problems) -> dict[str, Any] | None:
    """The row as stored, or None after adding its problems."""
    before = problems.total

    def bad(column: str, message: str) -> None:
        problems.add(f"{where}, column {column}: {message}")

    cells = row.get(CELLS)
    if cells is not None and cells != len(columns):
        problems.add(f"{where}: {cells} cells, the header has {len(columns)}")
        return None
    for col in columns:
        problem = cell_problem(table, col, row.get(col))
        if problem:
            bad(col, problem)
    if problems.total > before:  # unsafe cells: nothing more is read from this row
        return None
    out: dict[str, Any] = {}
    iso3 = _country(row, bad)
    if not iso3:
        return None
    out["iso3"] = iso3
    source = row.get("source")
    if _blank(source):
        bad("source", "every row needs a source (document, year, page or URL)")
    else:
        out["source"] = str(source).strip()
    year_col = "edition" if table == "gsi" else "report_year"
    lowest = _limits(table, year_col)["minimum"]
    try:
        year = _int(row.get(year_col))
        if not lowest <= year <= this_year:
            bad(year_col, f"{year} is outside {lowest}-{this_year}")
        out[year_col] = year
    except (TypeError, ValueError):
        bad(year_col, f"{show(row.get(year_col))} is not a year")
    for col in ("evidence", "name_in_source", "source_document", "region",
                "prevalence_basis", "rank_basis", "note", "government_response_rating"):
        if col in columns:
            out[col] = "" if _blank(row.get(col)) else str(row[col]).strip()
    if "quality" in columns or table != "gsi":
        q = row.get("quality")
        q = "secondary" if _blank(q) else str(q).strip()
        if q not in QUALITY_ORDER:
            bad("quality", f"{show(q)} is not one of {', '.join(QUALITY_ORDER)}")
        out["quality"] = q
    if table == "tip_tiers":
        tier = normalize_tier(str(row.get("tier") or ""))
        if tier is None or tier not in TIER_CODES:
            bad("tier", f"{show(row.get('tier'))} is not a tier (1, 2, 2WL, 3, special)")
        out["tier"] = tier
        rule = "" if _blank(row.get("watch_list_rule")) else str(row["watch_list_rule"])
        if rule not in WATCH_LIST_RULES:
            bad("watch_list_rule", f"{show(rule)} is not one of auto_downgrade, waiver")
        out["watch_list_rule"] = rule
    if table == "gsi":
        _check_gsi(row, out, bad)
    return out if problems.total == before else None


def _country(row: dict[str, Any], bad) -> str | None:
    """ISO3 from the iso3 or country column (a code or any alias); both must agree if given."""
    iso3 = None
    for col in ("iso3", "country"):
        value = row.get(col)
        if _blank(value):
            continue
        try:
            code = resolve(str(value))
        except UnknownCountryError as exc:
            hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            bad(col, f"unknown country {show(str(value))}{hint}")
            return None
        if iso3 and code != iso3:
            bad(col, f"{show(str(value))} is {code}, but iso3 says {iso3}")
            return None
        iso3 = code
    if iso3 is None:
        bad("iso3", "no country given")
    return iso3


def _check_gsi(row: dict[str, Any], out: dict[str, Any], bad) -> None:
    for spec in FIELDS["gsi"]:
        col = spec["name"]
        if spec["type"] not in ("integer", "number") or col == "edition":
            continue
        conv = _int if spec["type"] == "integer" else _float
        low, high = spec["constraints"]["minimum"], spec["constraints"]["maximum"]
        value = row.get(col)
        if _blank(value):
            out[col] = None
            continue
        try:
            v = conv(value)
        except (TypeError, ValueError, OverflowError):
            bad(col, f"{show(value)} is not a number")
            continue
        if not low <= v <= high:
            bad(col, f"{show(v)} is outside {low}-{high}")
        out[col] = v


def origin_for(file_name: str) -> str:
    """`import:FILE`, the file's name cut to fit the origin column."""
    room = ORIGIN_FIELD["constraints"]["maxLength"] - len("import:")
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in file_name)
    return "import:" + (cleaned if len(cleaned) <= room else cleaned[:room - 3] + "...")


def import_file(store: Store, path: str | Path, who: str = "cli") -> ImportResult:
    """Validate FILE completely, then upsert it in one transaction (logged as written by `who`,
    a token's name or "cli"). Idempotent."""
    p = Path(path)
    table, rows = validate(p)
    origin = origin_for(p.name)
    store.upsert(table, rows, origin, who=who)
    return ImportResult(table, len(rows), origin)
