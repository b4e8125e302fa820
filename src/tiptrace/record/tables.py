"""The store's tables (SQLAlchemy Core), used to create the schema and write to it.

Reads go through plain SQL in store.py so that a CLI query need not import SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, Float, Integer, MetaData, String, Table, Text

from .schema import FIELDS, ORIGIN_FIELD

metadata = MetaData()


def _s(table: str, name: str, **kw) -> Column:
    """A text column as wide as the one schema (schema.FIELDS) that imports are checked against."""
    f = ORIGIN_FIELD if name == "origin" else next(f for f in FIELDS[table] if f["name"] == name)
    return Column(name, String(f["constraints"]["maxLength"]), **kw)


meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
countries = Table(
    "countries", metadata,
    Column("iso3", String(3), primary_key=True),
    Column("iso2", String(2)),
    Column("name", String(128), nullable=False),
    Column("official_name", String(256)),
    Column("kind", String(16), nullable=False),
    Column("note", Text),
)
tip_tiers = Table(
    "tip_tiers", metadata,
    _s("tip_tiers", "iso3", primary_key=True),
    Column("report_year", Integer, primary_key=True),
    _s("tip_tiers", "tier", nullable=False),
    _s("tip_tiers", "watch_list_rule", nullable=False, default=""),
    _s("tip_tiers", "quality", nullable=False),
    Column("source", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    _s("tip_tiers", "name_in_source", nullable=False, default=""),
    _s("tip_tiers", "origin", nullable=False),
)
state_sponsored = Table(
    "state_sponsored", metadata,
    _s("state_sponsored", "iso3", primary_key=True),
    Column("report_year", Integer, primary_key=True),
    _s("state_sponsored", "quality", nullable=False),
    Column("source", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    _s("state_sponsored", "origin", nullable=False),
)
gsi = Table(
    "gsi", metadata,
    Column("edition", Integer, primary_key=True),
    _s("gsi", "iso3", primary_key=True),
    Column("est_number", Integer),
    Column("prevalence_per_1000", Float),
    _s("gsi", "prevalence_basis", nullable=False, default=""),
    Column("rank_prevalence", Integer),
    _s("gsi", "rank_basis", nullable=False, default=""),
    Column("population", Integer),
    Column("vulnerability", Float),
    Column("government_response", Float),
    _s("gsi", "government_response_rating", nullable=False, default=""),
    _s("gsi", "region", nullable=False, default=""),
    Column("source_document", Text, nullable=False, default=""),
    Column("source", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    _s("gsi", "origin", nullable=False),
)

TABLES = {"tip_tiers": tip_tiers, "state_sponsored": state_sponsored, "gsi": gsi}


# Tables that `rebuild` keeps (it replaces the data tables only).
kept = MetaData()

# One row: a number that every write (import, rebuild, token change) raises in its own
# transaction, so that every process can tell on its next request whether its caches are stale.
data_version = Table(
    "data_version", kept,
    Column("id", Integer, CheckConstraint("id = 1"), primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

# Named API tokens for write endpoints; only a SHA-256 hash of each token is stored.
api_tokens = Table(
    "api_tokens", kept,
    Column("name", String(64), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created", String(32), nullable=False),
)

# Every write (import, rebuild, token change), with who made it: a token's name or "cli".
write_log = Table(
    "write_log", kept,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),  # UTC, ISO 8601
    Column("who", String(80), nullable=False),  # "cli", or "token NAME"
    Column("action", String(32), nullable=False),
    Column("detail", String(512), nullable=False, default=""),
)
