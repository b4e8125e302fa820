"""The store: the record in a database (SQLite by default, any SQLAlchemy URL such as PostgreSQL).

The embedded SQLite store is created on first use from the packaged data. Its location is
`--db` / `TIPTRACE_DB` (a path or a SQLAlchemy URL), else the user's data directory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    inspect,
    select,
    tuple_,
)
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreError
from . import packaged

SCHEMA_VERSION = 1

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
PACKAGED = "packaged"


def default_location() -> str:
    env = os.environ.get("TIPTRACE_DB")
    if env:
        return env
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return str(base / "tiptrace" / "tiptrace.sqlite")


def to_url(location: str) -> str:
    return location if "://" in location else f"sqlite:///{Path(location).expanduser()}"


def _sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        return Path(url[len("sqlite:///"):])
    return None


def data_hash() -> str:
    h = hashlib.sha256()
    for name in packaged.DATA_FILES:
        h.update(packaged.read_bytes(name))
    return h.hexdigest()[:16]


class Store:
    """A connection to one store; methods return plain dicts (interfaces shape them)."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine

    # -- opening and building -------------------------------------------------------------
    @classmethod
    def open(cls, location: str | None = None, *, create: bool = True) -> Store:
        url = to_url(location or default_location())
        path = _sqlite_path(url)
        fresh = path is not None and not path.exists()
        if fresh:
            if not create:
                raise StoreError(f"No store at {path}.")
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"Cannot open store {location!r}: {exc}") from exc
        store = cls(url, engine)
        try:
            if fresh or not inspect(engine).has_table("meta"):
                store.rebuild()
            else:
                store._check_version()
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"Cannot use store {location!r}: {exc}") from exc
        return store

    def _check_version(self) -> None:
        with self.engine.connect() as conn:
            info = dict(conn.execute(select(meta.c.key, meta.c.value)).all())
        version = int(info.get("schema_version", 0))
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"The store at {self.url} has schema version {version}; this tiptrace needs "
                f"{SCHEMA_VERSION}. Run `tiptrace rebuild` to recreate it from the packaged data."
            )
        if info.get("data_hash") != data_hash() and not self.imported_origins():
            # Packaged data changed (an upgrade) and nothing was imported: refresh silently.
            self.rebuild()

    def rebuild(self) -> dict[str, int]:
        """Drop and recreate every table from the packaged data, in one transaction."""
        from .countries import all_countries

        with self.engine.begin() as conn:
            metadata.drop_all(conn)
            metadata.create_all(conn)
            conn.execute(countries.insert(), [
                {"iso3": c.iso3, "iso2": c.iso2, "name": c.name,
                 "official_name": c.official_name, "kind": c.kind, "note": c.note}
                for c in all_countries().values()
            ])
            counts = {}
            for name, table in TABLES.items():
                rows = [coerce(table, r, PACKAGED) for r in packaged.read_rows(name)]
                conn.execute(table.insert(), rows)
                counts[name] = len(rows)
            conn.execute(meta.insert(), [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "data_hash", "value": data_hash()},
            ])
        return counts

    # -- reading --------------------------------------------------------------------------
    def _rows(self, stmt) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def tiers(self, *, year: int | None = None, iso3: str | None = None,
              tier: str | None = None) -> list[dict[str, Any]]:
        stmt = select(tip_tiers, countries.c.name.label("country")).join(
            countries, countries.c.iso3 == tip_tiers.c.iso3, isouter=True)
        if year is not None:
            stmt = stmt.where(tip_tiers.c.report_year == year)
        if iso3 is not None:
            stmt = stmt.where(tip_tiers.c.iso3 == iso3)
        if tier is not None:
            stmt = stmt.where(tip_tiers.c.tier == tier)
        return self._rows(stmt.order_by(tip_tiers.c.report_year, countries.c.name))

    def state_sponsored(self, *, year: int | None = None,
                        iso3: str | None = None) -> list[dict[str, Any]]:
        stmt = select(state_sponsored, countries.c.name.label("country")).join(
            countries, countries.c.iso3 == state_sponsored.c.iso3, isouter=True)
        if year is not None:
            stmt = stmt.where(state_sponsored.c.report_year == year)
        if iso3 is not None:
            stmt = stmt.where(state_sponsored.c.iso3 == iso3)
        return self._rows(stmt.order_by(state_sponsored.c.report_year, countries.c.name))

    def gsi(self, *, edition: int | None = None, iso3: str | None = None) -> list[dict[str, Any]]:
        stmt = select(gsi, countries.c.name.label("country")).join(
            countries, countries.c.iso3 == gsi.c.iso3, isouter=True)
        if edition is not None:
            stmt = stmt.where(gsi.c.edition == edition)
        if iso3 is not None:
            stmt = stmt.where(gsi.c.iso3 == iso3)
        return self._rows(stmt.order_by(gsi.c.edition, countries.c.name))

    def report_years(self) -> list[int]:
        stmt = select(tip_tiers.c.report_year).distinct().order_by(tip_tiers.c.report_year)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt)]

    def gsi_editions(self) -> list[int]:
        stmt = select(gsi.c.edition).distinct().order_by(gsi.c.edition)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt)]

    def imported_origins(self) -> list[str]:
        origins: set[str] = set()
        with self.engine.connect() as conn:
            for table in TABLES.values():
                stmt = select(table.c.origin).where(table.c.origin != PACKAGED).distinct()
                origins.update(r[0] for r in conn.execute(stmt))
        return sorted(origins)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for name, t in TABLES.items()}

    # -- writing (imports) ----------------------------------------------------------------
    def upsert(self, table_name: str, rows: Sequence[dict[str, Any]], origin: str) -> int:
        """Replace rows with the same keys and insert the rest, all in one transaction."""
        table = TABLES[table_name]
        keys = [c.name for c in table.primary_key.columns]
        prepared = [coerce(table, r, origin) for r in rows]
        with self.engine.begin() as conn:
            _delete_keys(conn, table, keys, prepared)
            if prepared:
                conn.execute(table.insert(), prepared)
        return len(prepared)

    def close(self) -> None:
        self.engine.dispose()


def _delete_keys(conn: Connection, table: Table, keys: list[str],
                 rows: Iterable[dict[str, Any]]) -> None:
    values = [tuple(r[k] for k in keys) for r in rows]
    cols = tuple_(*(table.c[k] for k in keys))
    for i in range(0, len(values), 500):
        conn.execute(delete(table).where(cols.in_(values[i:i + 500])))


def coerce(table: Table, row: dict[str, Any], origin: str) -> dict[str, Any]:
    """Turn CSV strings into column types; empty strings become NULL for numeric columns."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name == "origin":
            out["origin"] = origin
            continue
        value = row.get(col.name)
        if isinstance(col.type, Integer):
            out[col.name] = None if value in (None, "") else int(float(value))
        elif isinstance(col.type, Float):
            out[col.name] = None if value in (None, "") else float(value)
        else:
            out[col.name] = "" if value is None else str(value)
    return out
