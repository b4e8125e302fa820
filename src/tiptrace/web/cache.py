"""The response cache: rendered bodies with strong ETags, served before routing on a hit.

Never stale: every request reads the store's data version (a counter in the database that
every write raises, whichever process wrote), and the cache holds only responses built at the
current version. Bounded in bytes (least recently used out first), and keyed by the path and
only the query parameters the route declares, so `?x=1`, `?x=2`, ... are one entry.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from ..record.store import Store

MAX_BYTES = 32 * 2**20
VERSION_KEY = "tiptrace.data_version"  # where the middleware leaves the version in the scope
ENTRY_OVERHEAD = 300  # bytes per entry besides its body and key (tuple, headers, dict slot)


class DataVersion:
    """The store's data version, cheap enough to read on every request.

    Store.data_version() opens a connection per call; for SQLite this keeps one read-only
    connection open (reopened if the file is replaced, so a store swapped in is seen)."""

    SQL = "SELECT version FROM data_version WHERE id = 1"

    def __init__(self, store: Store):
        self.store = store
        self._conn: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> int:
        path = self.store.sqlite_path
        if path is None:
            return self.store.data_version()
        with self._lock:
            try:
                st = os.stat(path)
                if self._conn is None or self._file != (st.st_dev, st.st_ino):
                    self._reopen(path, (st.st_dev, st.st_ino))
                row = self._conn.execute(self.SQL).fetchone()
            except (OSError, sqlite3.Error):
                self.close()
                return self.store.data_version()  # the store's own error, or a fresh read
        return int(row[0]) if row else 0

    def _reopen(self, path, file_id) -> None:
        self.close()
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._file = file_id

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None


class Entry:
    __slots__ = ("body", "etag", "media", "filename", "gzipped")

    def __init__(self, body: bytes, media: str, filename: str | None):
        self.body = body
        self.etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        self.media = media
        self.filename = filename
        self.gzipped: bytes | None = None


def canonical_key(path: str, query: str, names: frozenset[str]) -> str:
    """PATH plus the declared parameters of QUERY, in a fixed order."""
    if not query:
        return path + "?"
    kept = sorted((kv for kv in parse_qsl(query, keep_blank_values=True) if kv[0] in names),
                  key=lambda kv: kv[0])
    return path + "?" + urlencode(kept)


class Cache:
    """Entries of one data version, at most MAX_BYTES of them (bodies, gzipped copies, keys)."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.items: OrderedDict[str, Entry] = OrderedDict()
        self.bytes = 0
        self.version: int | None = None
        self.names: dict[str, frozenset[str]] = {}  # path -> query parameters its route reads
        self._lock = threading.Lock()  # routes run in a thread pool

    def sync(self, version: int) -> None:
        """Drop everything if the data changed since the entries were built."""
        if version != self.version:
            with self._lock:
                self.items.clear()
                self.names.clear()
                self.bytes = 0
                self.version = version

    def key_for(self, path: str, query: str) -> str | None:
        names = self.names.get(path)
        return None if names is None else canonical_key(path, query, names)

    def get(self, key: str) -> Entry | None:
        entry = self.items.get(key)
        if entry is not None:
            try:
                self.items.move_to_end(key)
            except KeyError:  # evicted meanwhile by another thread
                pass
        return entry

    def put(self, path: str, names: frozenset[str], key: str, entry: Entry,
            version: int) -> None:
        size = _size(key, entry)
        if size > self.max_bytes // 8:  # one huge response must not empty the cache
            return
        with self._lock:
            if version != self.version:  # built from data that have changed since
                return
            if len(self.names) > 50_000:  # paths are unbounded too (/country/<anything>)
                self.names.clear()
            self.names[path] = names
            old = self.items.pop(key, None)
            if old is not None:
                self.bytes -= _size(key, old)
            self.items[key] = entry
            self.bytes += size
            self._evict()

    def add_gzipped(self, key: str, entry: Entry, gz: bytes) -> None:
        with self._lock:
            if entry.gzipped is None and self.items.get(key) is entry:
                entry.gzipped = gz
                self.bytes += len(gz)
                self._evict()

    def _evict(self) -> None:
        while self.bytes > self.max_bytes and self.items:
            key, old = self.items.popitem(last=False)
            self.bytes -= _size(key, old)

    def clear(self) -> None:
        with self._lock:
            self.items.clear()
            self.names.clear()
            self.bytes = 0


def _size(key: str, entry: Entry) -> int:
    return (len(key) + len(entry.body) + len(entry.gzipped or b"") + ENTRY_OVERHEAD)


class CachedResponses:
    """Reads the data version for every GET (left in the scope for the route), and serves a
    cached response straight from ASGI, before routing (the bytes, ETag and headers the route
    produced)."""

    def __init__(self, app, cache: Cache, version: DataVersion):
        self.app = app
        self.cache = cache
        self.version = version

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            version = self.version()
            self.cache.sync(version)
            scope[VERSION_KEY] = version
            key = self.cache.key_for(scope["path"], scope["query_string"].decode("latin-1"))
            entry = self.cache.get(key) if key is not None else None
            if entry is not None:
                return await self._serve(key, entry, scope, send)
        await self.app(scope, receive, send)

    async def _serve(self, key: str, entry: Entry, scope, send):
        headers = dict(scope["headers"])
        out = [(b"etag", entry.etag.encode()), (b"cache-control", b"public, max-age=300"),
               (b"content-type", entry.media.encode()), (b"vary", b"Accept-Encoding")]
        if headers.get(b"if-none-match") == entry.etag.encode():
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        body = entry.body
        if b"gzip" in headers.get(b"accept-encoding", b"") and len(body) > 2048:
            if entry.gzipped is None:
                import gzip

                self.cache.add_gzipped(key, entry, gzip.compress(body, 6))
            body = entry.gzipped or body
            if entry.gzipped:
                out.append((b"content-encoding", b"gzip"))
        if entry.filename:
            out.append((b"content-disposition",
                        f'attachment; filename="{entry.filename}"'.encode()))
        out.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else body})
