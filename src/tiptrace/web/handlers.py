"""Errors become responses in one place: JSON for API clients, a page for browsers.

Every error carries its status (see tiptrace.errors); FastAPI's own errors (validation, 404,
405) are answered the same way. A 405 lists the methods the path allows in `Allow`.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from ..errors import TiptraceError, UnknownCountryError, ValidationError

# Paths whose clients are programs: JSON errors unless the client asks for HTML.
API_PREFIXES = ("/api/", "/downloads/", "/figures/")

TITLES = {400: "Bad request", 401: "Not allowed", 404: "Not found", 405: "Method not allowed",
          408: "Too slow", 413: "Too large", 422: "Cannot be done", 500: "Something broke",
          503: "Busy", 504: "Took too long"}
# What a reader can do about each kind of error (shown on the page, under the message).
ADVICE = {
    400: "One of the values in the address is not one the site accepts; the message says which "
         "are.",
    401: "Writing to the record needs an API token: `tiptrace token create NAME`.",
    404: "Check the spelling, or search for a country with the box at the top of the page.",
    405: "This address does not take that kind of request.",
    408: "The request arrived too slowly; try again.",
    413: "Send at most 2 MB: split the article or file into parts and check each one.",
    422: "Correct what is listed and send it again.",
    503: "The server is busy; try again in a moment.",
    504: "The work took longer than the limit; try a shorter text.",
}


def wants_html(path: str, accept: str) -> bool:
    if path.startswith(API_PREFIXES):
        return "text/html" in accept
    return "text/html" in accept or "application/json" not in accept


def _iso3(suggestion: str) -> str | None:
    m = re.search(r"\(([A-Z]{3})\)$", suggestion)
    return m.group(1) if m else None


def error_response(request: Request, status: int, message: str, *,
                   suggestions: list[str] | None = None, problems: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"error": message}
    if suggestions is not None:
        body["suggestions"] = suggestions
    if problems is not None:
        body["problems"] = problems
    if not wants_html(request.url.path, request.headers.get("accept", "")):
        return JSONResponse(body, status_code=status, headers=headers)
    templates = request.app.state.web.templates
    links = [(s, _iso3(s)) for s in suggestions or []]
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "title": TITLES.get(status, "Error"), "message": message,
        "advice": ADVICE.get(status, ""), "suggestions": links, "problems": problems or []},
        status_code=status, headers=headers)


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """The methods some route answers at this path (routers nest, so ask each one)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Mount):  # static files: read-only
            if route.matches(request.scope)[0] != Match.NONE:
                methods |= {"GET", "HEAD"}
            continue
        for method in METHODS:
            if route.matches({**request.scope, "method": method})[0] == Match.FULL:
                methods.add(method)
    return ", ".join(sorted(methods))


def install(app: FastAPI) -> None:
    @app.exception_handler(TiptraceError)
    async def tiptrace_error(request: Request, exc: TiptraceError):
        return error_response(
            request, exc.status, str(exc),
            suggestions=exc.suggestions if isinstance(exc, UnknownCountryError) else None,
            problems=exc.problems if isinstance(exc, ValidationError) else None)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"[:300]
                    for e in exc.errors()[:20]]
        return error_response(request, 422, "invalid request", problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message, headers=headers or None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return JSONResponse({"error": "internal error"}, status_code=500)
