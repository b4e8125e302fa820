"""What every route needs, held once per app: the store, the cache, the templates.

Routes get it with `web(request)` (a plain attribute read; no dependency-injection cost on
the hot path).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from ..record.store import Store
from .cache import VERSION_KEY, Cache, DataVersion, Entry, canonical_key
from .work import WorkPool

HTML = "text/html; charset=utf-8"


class Web:
    def __init__(self, store: Store, templates: Jinja2Templates, work: WorkPool,
                 cache_bytes: int | None = None):
        self.store = store
        self.work = work  # CPU-heavy jobs, in worker processes
        self.templates = templates
        self.cache = Cache() if cache_bytes is None else Cache(cache_bytes)
        self.version = DataVersion(store)
        self._record_index: tuple[int, Any] | None = None

    def cached(self, request: Request, build, media: str = "application/json",
               filename: str | None = None) -> Response:
        """The cached response for this URL, built by `build()` on a miss.

        Keyed by the path and the query parameters the route declares (others do not change
        the response, so they must not multiply the entries)."""
        version = request.scope.get(VERSION_KEY)
        if version is None:  # not a GET through the cache middleware
            version = self.version()
            self.cache.sync(version)
        route = request.scope.get("route")
        names = frozenset(p.alias for p in route.dependant.query_params) if route else frozenset()
        path = request.scope["path"]
        key = canonical_key(path, request.scope["query_string"].decode("latin-1"), names)
        entry = self.cache.get(key)
        if entry is None:
            body = build()
            entry = Entry(body.encode("utf-8") if isinstance(body, str) else body, media,
                          filename)
            self.cache.put(path, names, key, entry, version)
        headers = {"ETag": entry.etag, "Cache-Control": "public, max-age=300"}
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        if request.headers.get("if-none-match") == entry.etag:
            return Response(status_code=304, headers=headers)
        return Response(content=entry.body, media_type=media, headers=headers)

    def render(self, request: Request, name: str, context: dict[str, Any]) -> bytes:
        return self.templates.TemplateResponse(request, name, context).body

    def page(self, request: Request, name: str, context: dict[str, Any], status: int = 200):
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def record_index(self):
        """The claim checker's index of the record, rebuilt when the data version moves."""
        version = self.version()
        if self._record_index is None or self._record_index[0] != version:
            from ..claims.verify import RecordIndex

            self._record_index = (version, RecordIndex.from_store(self.store))
        return self._record_index[1]

    def changed(self) -> None:
        """After a write through this app (the data version moved too; this frees memory
        at once)."""
        self.cache.clear()
        self._record_index = None


def web(request: Request) -> Web:
    return request.app.state.web
