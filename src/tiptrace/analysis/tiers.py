"""Tier arithmetic shared by the analyses: order, steps between tiers, per-country series."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

# Ordered from best to worst; Special Case has no place on the scale and is left out.
from ..domain import TIER_ORDER as ORDERED

STEP = {t: i for i, t in enumerate(ORDERED)}


def steps(a: str, b: str) -> int | None:
    """Signed number of steps from tier a to tier b (positive = worse), None if either unrated."""
    if a not in STEP or b not in STEP:
        return None
    return STEP[b] - STEP[a]


def by_country(rows: list[dict[str, Any]]) -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = defaultdict(dict)
    for r in rows:
        out[r["iso3"]][int(r["report_year"])] = r["tier"]
    return out
