"""How countries move between tiers: transition matrices, upgrades and downgrades, durations."""

from __future__ import annotations

import statistics
from typing import Any

from ..record.schema import is_partial, tier_options
from .tiers import ORDERED, by_country, steps

TIERS_WITH_SPECIAL = (*ORDERED, "special")


def transition_matrix(rows: list[dict[str, Any]], start: int | None = None,
                      end: int | None = None) -> dict[str, Any]:
    """Counts and row rates of (tier in year Y-1 -> tier in Y) for Y in (start, end].

    Only pairs where the country has a row in both consecutive years count; a gap or an unrated
    year breaks the pair. A pair with a narrowed value ("Tier 1 or 2") is not counted in the
    matrix but in `uncertain_pairs`, so the rates rest on fixed tiers only.
    """
    series = by_country(rows)
    years = sorted({y for s in series.values() for y in s})
    start = start if start is not None else years[0]
    end = end if end is not None else years[-1]
    if start >= end:
        raise ValueError(f"need a range of at least two report years, got {start}-{end}")
    labels = list(TIERS_WITH_SPECIAL)
    counts = {a: {b: 0 for b in labels} for a in labels}
    uncertain = 0
    for s in series.values():
        for y in range(start + 1, end + 1):
            if y in s and y - 1 in s:
                if is_partial(s[y - 1]) or is_partial(s[y]):
                    uncertain += 1
                    continue
                counts[s[y - 1]][s[y]] += 1
    rates = {}
    for a in labels:
        total = sum(counts[a].values())
        rates[a] = {b: (counts[a][b] / total if total else None) for b in labels}
    n = sum(sum(r.values()) for r in counts.values())
    return {"from_year": start, "to_year": end, "tiers": labels, "counts": counts,
            "rates": rates, "pairs": n, "uncertain_pairs": uncertain}


def changes(rows: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Every country whose tier in `year` differs from the previous report, with the direction.

    Where either year is narrowed ("Tier 1 or 2"), a change is listed as "uncertain" if the two
    values may be the same tier, else with the direction every option agrees on."""
    out = []
    for iso3, s in by_country(rows).items():
        if year in s and year - 1 in s and (is_partial(s[year]) or is_partial(s[year - 1])):
            before, after = tier_options(s[year - 1]), tier_options(s[year])
            if set(before) & set(after):
                direction = "uncertain"
            else:
                ds = {d for a in before for b in after if (d := steps(a, b)) is not None}
                direction = ("changed" if not ds or (min(ds) < 0 < max(ds)) else
                             "downgrade" if min(ds) > 0 else "upgrade")
            out.append({"country": iso3, "from": s[year - 1], "to": s[year],
                        "direction": direction, "steps": None})
            continue
        if year in s and year - 1 in s and s[year] != s[year - 1]:
            d = steps(s[year - 1], s[year])
            direction = ("changed" if d is None else "downgrade" if d > 0 else "upgrade")
            out.append({"country": iso3, "from": s[year - 1], "to": s[year],
                        "direction": direction, "steps": None if d is None else abs(d)})
    return sorted(out, key=lambda r: (r["direction"], r["country"]))


def spells(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Maximal runs of consecutive report years in one tier, per country (a narrowed value makes
    a spell of its own, which `durations` leaves out of every tier)."""
    out = []
    for iso3, s in by_country(rows).items():
        years = sorted(s)
        start = prev = years[0]
        for y in years[1:]:
            if y == prev + 1 and s[y] == s[start]:
                prev = y
                continue
            out.append({"country": iso3, "tier": s[start], "start": start, "end": prev,
                         "length": prev - start + 1})
            start = prev = y
        out.append({"country": iso3, "tier": s[start], "start": start, "end": prev,
                    "length": prev - start + 1})
    return out


def durations(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """How long countries stay in each tier, and the longest runs still going in the last year."""
    all_spells = spells(rows)
    last = max(int(r["report_year"]) for r in rows)
    per_tier = {}
    for t in TIERS_WITH_SPECIAL:
        lengths = [s["length"] for s in all_spells if s["tier"] == t]
        current = sorted((s for s in all_spells if s["tier"] == t and s["end"] == last),
                         key=lambda s: (-s["length"], s["country"]))
        per_tier[t] = {
            "spells": len(lengths),
            "mean_length": round(statistics.mean(lengths), 2) if lengths else None,
            "median_length": statistics.median(lengths) if lengths else None,
            "longest_current": current[:10],
        }
    return {"last_year": last, "tiers": per_tier,
            "note": "A spell is a run of consecutive report years in one tier; a gap in the "
                    "record or a year known only as one of two tiers ends it, so spells touching "
                    "one may be longer in fact."}
