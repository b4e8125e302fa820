"""GSI rankings by absolute number or by prevalence, with shares of the edition's total."""

from __future__ import annotations

from typing import Any

RANK_BY = {"number": "est_number", "prevalence": "prevalence_per_1000"}
PARTIAL_EDITIONS = {2013, 2014}  # only fragments of these tables are known (see `sources`)


def rank_rows(rows: list[dict[str, Any]], by: str, top: int | None = None) -> list[dict[str, Any]]:
    """Rank one edition's rows, highest first; ties share the best rank (competition ranking).

    `share` is the country's estimated number as a fraction of the edition's total (the sum over
    every country with an estimate), whichever measure ranks; `cumulative_share` adds these up
    down the ranking. Both are None for partial editions, whose total is unknown.
    """
    if by not in RANK_BY:
        raise ValueError(f"--by must be one of {', '.join(RANK_BY)}, not {by!r}")
    field = RANK_BY[by]
    ranked = sorted((r for r in rows if r.get(field) is not None),
                    key=lambda r: (-r[field], r["iso3"]))
    partial = bool(rows) and rows[0]["edition"] in PARTIAL_EDITIONS
    total = sum(r["est_number"] for r in rows if r.get("est_number") is not None)
    out: list[dict[str, Any]] = []
    cumulative = 0.0
    rank = 0
    prev_value = None
    for i, r in enumerate(ranked, start=1):
        if r[field] != prev_value:
            rank, prev_value = i, r[field]
        number = r.get("est_number")
        share = None if partial or not total or number is None else number / total
        if share is not None:
            cumulative += share
        out.append({
            "rank": rank, "country": r["iso3"], "name": r.get("country"), "value": r[field],
            "share": share, "cumulative_share": None if share is None else cumulative,
        })
    return out[:top] if top else out


def edition_total(rows: list[dict[str, Any]]) -> int:
    return sum(r["est_number"] for r in rows if r.get("est_number") is not None)
