"""Running the app under uvicorn, as `tiptrace serve` does."""

from __future__ import annotations

import gc

from ..record.store import Store


def run(store: Store, host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    if workers > 1:
        # Worker processes import the app themselves: they open the same store by its
        # location, handed over the way the CLI's --db is (TIPTRACE_DB).
        import os

        os.environ["TIPTRACE_DB"] = store.url
        uvicorn.run("tiptrace.web.asgi:app", host=host, port=port, workers=workers,
                    log_level="warning", access_log=False)
        return
    from .app import create_app

    app = create_app(store)
    gc.collect()
    gc.freeze()  # long-lived start-up objects out of the collector's way
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
