"""What the record's tables hold: columns, allowed values, ranges imports are checked against."""

from __future__ import annotations

from ..domain import (  # noqa: F401 - the record's vocabulary, defined once in domain
    FIRST_REPORT_YEAR,
    FIRST_STATE_SPONSORED_YEAR,
    PARTIAL_SEPARATOR,
    PARTIAL_TIERS,
    TIER_CODES,
    TIER_LABELS,
    TIERS,
)
from ..domain import GSI_EDITIONS as _EDITIONS

# Strongest source first; see the data package's quality_scale.
QUALITY_ORDER = ("primary", "dataset", "copy", "derived", "secondary")
WATCH_LIST_RULES = ("", "auto_downgrade", "waiver")
GSI_EDITIONS = tuple(str(e) for e in _EDITIONS)  # as the edition column is checked on import

TIER_COLUMNS = [
    "iso3", "country", "report_year", "tier", "watch_list_rule", "quality",
    "source", "evidence", "name_in_source",
]
STATE_SPONSORED_COLUMNS = ["iso3", "country", "report_year", "quality", "source", "evidence"]
# Presidential determinations under TVPA sec. 110(d) on the governments of one report's Tier 3.
DETERMINATION_COLUMNS = [
    "report_year", "iso3", "country", "determination", "provision", "fiscal_year",
    "determination_number", "signed", "published", "source", "evidence", "quality",
    "read_in_full",
]
DETERMINATION_LABELS = {
    "restricted": "nonhumanitarian, nontrade-related assistance restricted (110(d)(1)(A)(i))",
    "restricted_and_exchanges": "assistance and funding for educational and cultural exchanges "
                                "restricted (110(d)(1)(A)(ii))",
    "waived_in_full": "restrictions waived in full in the national interest (110(d)(4))",
    "partially_waived": "restrictions partly waived (110(d)(4))",
    "waived": "restrictions waived under 110(d)(4) (extent not read)",
    "secretary_determination": "left to the Secretary of State's determination (110(d)(3))",
}
GSI_COLUMNS = [
    "edition", "iso3", "country", "est_number", "prevalence_per_1000", "prevalence_basis",
    "rank_prevalence", "rank_basis", "population", "vulnerability", "government_response",
    "government_response_rating", "region", "source_document", "source", "note",
]


def is_partial(tier: str | None) -> bool:
    return bool(tier) and PARTIAL_SEPARATOR in str(tier)


def tier_options(tier: str) -> tuple[str, ...]:
    """The tiers a value allows: one for a fixed tier, several for a narrowed one."""
    return tuple(str(tier).split(PARTIAL_SEPARATOR))


def tier_label(tier: str) -> str:
    if tier in TIER_LABELS:
        return TIER_LABELS[tier]
    return " or ".join(TIER_LABELS.get(t, t) for t in tier_options(tier))


def normalize_tier(value: str) -> str | None:
    """Accept the spellings people write ('Tier 2 Watch List', '2w', 'tier3', 'Tier 1 or 2')
    or return None."""
    v = "".join(str(value).split()).casefold().replace("tier", "")
    if v in ("1|2", "1or2", "1/2"):
        return "1|2"
    aliases = {
        "1": "1", "2": "2", "3": "3", "2wl": "2WL", "2w": "2WL", "2watchlist": "2WL",
        "2.5": "2WL", "special": "special", "specialcase": "special",
    }
    return aliases.get(v)


# -- One schema with its limits -----------------------------------------------------------------
# Each table's fields in Frictionless Table Schema form: type, and constraints (required,
# maxLength, enum, minimum, maximum, pattern). The database columns (tables.py) are sized from
# it, the importer checks every row against it before anything is written, and the data package
# publishes it, so SQLite and PostgreSQL accept and reject the same rows.

# Text is one line (no control characters) or, for free text, may hold tabs and line breaks.
# Never NUL (PostgreSQL refuses it) nor an unpaired surrogate (not encodable as UTF-8).
LINE_PATTERN = r"^[^\x00-\x1f\x7f\ud800-\udfff]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]*$"
INT32_MAX = 2**31 - 1  # PostgreSQL's integer


