"""ASGI entry point for servers: `uvicorn tiptrace.web.asgi:app`.

The store is the default one (`TIPTRACE_DB`, else the user's data directory): this is the
process's edge, where configuration is read; the app itself is given its store.
"""

import gc
import os

from ..record.store import Store
from .app import create_app
from .server import decode_limits, uvicorn_options

limits = decode_limits(os.environ.get("TIPTRACE_LIMITS"))  # set by `tiptrace serve --workers`
uvicorn_options(limits)  # the connection guard's limits, in this process too
app = create_app(Store.open(), limits)
# Move everything built at start-up out of the collector's way: fewer, shorter GC pauses
# under load (long-lived objects are never freed anyway).
gc.collect()
gc.freeze()
