"""`tiptrace serve`: the JSON API (/api/v1, documented at /docs) and the pages.

Read-only for anonymous users; writes need a named token (`tiptrace token create NAME`).
Responses for static data are cached in memory with an ETag; an import clears the cache.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..errors import NoDataError, TiptraceError, UnknownCountryError, ValidationError
from ..record.store import Store
from .security import MAX_BODY, SecurityHeaders, bearer

HERE = Path(__file__).parent
TABLES = ("tip_tiers", "state_sponsored", "gsi")
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8",
           "parquet": "application/vnd.apache.parquet"}


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


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def _table_bytes(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "json":
        return _json(rows)
    if fmt == "csv":
        import csv

        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
        return buf.getvalue().encode("utf-8")
    import pandas as pd

    out = io.BytesIO()
    pd.DataFrame(rows).to_parquet(out, index=False)
    return out.getvalue()


def create_app(db: str | None = None) -> FastAPI:
    from ..analysis import queries as aq
    from ..record import exporter, packaged
    from ..record import queries as rq
    from ..record.countries import all_countries, name_of, resolve
    from ..record.schema import TIER_LABELS
    from ..rules import queries as ruleq

    store = Store.open(db)
    cache = Cache()
    error = {"content": {"application/json": {"schema": {
        "type": "object", "required": ["error"], "properties": {
            "error": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "string"}},
            "problems": {"type": "array", "items": {"type": "string"}}}}}}}
    app = FastAPI(title="tiptrace API", version="1",
                  responses={304: {"description": "Not modified (ETag matched)"},
                             400: {"description": "Bad request", **error},
                             401: {"description": "A valid API token is required", **error},
                             404: {"description": "No such country, year or edition", **error},
                             413: {"description": "Request body too large", **error},
                             422: {"description": "Invalid input", **error}},
                  description="TIP Report tiers, the state-sponsored list and Global Slavery "
                              "Index estimates, each value with its source.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json")
    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(CachedResponses, cache=cache)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(tier_labels=TIER_LABELS, name_of=name_of)
    app.state.store = store
    app.state.cache = cache

    # -- errors: clear JSON or page, never a stack trace ------------------------------------
    def _status(exc: TiptraceError) -> int:
        if isinstance(exc, (NoDataError, UnknownCountryError)):
            return 404
        return 422

    @app.exception_handler(TiptraceError)
    async def tiptrace_error(request: Request, exc: TiptraceError):
        body: dict[str, Any] = {"error": str(exc)}
        if isinstance(exc, UnknownCountryError):
            body["suggestions"] = exc.suggestions
        if isinstance(exc, ValidationError):
            body["problems"] = exc.problems
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=_status(exc))
        return templates.TemplateResponse(request, "error.html", {"message": str(exc)},
                                          status_code=_status(exc))

    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
                    for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return JSONResponse({"error": "internal error"}, status_code=500)

    def cached(request: Request, build, media: str = "application/json",
               filename: str | None = None) -> Response:
        key = request.url.path + "?" + str(request.url.query)
        body, etag, media, _ = cache.get_or_build(key, media, build, filename)
        headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(content=body, media_type=media, headers=headers)

    def fmt_check(fmt: str) -> str:
        if fmt not in FORMATS:
            raise NoDataError(f"format must be one of {', '.join(FORMATS)}")
        return fmt

    # -- API ------------------------------------------------------------------------------
    @app.get("/api/v1/countries", tags=["record"])
    def api_countries(request: Request, q: str | None = Query(None, max_length=100)):
        from ..record.countries import search

        return cached(request, lambda: _json([
            {"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "kind": c.kind, "note": c.note}
            for c in search(q)]))

    @app.get("/api/v1/countries/{country}", tags=["record"])
    def api_country(request: Request, country: str):
        iso3 = resolve(country[:100])
        return cached(request, lambda: _json(country_data(iso3)))

    def country_data(iso3: str) -> dict[str, Any]:
        h = rq.history(store, iso3)
        rated = [r for r in h["years"] if r["tier"]]
        current = rated[-1] if rated else None
        streak = rq.streak(store, iso3, current["report_year"]).contract() if current else None
        decision = None
        if current:
            decision = ruleq.explain(store, iso3, current["report_year"])["decision"]
        return {**h, "current": current, "streak": streak,
                "consequences": decision["consequences"] if decision else [],
                "gsi": store.gsi(iso3=iso3),
                "audit": ruleq.audit(store, iso3)["findings"]}

    @app.get("/api/v1/countries/{country}/history", tags=["record"])
    def api_history(request: Request, country: str):
        iso3 = resolve(country[:100])
        return cached(request, lambda: _json(rq.history(store, iso3)))

    @app.get("/api/v1/tiers/{year}", tags=["record"])
    def api_tiers(request: Request, year: int, tier: str | None = Query(None, max_length=20),
                  format: str = "json"):
        fmt = fmt_check(format)
        return cached(request, lambda: _table_bytes(rq.tiers_for_year(store, year, tier), fmt),
                      FORMATS[fmt], None if fmt == "json" else f"tiers_{year}.{fmt}")

    @app.get("/api/v1/streak/{country}/{year}", tags=["record"])
    def api_streak(request: Request, country: str, year: int):
        iso3 = resolve(country[:100])
        return cached(request, lambda: _json(rq.streak(store, iso3, year).contract()))

    @app.get("/api/v1/state-sponsored/{year}", tags=["record"])
    def api_state(request: Request, year: int):
        return cached(request, lambda: _json(rq.state_sponsored(store, year)))

    @app.get("/api/v1/gsi/{edition}", tags=["record"])
    def api_gsi(request: Request, edition: int, format: str = "json"):
        fmt = fmt_check(format)

        def build():
            if edition not in store.gsi_editions():
                rq.gsi_rank(store, edition)  # raises the clear error
            return _table_bytes(store.gsi(edition=edition), fmt)

        return cached(request, build, FORMATS[fmt],
                      None if fmt == "json" else f"gsi_{edition}.{fmt}")

    @app.get("/api/v1/gsi/{edition}/rank", tags=["record"])
    def api_gsi_rank(request: Request, edition: int, by: str = "number",
                     top: int | None = Query(None, ge=1, le=500)):
        if by not in ("number", "prevalence"):
            raise NoDataError("by must be 'number' or 'prevalence'")
        return cached(request, lambda: _json(rq.gsi_rank(store, edition, by, top)))

    @app.get("/api/v1/gsi/{edition}/compare", tags=["analysis"])
    def api_gsi_compare(request: Request, edition: int):
        return cached(request, lambda: _json(aq.compare_rankings(store, edition)))

    @app.get("/api/v1/sources", tags=["record"])
    def api_sources(request: Request):
        return cached(request, lambda: _json(packaged.datapackage()))

    @app.get("/api/v1/transitions", tags=["analysis"])
    def api_transitions(request: Request, start: int | None = None, end: int | None = None):
        return cached(request, lambda: _json(aq.transition_matrix(store, start, end)))

    @app.get("/api/v1/consistency/{year}", tags=["analysis"])
    def api_consistency(request: Request, year: int, edition: int | None = None):
        return cached(request, lambda: _json(aq.consistency_check(store, year, edition)))

    @app.get("/api/v1/audit", tags=["rules"])
    def api_audit(request: Request, country: str | None = Query(None, max_length=100),
                  year: int | None = None):
        return cached(request, lambda: _json(ruleq.audit(store, country, year)))

    @app.post("/api/v1/whatif", tags=["rules"])
    async def api_whatif(request: Request):
        body = await _json_body(request)
        country, year, changes = body.get("country"), body.get("year"), body.get("set", {})
        if not isinstance(country, str) or not isinstance(year, int) or \
                not isinstance(changes, dict):
            raise NoDataError('expected {"country": str, "year": int, "set": {key: value}}')
        return JSONResponse(json.loads(_json(ruleq.run_whatif(store, country, year, changes))))

    claim_index = {}

    def record_index():
        from ..claims.verify import RecordIndex

        if "idx" not in claim_index:  # rebuilt after an import clears it
            claim_index["idx"] = RecordIndex.from_store(store)
        return claim_index["idx"]

    @app.post("/api/v1/check", tags=["claims"])
    async def api_check(request: Request, date: str | None = Query(None, max_length=10),
                        format: str = "json"):
        """POST the article text (UTF-8, at most 2 MB); get the claim-check report."""
        from ..claims.check import check_text
        from ..claims.report import RENDERERS, as_json

        if format not in ("json", "html"):
            raise NoDataError("format must be json or html")
        from ..claims.text import parse_date

        when = parse_date(date)
        body = await request.body()
        report = check_text(body, record_index(), when)
        if format == "html":
            return HTMLResponse(RENDERERS["html"](report))
        return Response(as_json(report), media_type="application/json")

    @app.post("/api/v1/import", tags=["record"])
    async def api_import(request: Request, filename: str = Query("upload.csv", max_length=100)):
        who = store.token_name(bearer(request) or "")
        if who is None:
            return JSONResponse({"error": "a valid API token is required (Authorization: "
                                          "Bearer ...); create one with `tiptrace token create`"},
                                status_code=401)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "request body too large"}, status_code=413)
        suffix = Path(filename).suffix.lower()
        if suffix not in (".csv", ".json", ".parquet"):
            raise NoDataError("filename must end in .csv, .json or .parquet")
        from ..record.importer import import_file

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(filename).name
            path.write_bytes(body)
            result = import_file(store, path)
        cache.clear()
        claim_index.clear()
        return {"ok": True, "table": result.table, "rows": result.rows,
                "origin": f"{result.origin} (token {who})"}

    async def _json_body(request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            data = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise NoDataError("the request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise NoDataError("the request body must be a JSON object")
        return data

    # -- downloads and figures ------------------------------------------------------------
    @app.get("/downloads/datapackage.json", tags=["downloads"])
    def download_datapackage(request: Request):
        return cached(request, lambda: packaged.read_bytes("datapackage.json"))

    @app.get("/downloads/{table}.{fmt}", tags=["downloads"])
    def download(request: Request, table: str, fmt: str):
        if table not in TABLES:
            raise NoDataError(f"no table {table!r}; choose from {', '.join(TABLES)}")
        fmt_check(fmt)
        return cached(request, lambda: _table_bytes(exporter.table_rows(store, table), fmt),
                      FORMATS[fmt], f"{table}.{fmt}")

    def png(fig) -> bytes:
        from ..analysis.plots import _plt

        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110)
        _plt().close(fig)
        return buf.getvalue()

    @app.get("/figures/timeline/{country}.png", tags=["figures"])
    def fig_timeline(request: Request, country: str):
        from ..analysis import plots

        iso3 = resolve(country[:100])

        def build():
            h = rq.history(store, iso3)
            last = max((r["report_year"] for r in h["years"] if r["tier"]), default=None)
            return png(plots.tier_timeline(h, rq.streak(store, iso3, last) if last else None))

        return cached(request, build, "image/png")

    @app.get("/figures/heatmap.png", tags=["figures"])
    def fig_heatmap(request: Request):
        from ..analysis import plots

        return cached(request, lambda: png(plots.transition_heatmap(
            aq.transition_matrix(store))), "image/png")

    # -- pages ----------------------------------------------------------------------------
    from . import pages

    pages.register(app, templates, store, cached, record_index)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request):
        return templates.TemplateResponse(request, "docs.html", {})

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return {"ok": True, "countries": len(all_countries())}

    return app
