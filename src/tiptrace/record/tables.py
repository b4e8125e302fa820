"""The store's tables (SQLAlchemy Core), used to create the schema and write to it.

Reads go through plain SQL in store.py so that a CLI query need not import SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

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
    Column("iso3", String(3), primary_key=True),
    Column("report_year", Integer, primary_key=True),
    Column("tier", String(8), nullable=False),
    Column("watch_list_rule", String(16), nullable=False, default=""),
    Column("quality", String(16), nullable=False),
    Column("source", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    Column("name_in_source", String(128), nullable=False, default=""),
    Column("origin", String(256), nullable=False),
)
state_sponsored = Table(
    "state_sponsored", metadata,
    Column("iso3", String(3), primary_key=True),
    Column("report_year", Integer, primary_key=True),
    Column("quality", String(16), nullable=False),
    Column("source", Text, nullable=False),
    Column("evidence", Text, nullable=False, default=""),
    Column("origin", String(256), nullable=False),
)
gsi = Table(
    "gsi", metadata,
    Column("edition", Integer, primary_key=True),
    Column("iso3", String(3), primary_key=True),
    Column("est_number", Integer),
    Column("prevalence_per_1000", Float),
    Column("prevalence_basis", String(64), nullable=False, default=""),
    Column("rank_prevalence", Integer),
    Column("rank_basis", String(16), nullable=False, default=""),
    Column("population", Integer),
    Column("vulnerability", Float),
    Column("government_response", Float),
    Column("government_response_rating", String(8), nullable=False, default=""),
    Column("region", String(64), nullable=False, default=""),
    Column("source_document", Text, nullable=False, default=""),
    Column("source", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("origin", String(256), nullable=False),
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
