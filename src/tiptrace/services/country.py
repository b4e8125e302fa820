"""A country as every interface shows it, computed once: its latest placement and the run it
is in, and its profile (history, decision, GSI estimates with their ranks, audit findings)."""

from __future__ import annotations

from typing import Any

from ..analysis.streaks import Streak
from ..record.store import Store
from . import record, rules

_RANKS: dict[tuple, dict[str, int]] = {}


def ranks_by_number(store: Store, edition: int) -> dict[str, int]:
    """ISO3 -> rank by estimated number in one edition; remembered while the data version
    stays (a profile ranks every edition the country appears in)."""
    key = (store.url, store.data_version(), edition)
    if key not in _RANKS:
        if len(_RANKS) > 64:
            _RANKS.clear()
        _RANKS[key] = {x["country"]: x["rank"] for x in record.gsi_rank(store, edition, "number")}
    return _RANKS[key]


def latest(store: Store, iso3: str,
           history: dict[str, Any] | None = None) -> tuple[dict[str, Any] | None, Streak | None]:
    """The latest report year with a tier (a fixed or a narrowed one) and its streak."""
    h = history or record.history(store, iso3)
    rated = [r for r in h["years"] if r["tier"]]
    if not rated:
        return None, None
    current = rated[-1]
    return current, record.streak(store, iso3, current["report_year"])


def profile(store: Store, iso3: str) -> dict[str, Any]:
    """History, latest placement, its streak and decision, GSI rows, audit findings."""
    h = record.history(store, iso3)
    current, streak = latest(store, iso3, h)
    # The rules need a fixed tier: a year known only as "Tier 1 or 2" has no decision to show.
    decision = (rules.explain(store, iso3, current["report_year"])["decision"]
                if current and current["status"] == "rated" else None)
    gsi = [{**r, "rank_number": ranks_by_number(store, r["edition"]).get(iso3)}
           for r in store.gsi(iso3=iso3)]
    return {"history": h, "current": current, "streak": streak, "decision": decision,
            "gsi": gsi, "audit": rules.audit(store, iso3)["findings"]}
