"""Every limit the server enforces, in one place (`tiptrace serve` options set them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .work import WorkLimits

MAX_BODY = 2 * 1024 * 1024  # 2 MB: imports and article texts above this are refused


@dataclass(frozen=True)
class Limits:
    body_bytes: int = MAX_BODY
    body_seconds: float = 10.0  # the whole request body must arrive within this
    header_seconds: float = 10.0  # a request's headers must arrive within this
    keep_alive_seconds: int = 5  # an idle connection is closed after this
    connections: int = 1000  # open at once, all clients; above it uvicorn answers 503
    per_client: int = 128  # open at once from one address; more are refused (429)
    header_bytes: int = 16 * 1024  # h11's limit on a request's head
    cache_bytes: int = 32 * 2**20  # rendered responses kept (0: none, e.g. to measure)
    work: WorkLimits = field(default_factory=WorkLimits)
