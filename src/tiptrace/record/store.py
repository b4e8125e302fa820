"""The store: the record in a database (SQLite by default, any SQLAlchemy URL such as PostgreSQL).

The embedded SQLite store is created on first use from the packaged data. Its location is
`--db` / `TIPTRACE_DB` (a path or a SQLAlchemy URL), else the user's data directory.

Schema creation and writes use SQLAlchemy (tables.py). Reads are plain parameterised SQL that
runs unchanged on SQLite and PostgreSQL; for the embedded SQLite store they go through the
standard library's sqlite3, which keeps a CLI query from paying SQLAlchemy's import time.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from . import packaged

SCHEMA_VERSION = 1
# How long a SQLite writer waits for another writer (or a reader's checkpoint) before failing.
BUSY_SECONDS = 30.0
PACKAGED = "packaged"
TABLE_NAMES = ("tip_tiers", "state_sponsored", "gsi")


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


def _where(filters: dict[str, Any], alias: str) -> tuple[str, dict[str, Any]]:
    used = {k: v for k, v in filters.items() if v is not None}
    if not used:
        return "", {}
    return " WHERE " + " AND ".join(f"{alias}.{k} = :{k}" for k in used), used


class Store:
    """A connection to one store; methods return plain dicts (interfaces shape them)."""

    def __init__(self, url: str):
        self.url = url
        self.sqlite_path = _sqlite_path(url)
        self._engine = None

    # -- opening and building -------------------------------------------------------------
    @classmethod
    def open(cls, location: str | None = None, *, create: bool = True,
             check: bool = True) -> Store:
        """Open (and on first use build) a store; `check=False` skips the version check, for
        callers that are about to rebuild it."""
        url = to_url(location or default_location())
        store = cls(url)
        path = store.sqlite_path
        fresh = path is not None and not path.exists()
        if fresh:
            if not create:
                raise StoreError(f"No store at {path}.")
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            names = set() if fresh else store._table_names()
            if "meta" not in names:
                store.rebuild()
            else:
                if not {"data_version", "write_log"} <= names:  # a store made before these
                    store._add_kept_tables()
                if check:
                    store._check_version()
        except StoreError:
            raise
        except Exception as exc:  # bad URL, missing driver, unreachable server, corrupt file
            raise StoreError(f"Cannot use store {location or url!r}: {exc}") from exc
        return store

    @property
    def engine(self):
        if self._engine is None:
            from sqlalchemy import create_engine, event

            if self.url.startswith("sqlite"):
                self._engine = create_engine(self.url, connect_args={"timeout": BUSY_SECONDS})
                event.listen(self._engine, "connect", _sqlite_connected)
                event.listen(self._engine, "begin", _sqlite_begin)
            else:
                self._engine = create_engine(self.url)
        return self._engine

    def read_connection(self):
        """A SQLAlchemy connection for reads only: on SQLite its transactions do not take the
        write lock (every other transaction does, so that concurrent writers queue)."""
        return self.engine.connect().execution_options(tiptrace_read_only=True)

    def _table_names(self) -> set[str]:
        if self.sqlite_path is not None:
            return {r["name"] for r in self._rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        from sqlalchemy import inspect

        return set(inspect(self.engine).get_table_names())

    def _add_kept_tables(self) -> None:
        from .tables import kept

        with self.engine.begin() as conn:
            kept.create_all(conn, checkfirst=True)
            self._bump(conn)

    def _log(self, conn, who: str, action: str, detail: str = "") -> None:
        """Record a write in the caller's transaction (which has raised the data version)."""
        import datetime as dt

        from .tables import write_log

        conn.execute(write_log.insert(), {
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "who": who[:80], "action": action, "detail": detail[:512]})

    def write_log(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest writes, newest first: time, who (token name or "cli"), action, detail."""
        try:
            return self._rows("SELECT at, who, action, detail FROM write_log "
                              "ORDER BY id DESC LIMIT :n", {"n": int(limit)})
        except Exception:  # a store made before the log existed, not yet opened for writing
            return []

    @staticmethod
    def _bump(conn) -> None:
        """Raise the data version inside the caller's transaction (creating it on first use).

        A new store starts from the clock in microseconds, so a store deleted and built again
        never repeats a version that a running process may have cached."""
        import time

        from sqlalchemy import text

        from .tables import data_version

        data_version.create(conn, checkfirst=True)
        done = conn.execute(text("UPDATE data_version SET version = version + 1 WHERE id = 1"))
        if done.rowcount == 0:
            conn.execute(data_version.insert(), {"id": 1, "version": time.time_ns() // 1000})

    def data_version(self) -> int:
        """A number that every write raises; equal numbers mean equal data. One cheap query."""
        rows = self._rows("SELECT version FROM data_version WHERE id = 1")
        return int(rows[0]["version"]) if rows else 0

    def _check_version(self) -> None:
        info = {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta")}
        version = int(info.get("schema_version", 0))
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"The store at {self.url} has schema version {version}; this tiptrace needs "
                f"{SCHEMA_VERSION}. Run `tiptrace rebuild` to recreate it from the packaged data."
            )
        if info.get("data_hash") != data_hash() and not self.imported_origins():
            # Packaged data changed (an upgrade) and nothing was imported: refresh silently.
            self.rebuild()

    def rebuild(self, who: str = "cli") -> dict[str, int]:
        """Drop and recreate every table from the packaged data, in one transaction."""
        from . import tables
        from .countries import all_countries

        with self.engine.begin() as conn:
            tables.kept.create_all(conn, checkfirst=True)
            self._bump(conn)  # first: on PostgreSQL its row lock also queues concurrent writers
            tables.metadata.drop_all(conn)
            tables.metadata.create_all(conn)
            conn.execute(tables.countries.insert(), [
                {"iso3": c.iso3, "iso2": c.iso2, "name": c.name,
                 "official_name": c.official_name, "kind": c.kind, "note": c.note}
                for c in all_countries().values()
            ])
            counts = {}
            for name in TABLE_NAMES:
                table = tables.metadata.tables[name]
                rows = [coerce(table, r, PACKAGED) for r in packaged.read_rows(name)]
                conn.execute(table.insert(), rows)
                counts[name] = len(rows)
            conn.execute(tables.meta.insert(), [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "data_hash", "value": data_hash()},
            ])
            self._log(conn, who, "rebuild", ", ".join(f"{k} {v}" for k, v in counts.items()))
        return counts

    # -- reading --------------------------------------------------------------------------
    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if self.sqlite_path is not None:
            conn = self._sqlite_reader()
            try:
                conn.row_factory = sqlite3.Row
                return [dict(r) for r in conn.execute(sql, params or {})]
            finally:
                conn.close()
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql), params or {})]

    def _sqlite_reader(self) -> sqlite3.Connection:
        """A plain sqlite3 connection for reads. Read-write where allowed (never creating the
        file): after a crash SQLite must roll back a hot journal or recover the WAL index, which
        a read-only connection cannot do ("attempt to write a readonly database")."""
        uri = self.sqlite_path.absolute().as_uri()
        try:
            return sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=BUSY_SECONDS)
        except sqlite3.OperationalError:  # a file we may only read
            return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_SECONDS)

    def _select(self, table: str, order: str, **filters: Any) -> list[dict[str, Any]]:
        where, params = _where(filters, "t")
        sql = (f"SELECT t.*, c.name AS country FROM {table} t "
               f"LEFT JOIN countries c ON c.iso3 = t.iso3{where} ORDER BY {order}")
        return self._rows(sql, params)

    def tiers(self, *, year: int | None = None, iso3: str | None = None,
              tier: str | None = None) -> list[dict[str, Any]]:
        return self._select("tip_tiers", "t.report_year, c.name",
                            report_year=year, iso3=iso3, tier=tier)

    def state_sponsored(self, *, year: int | None = None,
                        iso3: str | None = None) -> list[dict[str, Any]]:
        return self._select("state_sponsored", "t.report_year, c.name", report_year=year, iso3=iso3)

    def gsi(self, *, edition: int | None = None, iso3: str | None = None) -> list[dict[str, Any]]:
        return self._select("gsi", "t.edition, c.name", edition=edition, iso3=iso3)

    def report_years(self) -> list[int]:
        rows = self._rows("SELECT DISTINCT report_year FROM tip_tiers ORDER BY report_year")
        return [r["report_year"] for r in rows]

    def gsi_editions(self) -> list[int]:
        return [r["edition"] for r in self._rows("SELECT DISTINCT edition FROM gsi ORDER BY edition")]

    def imported_origins(self) -> list[str]:
        sql = " UNION ".join(f"SELECT DISTINCT origin FROM {t} WHERE origin <> :p"
                             for t in TABLE_NAMES)
        return sorted(r["origin"] for r in self._rows(sql, {"p": PACKAGED}))

    def counts(self) -> dict[str, int]:
        return {t: self._rows(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in TABLE_NAMES}

    # -- writing (imports) ----------------------------------------------------------------
    def upsert(self, table_name: str, rows: Sequence[dict[str, Any]], origin: str,
               who: str = "cli") -> int:
        """Replace rows with the same keys and insert the rest, all in one transaction."""
        from sqlalchemy import delete, tuple_

        from . import tables

        table = tables.metadata.tables[table_name]
        keys = [c.name for c in table.primary_key.columns]
        prepared = [coerce(table, r, origin) for r in rows]
        values = [tuple(r[k] for k in keys) for r in prepared]
        cols = tuple_(*(table.c[k] for k in keys))
        with self.engine.begin() as conn:
            self._bump(conn)  # first: on PostgreSQL its row lock also queues concurrent writers
            for i in range(0, len(values), 500):
                conn.execute(delete(table).where(cols.in_(values[i:i + 500])))
            if prepared:
                conn.execute(table.insert(), prepared)
            self._log(conn, who, "import", f"{len(prepared)} row(s) into {table_name} ({origin})")
        return len(prepared)

    # -- API tokens -------------------------------------------------------------------------
    def create_token(self, name: str, who: str = "cli") -> str:
        """Create a named token and return it; only its hash is stored."""
        import datetime as dt
        import secrets

        from sqlalchemy import select

        from .tables import api_tokens

        if not name or len(name) > 64:
            raise StoreError("A token name is 1 to 64 characters.")
        token = secrets.token_urlsafe(32)
        from .tables import kept

        with self.engine.begin() as conn:
            kept.create_all(conn, checkfirst=True)
            self._bump(conn)
            if conn.execute(select(api_tokens.c.name).where(api_tokens.c.name == name)).first():
                raise StoreError(f"A token named {name!r} exists already.")
            conn.execute(api_tokens.insert(), {
                "name": name, "token_hash": hashlib.sha256(token.encode()).hexdigest(),
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
            self._log(conn, who, "token create", name)
        return token

    def revoke_token(self, name: str, who: str = "cli") -> None:
        """Delete a named token: it stops working at once, in every process."""
        from sqlalchemy import delete

        from .tables import api_tokens, kept

        with self.engine.begin() as conn:
            kept.create_all(conn, checkfirst=True)
            self._bump(conn)
            if conn.execute(delete(api_tokens).where(api_tokens.c.name == name)).rowcount == 0:
                raise StoreError(f"No token named {name[:64]!r}.")
            self._log(conn, who, "token revoke", name)

    def tokens(self) -> list[dict[str, Any]]:
        """Names and creation times of the tokens (never the tokens themselves)."""
        try:
            return self._rows("SELECT name, created FROM api_tokens ORDER BY name")
        except Exception:  # no token was ever created
            return []

    def token_name(self, token: str) -> str | None:
        """The name of a valid token, else None."""
        digest = hashlib.sha256(token.encode()).hexdigest()
        try:
            rows = self._rows("SELECT name, token_hash FROM api_tokens")
        except Exception:  # no token was ever created
            return None
        import hmac

        for r in rows:
            if hmac.compare_digest(r["token_hash"], digest):
                return r["name"]
        return None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _sqlite_connected(dbapi_conn, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN (below) instead of the sqlite3 module, which
    # would run DDL outside any transaction: a rebuild killed half-way then lost its tables.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    # WAL: readers never wait for a writer nor see half a write, and no hot journal is left by
    # a killed writer. The mode is stored in the file; this is a no-op once set.
    if cur.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
        cur.execute("PRAGMA journal_mode = WAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    # IMMEDIATE takes the write lock at once, so two writers queue (busy timeout) instead of
    # failing when both upgrade a read lock. Connections from Store.read_connection() only read.
    reading = conn.get_execution_options().get("tiptrace_read_only", False)
    conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def coerce(table, row: dict[str, Any], origin: str) -> dict[str, Any]:
    """Turn CSV strings into column types; empty strings become NULL for numeric columns."""
    from sqlalchemy import Float, Integer

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
