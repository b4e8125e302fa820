"""The response cache: rendered bodies with strong ETags, served before routing on a hit."""

from __future__ import annotations

import hashlib


class Cache:
    """Rendered responses keyed by URL, with strong ETags."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[bytes, str, str, str | None]] = {}
        self.gzipped: dict[str, bytes] = {}

    def get_or_build(self, key: str, media: str, build,
                     filename: str | None = None) -> tuple[bytes, str, str, str | None]:
        hit = self.items.get(key)
        if hit is None:
            body = build()
            if isinstance(body, str):
                body = body.encode("utf-8")
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            hit = (body, etag, media, filename)
            if len(self.items) < 5000:  # bounded: the data are finite, URLs are not
                self.items[key] = hit
        return hit

    def clear(self) -> None:
        self.items.clear()
        self.gzipped.clear()


class CachedResponses:
    """Serve GET requests whose response is already in the cache straight from ASGI, before
    routing (the same bytes, ETag and headers the route produced)."""

    def __init__(self, app, cache: Cache):
        self.app = app
        self.cache = cache

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            key = scope["path"] + "?" + scope["query_string"].decode("latin-1")
            hit = self.cache.items.get(key)
            if hit is not None:
                return await self._serve(key, hit, scope, send)
        await self.app(scope, receive, send)

    async def _serve(self, key, hit, scope, send):
        body, etag, media, filename = hit
        headers = dict(scope["headers"])
        out = [(b"etag", etag.encode()), (b"cache-control", b"public, max-age=300"),
               (b"content-type", media.encode()), (b"vary", b"Accept-Encoding")]
        if headers.get(b"if-none-match") == etag.encode():
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        if b"gzip" in headers.get(b"accept-encoding", b"") and len(body) > 2048:
            gz = self.cache.gzipped.get(key)
            if gz is None:
                import gzip

                gz = self.cache.gzipped[key] = gzip.compress(body, 6)
            body = gz
            out.append((b"content-encoding", b"gzip"))
        if filename:
            out.append((b"content-disposition", f'attachment; filename="{filename}"'.encode()))
        out.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else body})
