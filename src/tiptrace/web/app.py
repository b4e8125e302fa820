"""`tiptrace serve`: the JSON API (/api/v1, documented at /docs) and the pages.

Read-only for anonymous users; writes need a named token (`tiptrace token create NAME`).
GET responses are cached in memory with an ETag, keyed by the store's data version (web.cache).
The routes live in web/routes/ (one APIRouter per area); this module only assembles the app.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..record.store import Store
from . import handlers, routes
from .cache import CachedResponses
from .context import Web
from .limits import Limits
from .security import BodyLimit, SecurityHeaders
from .work import WorkPool

HERE = Path(__file__).parent
ERROR_SCHEMA = {"content": {"application/json": {"schema": {
    "type": "object", "required": ["error"], "properties": {
        "error": {"type": "string"},
        "suggestions": {"type": "array", "items": {"type": "string"}},
        "problems": {"type": "array", "items": {"type": "string"}}}}}}}
RESPONSES = {304: {"description": "Not modified (ETag matched)"},
             400: {"description": "A parameter outside its allowed values", **ERROR_SCHEMA},
             401: {"description": "A valid API token is required", **ERROR_SCHEMA},
             404: {"description": "No such country, year or edition", **ERROR_SCHEMA},
             408: {"description": "The request body arrived too slowly", **ERROR_SCHEMA},
             413: {"description": "Request body (or its result) too large", **ERROR_SCHEMA},
             422: {"description": "Invalid input", **ERROR_SCHEMA},
             503: {"description": "Busy: every worker is taken", **ERROR_SCHEMA},
             504: {"description": "The work took longer than its limit", **ERROR_SCHEMA}}


def _templates() -> Jinja2Templates:
    from ..record.countries import name_of
    from ..record.schema import TIER_LABELS

    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(tier_labels=TIER_LABELS, name_of=name_of)
    return templates


def _mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def create_app(store: Store | str, limits: Limits | None = None) -> FastAPI:
    """The web app over STORE (a Store, or a location that Store.open accepts)."""
    if not isinstance(store, Store):
        store = Store.open(store)
    limits = limits or Limits()
    work = WorkPool(store.url, limits.work)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        work.close()

    app = FastAPI(title="tiptrace API", version="1", responses=RESPONSES, lifespan=lifespan,
                  description="TIP Report tiers, the state-sponsored list and Global Slavery "
                              "Index estimates, each value with its source.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json")
    web = app.state.web = Web(store, _templates(), work, limits.cache_bytes)
    app.state.store = store
    from starlette.middleware.gzip import GZipMiddleware

    # Outermost last: headers on everything, then the size limit, then cached hits.
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(CachedResponses, cache=web.cache, version=web.version)
    app.add_middleware(BodyLimit, limit=limits.body_bytes, seconds=limits.body_seconds)
    app.add_middleware(SecurityHeaders)
    _mount_static(app)
    handlers.install(app)
    routes.include_all(app)
    return app