def _string(name: str, max_length: int, *, required: bool = False, enum=None,
            multiline: bool = False, description: str = "") -> dict:
    c: dict = {"maxLength": max_length, "pattern": TEXT_PATTERN if multiline else LINE_PATTERN}
    if required:
        c["required"] = True
    if enum is not None:
        c["enum"] = list(enum)
    return {"name": name, "type": "string", "description": description, "constraints": c}


def _number(name: str, type_: str, minimum, maximum, *, required: bool = False,
            description: str = "") -> dict:
    c: dict = {"minimum": minimum, "maximum": maximum}
    if required:
        c["required"] = True
    return {"name": name, "type": type_, "description": description, "constraints": c}


_ISO3 = {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code",
         "constraints": {"required": True, "maxLength": 3, "pattern": "^[A-Z]{3}$"}}
_COUNTRY = _string("country", 128, description="country name; an import reads any alias the "
                                               "record knows")
_SOURCE = _string("source", 2000, required=True, description="document, year, page or URL")
_EVIDENCE = _string("evidence", 4000, multiline=True, description="the phrase read in the source")
_QUALITY = _string("quality", 16, required=True, enum=QUALITY_ORDER,
                   description="grade of the source; see quality_scale")


def _year(name: str, first: int) -> dict:
    # The upper bound is the current year, checked at import time.
    return _number(name, "integer", first, 9999, required=True)


FIELDS: dict[str, list[dict]] = {
    "tip_tiers": [
        _ISO3, _COUNTRY, _year("report_year", FIRST_REPORT_YEAR),
        _string("tier", 16, required=True, enum=TIER_CODES,
                description="1, 2, 2WL, 3, special, or options joined by '|' when narrowed"),
        _string("watch_list_rule", 16, enum=WATCH_LIST_RULES),
        _QUALITY, _SOURCE, _EVIDENCE,
        _string("name_in_source", 128, description="the country's name as the source writes it"),
    ],
    "state_sponsored": [
        _ISO3, _COUNTRY, _year("report_year", FIRST_STATE_SPONSORED_YEAR), _QUALITY, _SOURCE,
        _EVIDENCE,
    ],
    "gsi": [
        _year("edition", 2013), _ISO3, _COUNTRY,
        _number("est_number", "integer", 0, 10**9, description="estimated people in modern slavery"),
        _number("prevalence_per_1000", "number", 0, 1000),
        _string("prevalence_basis", 64),
        _number("rank_prevalence", "integer", 1, 300),
        _string("rank_basis", 16),
        _number("population", "integer", 0, 2 * 10**9),
        _number("vulnerability", "number", 0, 100),
        _number("government_response", "number", -100, 100),
        _string("government_response_rating", 8),
        _string("region", 64),
        _string("source_document", 2000),
        _SOURCE,
        _string("note", 4000, multiline=True),
    ],
}
# Set by the store, not by the file: "packaged" or "import:FILE".
ORIGIN_FIELD = _string("origin", 256, required=True, description="packaged, or import:FILE")


def field(table: str, name: str) -> dict | None:
    for f in FIELDS[table]:
        if f["name"] == name:
            return f
    return ORIGIN_FIELD if name == "origin" else None


PRIMARY_KEYS = {"tip_tiers": ["iso3", "report_year"], "state_sponsored": ["iso3", "report_year"],
                "gsi": ["edition", "iso3"]}


def table_schema(table: str, with_origin: bool = False) -> dict:
    """The Table Schema of one table: the packaged file's columns, plus `origin` in an export."""
    return {"primaryKey": PRIMARY_KEYS[table],
            "fields": [*FIELDS[table], *([ORIGIN_FIELD] if with_origin else [])],
            "missingValues": [""]}


CSV_NOTE = ("CSV written by tiptrace (exports, web downloads): a text cell that begins with =, +, "
            "-, @, a tab or a carriage return (after any single quotes) is written with one more "
            "single quote in front, so that spreadsheets show it as text instead of running it "
            "as a formula (OWASP's advice on CSV injection); `tiptrace import` removes that "
            "quote. Numbers are unchanged; Parquet and JSON hold every value as it is.")
