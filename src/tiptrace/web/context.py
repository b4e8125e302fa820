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
from .cache import Cache

HTML = "text/html; charset=utf-8"


class Web:
    def __init__(self, store: Store, templates: Jinja2Templates):
        self.store = store
        self.templates = templates
        self.cache = Cache()
        self._record_index = None

    def cached(self, request: Request, build, media: str = "application/json",
               filename: str | None = None) -> Response:
        """The cached response for this URL, built by `build()` on a miss."""
        key = request.url.path + "?" + str(request.url.query)
        body, etag, media, _ = self.cache.get_or_build(key, media, build, filename)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(content=body, media_type=media, headers=headers)

    def render(self, request: Request, name: str, context: dict[str, Any]) -> bytes:
        return self.templates.TemplateResponse(request, name, context).body

    def page(self, request: Request, name: str, context: dict[str, Any], status: int = 200):
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def record_index(self):
        """The claim checker's index of the record, built on first use."""
        if self._record_index is None:
            from ..claims.verify import RecordIndex

            self._record_index = RecordIndex.from_store(self.store)
        return self._record_index

    def changed(self) -> None:
        """After a write through this app: drop what was derived from the old data."""
        self.cache.clear()
        self._record_index = None


def web(request: Request) -> Web:
    return request.app.state.web
