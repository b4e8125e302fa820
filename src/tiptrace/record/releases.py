"""When each TIP report and GSI edition came out (record/data/releases.csv, each with its source).

A claim checker needs this to know which report was current on an article's date: an article
dated on a release day speaks of the new report.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from . import packaged

# For a TIP report whose release day the record does not hold yet: they appear in June or July.
TIP_USUAL_MONTH_DAY = (6, 30)


class Release(NamedTuple):
    publication: str  # "tip" | "gsi"
    year: int
    date: dt.date
    source: str  # empty when the date is the usual end of June, not a sourced day


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, int], Release]:
    return {(r["publication"], int(r["year"])): Release(r["publication"], int(r["year"]),
                                                         dt.date.fromisoformat(r["released"]),
                                                         r["source"])
            for r in packaged.read_rows("releases")}


def tip_release(year: int) -> Release:
    known = _table().get(("tip", year))
    return known or Release("tip", year, dt.date(year, *TIP_USUAL_MONTH_DAY), "")


def gsi_releases() -> dict[int, Release]:
    return {y: r for (p, y), r in _table().items() if p == "gsi"}
