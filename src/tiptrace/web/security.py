"""Security for the web app: headers, request size limits, tokens for write endpoints.

Written as plain ASGI middleware (not Starlette's BaseHTTPMiddleware), which costs little per
request.
"""

from __future__ import annotations

import asyncio

from .limits import MAX_BODY  # noqa: F401 - kept importable from here

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# /embed/ pages are made to be framed by other sites: only they relax frame-ancestors (and drop
# X-Frame-Options); everything else stays unframeable.
EMBED_HEADERS = [(b"content-security-policy",
                  CSP.replace("frame-ancestors 'none'", "frame-ancestors *").encode()),
                 *[h for h in HEADERS if h[0] not in (b"content-security-policy",
                                                      b"x-frame-options")]]
# Read-only API answers may be fetched from any site; writes get no CORS header (token only).
CORS = (b"access-control-allow-origin", b"*")


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        path = scope.get("path", "")
        extra = EMBED_HEADERS if path.startswith("/embed/") else HEADERS
        if path.startswith("/api/") and scope.get("method") in ("GET", "HEAD"):
            extra = [*extra, CORS]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in extra if h[0] not in existing]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Reads a request body (declared or chunked) before the app sees it: one over `limit`
    bytes gets 413, one that has not fully arrived after `seconds` gets 408 (a slow client
    cannot hold a worker), so no route fails half-way through reading it. Requests without a
    body pass straight through."""

    def __init__(self, app, limit: int = MAX_BODY, seconds: float = 10.0):
        self.app = app
        self.limit = limit
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        has_body = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    return await _reject(scope, receive, send, 400, "invalid Content-Length")
                if size > self.limit:
                    return await _reject(scope, receive, send, 413, self._too_big())
                has_body = has_body or size > 0
            elif name == b"transfer-encoding":
                has_body = True
        if not has_body:
            return await self.app(scope, receive, send)
        chunks, received = [], 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                return await _reject(scope, receive, send, 408, "the request body did not "
                                     f"arrive within {self.seconds:g} s")
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.limit:
                return await _reject(scope, receive, send, 413, self._too_big())
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_big(self) -> str:
        return f"the request body is over the limit of {self.limit // 2**20} MB"


async def _reject(scope, receive, send, status: int, message: str) -> None:
    from starlette.requests import Request

    from .handlers import error_response

    # The unread rest of the body cannot be skipped safely: close the connection after.
    response = error_response(Request(scope), status, message, headers={"connection": "close"})
    await response(scope, receive, send)


def bearer(request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return None
