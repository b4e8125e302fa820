"""ASGI entry point for servers: `uvicorn tiptrace.web.asgi:app` (store from TIPTRACE_DB)."""

import gc

from .app import create_app

app = create_app()
# Move everything built at start-up out of the collector's way: fewer, shorter GC pauses
# under load (long-lived objects are never freed anyway).
gc.collect()
gc.freeze()
