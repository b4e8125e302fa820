"""The web app's routes, one APIRouter per area.

To add an area: write `web/routes/<area>.py` exposing `router = APIRouter()`, and add its name
to AREAS below. Routes get the store, cache and templates with `web(request)` (web.context).
"""

from __future__ import annotations

from importlib import import_module

from fastapi import FastAPI

# Order is the order routes are matched in.
AREAS = ("record", "analysis", "rules", "claims", "imports", "evidence", "downloads", "figures",
         "pages", "explore", "maps", "meta")


def include_all(app: FastAPI) -> None:
    for area in AREAS:
        module = import_module(f"{__name__}.{area}")
        app.include_router(module.router)
        if hasattr(module, "embeds"):  # an area's /embed/ pages (outside its prefix)
            app.include_router(module.embeds)
