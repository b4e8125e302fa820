"""A recommended tier from the evidence on a country-year, with everything that qualifies it.

- recommendation: the tier the rulebook gives with each item at its grades' point values;
- interval: Monte Carlo over each grade's range (and over analysts' grades where several graded
  an item), fixed seed; the tiers of the central `coverage` share of draws on the ordinal
  scale 1 < 2 < 2WL < 3, with every tier's share; confidence is the share giving the
  recommended tier;
- by_source_family: the same on each family's items alone (Political Terror Scale style), and
  without anonymous or uncorroborated items; disagreements are listed;
- state_direct_only: on items about the state's own or complicit conduct alone;
- sensitivity: the smallest sets of items whose removal or regrading changes the tier;
- analysts: with two or more analysts, each one's tier and Krippendorff's alpha of their grades;
- official: the record's tier, and which single finding would give it where they differ.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from . import weighting
from .aggregate import TIER_ORDER, Outcome, Unit, corroborated, evaluate, tier_rank
from .ledger import Item

INTERVAL_METHOD = (
    "Monte Carlo: each grade's value drawn uniformly within its range in weighting.yaml (and, "
    "where several analysts graded an item, one analyst's grade drawn per item); tiers of the "
    "central {coverage:.0%} of {draws} draws (seed {seed}) on the scale 1 < 2 < 2WL < 3.")


def units_of(items: list[Item]) -> tuple[list[Unit], list[str]]:
    """Items as aggregation units; ungraded items cannot be weighted and are listed apart."""
    units, ungraded = [], []
    for it in items:
        if not it.grades:
            ungraded.append(it.id)
            continue
        t = weighting.targets(it.body.report_year)[it.body.bears_on]
        units.append(Unit(it.id, t, 1 if it.body.direction == "supports" else -1,
                          it.body.responsibility, it.body.source.type, it.body.source.publisher,
                          frozenset(it.body.corroborates),
                          tuple((g.analyst, g.reliability, g.credibility) for g in it.grades)))
    return units, ungraded


class Context:
    """What stays fixed across an assessment: the year, the record's earlier placements (for
    the automatic downgrade) and whether the record says a waiver was granted that year."""

    def __init__(self, country: str, year: int, previous: dict[int, str] | None = None,
                 waiver: bool = False):
        self.country, self.year = country, year
        self.previous = previous or {}
        self.waiver = waiver
        self._corr: dict[tuple[str, ...], set[str]] = {}

    def run(self, units: list[Unit], factors: dict[str, float], keep: bool = False) -> Outcome:
        key = tuple(u.id for u in units)
        if key not in self._corr:  # corroboration depends on the set, not on the grades
            self._corr[key] = corroborated(units)
        return evaluate(units, factors, self.year, self.previous, self.waiver, self.country, keep,
                        self._corr[key])


def point_factors(units: list[Unit]) -> dict[str, float]:
    return {u.id: u.point_factor for u in units}


def interval(ctx: Context, units: list[Unit]) -> dict[str, Any]:
    import numpy as np

    cfg = weighting.load()["interval"]
    draws, seed, coverage = int(cfg["draws"]), int(cfg["seed"]), float(cfg["coverage"])
    rng = np.random.default_rng(seed)
    n = len(units)
    # One matrix of draws per quantity (all draws at once: fewer calls, same distribution).
    pick = rng.random((draws, n)).tolist()
    u_rel = rng.random((draws, n)).tolist()
    u_cred = rng.random((draws, n)).tolist()
    ranges = [[(weighting.grade_range("reliability", r), weighting.grade_range("credibility", c))
               for _, r, c in u.grades] for u in units]
    counts: dict[str, int] = {}
    ranks: list[int] = []
    for d in range(draws):
        factors = {}
        for j, u in enumerate(units):
            (lo, hi), (lo2, hi2) = ranges[j][min(int(pick[d][j] * len(u.grades)), len(u.grades) - 1)]
            factors[u.id] = (lo + (hi - lo) * u_rel[d][j]) * (lo2 + (hi2 - lo2) * u_cred[d][j])
        tier = ctx.run(units, factors).tier
        key = tier or "undetermined"
        counts[key] = counts.get(key, 0) + 1
        if tier_rank(tier) is not None:
            ranks.append(tier_rank(tier))
    shares = {k: round(v / draws, 4) for k, v in sorted(
        counts.items(), key=lambda kv: (tier_rank(kv[0]) if kv[0] in TIER_ORDER else 9))}
    low = high = None
    if ranks:
        ranks.sort()
        tail = (1 - coverage) / 2
        low = TIER_ORDER[ranks[min(len(ranks) - 1, int(tail * len(ranks)))]]
        high = TIER_ORDER[ranks[max(0, int(np.ceil((1 - tail) * len(ranks))) - 1)]]
    return {"low": low, "high": high, "shares": shares,
            "method": INTERVAL_METHOD.format(coverage=coverage, draws=draws, seed=seed)}


def _view(ctx: Context, units: list[Unit], with_interval: bool = True) -> dict[str, Any]:
    if not units:
        return {"items": 0, "recommended_tier": None, "reason": "no items", "interval": None}
    out = ctx.run(units, point_factors(units))
    view = {"items": len(units), "recommended_tier": out.tier, "reason": out.reason}
    if with_interval:
        iv = interval(ctx, units)
        view["interval"] = iv
        view["confidence"] = iv["shares"].get(out.tier or "undetermined", 0.0)
    return view


def by_source_family(ctx: Context, units: list[Unit]) -> dict[str, Any]:
    fams = weighting.load()["families"]
    out = {name: _view(ctx, [u for u in units if u.source_type in types]) | {"source_types": types}
           for name, types in fams.items()}
    named = [u for u in units if u.source_type != "anonymous"]
    corr = corroborated(named)
    out["without_anonymous_or_uncorroborated"] = _view(ctx, [u for u in named if u.id in corr])
    return out


def state_direct_only(ctx: Context, units: list[Unit]) -> dict[str, Any]:
    return _view(ctx, [u for u in units if u.responsibility in ("state_direct", "state_complicit")])


def sensitivity(ctx: Context, units: list[Unit], base_tier: str | None) -> dict[str, Any]:
    cfg = weighting.load()["sensitivity"]
    wr, wc = cfg["weakest"]
    sr, sc = cfg["strongest"]
    weakest = weighting.grade_value("reliability", wr) * weighting.grade_value("credibility", wc)
    strongest = weighting.grade_value("reliability", sr) * weighting.grade_value("credibility", sc)
    base = point_factors(units)
    ops = ("removed", f"regraded {wr}{wc}", f"regraded {sr}{sc}")
    found: list[dict[str, Any]] = []
    size_found = None
    for size in range(1, int(cfg["max_set_size"]) + 1):
        for combo in itertools.combinations(range(len(units)), size):
            for choice in itertools.product(range(3), repeat=size):
                drop = {units[i].id for i, c in zip(combo, choice, strict=True) if c == 0}
                factors = dict(base)
                for i, c in zip(combo, choice, strict=True):
                    if c == 1:
                        factors[units[i].id] = weakest
                    elif c == 2:
                        factors[units[i].id] = strongest
                if any(c and factors[units[i].id] == base[units[i].id]
                       for i, c in zip(combo, choice, strict=True)):
                    continue  # a regrading that changes nothing is not a change
                kept = [u for u in units if u.id not in drop]
                tier = ctx.run(kept, factors).tier
                if tier != base_tier:
                    found.append({"items": [{"id": units[i].id, "change": ops[c]}
                                            for i, c in zip(combo, choice, strict=True)], "tier": tier})
        if found:
            size_found = size
            break
    shown = int(cfg["max_sets_shown"])
    return {"smallest_set_size": size_found, "sets_found": len(found), "sets": found[:shown],
            "searched_up_to": int(cfg["max_set_size"]),
            "note": ("no set of up to {} item(s) changes the tier".format(cfg["max_set_size"])
                     if size_found is None else
                     f"{len(found)} set(s) of {size_found} item(s) change the tier")}


def analysts(ctx: Context, units: list[Unit]) -> dict[str, Any] | None:
    names = sorted({a for u in units for a, _, _ in u.grades})
    if len(names) < 2:
        return None
    per: dict[str, Any] = {}
    for name in names:
        mine = []
        for u in units:
            g = [x for x in u.grades if x[0] == name]
            mine.append(replace(u, grades=tuple(g)) if g else u)  # ungraded by them: the others'
        per[name] = _view(ctx, mine, with_interval=False) | {
            "graded": sum(1 for u in units if any(x[0] == name for x in u.grades))}
    return {"analysts": names, "per_analyst": per, "agreement": alpha(units, names),
            "combined": "the recommendation uses each item's mean grade over analysts; its "
                        "interval draws one analyst's grade per item"}


def alpha(units: list[Unit], names: list[str]) -> dict[str, Any]:
    """Krippendorff's alpha over the items two or more analysts graded: reliability and
    credibility as ordinal (F and 6, 'cannot be judged', as missing) and the weight factor
    as interval data."""
    import krippendorff
    import numpy as np

    rel_order = {g: i for i, g in enumerate("ABCDE")}
    shared = [u for u in units if len({a for a, _, _ in u.grades}) >= 2]
    out: dict[str, Any] = {"items_graded_by_two_or_more": len(shared)}
    if len(shared) < 2:
        return out | {"reliability": None, "credibility": None, "weight": None,
                      "note": "alpha needs at least two items graded by two or more analysts"}

    def matrix(fn) -> np.ndarray:
        m = np.full((len(names), len(shared)), np.nan)
        for j, u in enumerate(shared):
            for a, r, c in u.grades:
                v = fn(r, c)
                if v is not None:
                    m[names.index(a), j] = v
        return m

    def safe(data, level) -> float | None:
        try:
            return round(float(krippendorff.alpha(reliability_data=data,
                                                  level_of_measurement=level)), 4)
        except (ValueError, ZeroDivisionError):  # no variation at all: alpha is undefined
            return None

    out["reliability"] = safe(matrix(lambda r, c: rel_order.get(r)), "ordinal")
    out["credibility"] = safe(matrix(lambda r, c: c if c <= 5 else None), "ordinal")
    out["weight"] = safe(matrix(lambda r, c: weighting.grade_value("reliability", r)
                                * weighting.grade_value("credibility", c)), "interval")
    return out


def explain_difference(ctx: Context, out: Outcome, official: str | None) -> str:
    if official is None:
        return "The record has no official tier for this country-year."
    if out.tier == official:
        return f"The evidence gives the official tier ({official})."
    from .aggregate import _decide

    flags = out.flags
    tries: list[tuple[str, dict[str, Any]]] = [
        ("meets_minimum_standards", {"meets_minimum_standards": not flags["meets_minimum_standards"]}),
        ("significant_efforts", {"significant_efforts": not flags["significant_efforts"]}),
    ]
    targets = weighting.targets(ctx.year)
    if flags["policy_or_pattern"]:
        tries.append(("policy_or_pattern", {"policy_or_pattern": []}))
    elif any(t.role == "pattern" for t in targets.values()):
        tries.append(("policy_or_pattern", {"policy_or_pattern": ["forced_labor"]}))
    for t in (k for k, v in targets.items() if v.role == "trigger"):
        tries.append((t, {t: not flags.get(t, False)}))
    hits = []
    for name, change in tries:
        f = {**flags, **change}
        if f["meets_minimum_standards"] and (f["policy_or_pattern"] or not f["significant_efforts"]):
            continue
        trig = tuple(t for t in targets if targets[t].role == "trigger" and f.get(t))
        if f["meets_minimum_standards"] and trig:
            continue
        sig = bool(f["significant_efforts"]) and not f["policy_or_pattern"]
        d = _decide(ctx.country, ctx.year, bool(f["meets_minimum_standards"]), sig,
                    tuple(f["policy_or_pattern"]), trig, ctx.waiver,
                    tuple(sorted(ctx.previous.items())))
        if d.tier == official:
            hits.append(f"{name} = {change[name]}")
    got = out.tier or "undetermined"
    if not hits:
        return (f"The evidence gives {got}, the record {official}; no single finding changed "
                "in the rulebook gives the official tier.")
    return (f"The evidence gives {got}, the record {official}. The rulebook gives {official} if "
            + " or ".join(hits) + "; the evidence here does not show that (see the trace).")


def assess_units(units: list[Unit], country: str, year: int, previous: dict[int, str] | None = None,
                 waiver: bool = False, official: str | None = None,
                 ungraded: list[str] | None = None) -> dict[str, Any]:
    ctx = Context(country, year, previous, waiver)
    point = ctx.run(units, point_factors(units), keep=True)
    iv = interval(ctx, units) if units else None
    conf = iv["shares"].get(point.tier or "undetermined", 0.0) if iv else 0.0
    labels = weighting.load()["confidence_labels"]
    label = "high" if conf >= labels["high"] else "medium" if conf >= labels["medium"] else "low"
    families = by_source_family(ctx, units)
    sdo = state_direct_only(ctx, units)
    disagree = [f"{name}: {v['recommended_tier'] or 'undetermined'}" for name, v in families.items()
                if v["items"] and v["recommended_tier"] != point.tier]
    return {
        "country": country, "report_year": year,
        "recommended_tier": point.tier, "reason": point.reason,
        "confidence": {"share": conf, "label": label},
        "interval": iv,
        "by_source_family": families,
        "families_disagree": disagree,
        "state_direct_only": sdo,
        "sensitivity": sensitivity(ctx, units, point.tier),
        "analysts": analysts(ctx, units),
        "official_tier": official,
        "comparison": explain_difference(ctx, point, official),
        "trace": trace(point),
        "weighting_version": weighting.version(),
        "items": len(units), "ungraded_items": ungraded or [],
    }


def trace(out: Outcome) -> list[dict[str, Any]]:
    """Every finding with the items behind it, then every rulebook step with its citation and
    the items behind the inputs it used."""
    mw = float(weighting.load()["min_weight"])
    steps: list[dict[str, Any]] = []
    behind: dict[str, list[str]] = {}
    for key, f in sorted(out.findings.items(), key=lambda kv: (kv[1].role, kv[0])):
        st = f.status(mw)
        steps.append({"step": f"finding: {key}", "role": f.role, "parameter": f.parameter,
                      "status": st, "score": None if f.score is None else round(f.score, 4),
                      "weight": round(f.weight, 4), "min_weight": mw, "items": f.items})
        behind.setdefault({"standard": "meets_minimum_standards", "effort": "significant_efforts",
                           "pattern": "policy_or_pattern"}.get(f.role, key), []).extend(
            i["id"] for i in f.items)
    behind["significant_efforts"] = behind.get("significant_efforts", []) + behind.get(
        "policy_or_pattern", [])
    steps.append({"step": "efforts index", "value": None if out.efforts_index is None
                  else round(out.efforts_index, 4), "flags": out.flags, "result": out.reason})
    if out.decision is not None:
        for s in out.decision.trace:
            ids = sorted({i for k in s.inputs for i in behind.get(k, [])})
            steps.append({"step": f"rulebook: {s.rule}", "citation": s.citation,
                          "inputs": s.inputs, "result": s.result, "items": ids})
    return steps
