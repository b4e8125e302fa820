"""Jobs that run in a worker process (web.work): each returns bytes or a picklable value.

The worker opens the store itself and rebuilds the claim index when the data version moves.
"""

from __future__ import annotations

import io
from typing import Any

from ..record.store import Store

_store: Store | None = None
_index: tuple[int, Any] | None = None


def open_store(url: str) -> None:
    global _store
    _store = Store.open(url)


def _record_index():
    global _index
    version = _store.data_version()
    if _index is None or _index[0] != version:
        from ..claims.verify import RecordIndex

        _index = (version, RecordIndex.from_store(_store))
    return _index[1]


def check(text: bytes | str, date: str | None, fmt: str):
    """The claim-check report: rendered ('json', 'html') or as the dict ('report')."""
    from ..claims.check import check_text
    from ..claims.report import RENDERERS
    from ..claims.text import parse_date

    report = check_text(text, _record_index(), parse_date(date))
    if fmt == "report":
        return report
    return RENDERERS[fmt](report).encode("utf-8")


def _png(fig) -> bytes:
    from ..analysis.plots import _plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    _plt().close(fig)
    return buf.getvalue()


def timeline_png(iso3: str) -> bytes:
    from ..analysis import plots
    from ..services import country
    from ..services import record as rq

    h = rq.history(_store, iso3)
    return _png(plots.tier_timeline(h, country.latest(_store, iso3, h)[1]))


def heatmap_png() -> bytes:
    from ..analysis import plots
    from ..services import analysis as aq

    return _png(plots.transition_heatmap(aq.transition_matrix(_store)))
