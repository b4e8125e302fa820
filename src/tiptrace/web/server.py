"""Running the app under uvicorn, as `tiptrace serve` does, with limits a slow or greedy
client cannot get round: a deadline for each request's headers, a cap on connections per
client address and in all, keep-alive and body timeouts (see web.limits)."""

from __future__ import annotations

import gc
from collections import Counter

from ..record.store import Store
from .limits import Limits

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # httptools is optional for uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base


class GuardedHTTP(_Base):
    """uvicorn's HTTP protocol, plus: the headers of each request must arrive within
    `header_seconds` (uvicorn has no such timeout: a client sending a byte a second would
    hold the connection for ever), and one address may hold `per_client` connections."""

    header_seconds = Limits.header_seconds
    per_client = Limits.per_client
    _open: Counter = Counter()  # connections per address, in this process (one event loop)

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._header_timer = None
        self._address = self.client[0] if self.client else None
        GuardedHTTP._open[self._address] += 1
        if GuardedHTTP._open[self._address] > self.per_client:
            transport.write(b"HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\n"
                            b"connection: close\r\n\r\n")
            transport.close()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first bytes of a new request
        before = self.cycle
        super().data_received(data)
        if self.cycle is not before:  # its headers are complete
            self._disarm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        n = GuardedHTTP._open[self._address] - 1
        if n > 0:
            GuardedHTTP._open[self._address] = n
        else:
            GuardedHTTP._open.pop(self._address, None)
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(self.header_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def uvicorn_options(limits: Limits) -> dict:
    GuardedHTTP.header_seconds = limits.header_seconds
    GuardedHTTP.per_client = limits.per_client
    return {"http": GuardedHTTP, "limit_concurrency": limits.connections,
            "timeout_keep_alive": limits.keep_alive_seconds,
            "h11_max_incomplete_event_size": limits.header_bytes,
            "log_level": "warning", "access_log": False}


def run(store: Store, host: str, port: int, workers: int = 1,
        limits: Limits | None = None) -> None:
    import uvicorn

    limits = limits or Limits()
    options = uvicorn_options(limits)
    if workers > 1:
        # Worker processes import the app themselves: they open the same store by its
        # location, handed over the way the CLI's --db is (TIPTRACE_DB), and the limits
        # the same way (web.asgi reads them).
        import os

        os.environ["TIPTRACE_DB"] = store.url
        os.environ["TIPTRACE_LIMITS"] = _encode(limits)
        uvicorn.run("tiptrace.web.asgi:app", host=host, port=port, workers=workers, **options)
        return
    from .app import create_app

    app = create_app(store, limits)
    gc.collect()
    gc.freeze()  # long-lived start-up objects out of the collector's way
    uvicorn.run(app, host=host, port=port, **options)


def _encode(limits: Limits) -> str:
    import json
    from dataclasses import asdict

    return json.dumps(asdict(limits))


def decode_limits(text: str | None) -> Limits:
    import json

    from .work import WorkLimits

    if not text:
        return Limits()
    data = json.loads(text)
    return Limits(**{**data, "work": WorkLimits(**data.get("work", {}))})
