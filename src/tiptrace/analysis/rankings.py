"""GSI rankings by absolute number or by prevalence, with shares of the edition's total."""

from __future__ import annotations

from typing import Any

from ..domain import PARTIAL_GSI_EDITIONS

RANK_BY = {"number": "est_number", "prevalence": "prevalence_per_1000"}
PARTIAL_EDITIONS = PARTIAL_GSI_EDITIONS  # only fragments of these tables are known


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


def compare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rank by number and by prevalence side by side; shift = number rank - prevalence rank."""
    by_number = {r["country"]: r for r in rank_rows(rows, "number")}
    by_prev = {r["country"]: r for r in rank_rows(rows, "prevalence")}
    out = []
    for iso3 in sorted(set(by_number) | set(by_prev)):
        n, p = by_number.get(iso3), by_prev.get(iso3)
        name = (n or p)["name"]
        out.append({
            "country": iso3, "name": name,
            "number": n["value"] if n else None, "rank_number": n["rank"] if n else None,
            "prevalence_per_1000": p["value"] if p else None,
            "rank_prevalence": p["rank"] if p else None,
            "shift": (n["rank"] - p["rank"]) if n and p else None,
        })
    return sorted(out, key=lambda r: (r["rank_number"] is None, r["rank_number"] or 0,
                                      r["country"]))


def top_k_shares(rows: list[dict[str, Any]], ks: tuple[int, ...] = (1, 5, 10, 20)) -> dict:
    """Share of the edition's total held by the k largest countries by number."""
    ranked = rank_rows(rows, "number")
    if not ranked or ranked[0]["share"] is None:
        return {}
    return {k: ranked[min(k, len(ranked)) - 1]["cumulative_share"] for k in ks}


TIER_SCORE = {"1": 1.0, "2": 2.0, "2WL": 2.5, "3": 3.0}


def tier_correlation(gsi_rows: list[dict[str, Any]], tier_rows: list[dict[str, Any]]) -> dict:
    """Spearman rank correlation of GSI prevalence and government response with the TIP tier.

    Tiers are scored 1, 2, 2.5 (Watch List), 3; Special Cases and countries missing from either
    source are left out. A positive prevalence correlation means worse tiers go with higher
    prevalence; a negative government-response correlation means worse tiers go with weaker
    responses.
    """
    from scipy.stats import spearmanr

    tiers = {r["iso3"]: TIER_SCORE[r["tier"]] for r in tier_rows if r["tier"] in TIER_SCORE}
    out: dict[str, Any] = {}
    for field in ("prevalence_per_1000", "government_response", "vulnerability"):
        pairs = [(r[field], tiers[r["iso3"]]) for r in gsi_rows
                 if r.get(field) is not None and r["iso3"] in tiers]
        if len(pairs) < 10:
            out[field] = {"n": len(pairs), "rho": None, "p_value": None}
            continue
        res = spearmanr([p[0] for p in pairs], [p[1] for p in pairs])
        out[field] = {"n": len(pairs), "rho": round(float(res.statistic), 4),
                      "p_value": float(res.pvalue)}
    return out
