"""ASGI entry point for servers: `uvicorn tiptrace.web.asgi:app` (store from TIPTRACE_DB)."""

from .app import create_app

app = create_app()
