"""From weighted items to the rulebook's findings, and from the findings to a tier.

Each item's weight is its grade value (reliability x credibility, weighting.yaml) times its
corroboration factor times the share its responsibility counts for that kind of finding. For
each finding (a standard, criterion, factor, policy-or-pattern item or Watch List ground):

  score = (supporting weight - undermining weight) / (their sum), in [-1, 1]

and the finding holds when its total weight reaches `min_weight` and the score is positive,
fails when it is negative, and is "not shown" otherwise. Then, for the rulebook (rules.engine):

  policy_or_pattern        the pattern items that hold (from the 2019 report)
  significant_efforts      the efforts index, the net weight of every item on a criterion or
                           factor (times the factor's sign) over their total weight, is
                           positive: true; negative: false; total under `min_weight`: undetermined
  meets_minimum_standards  every minimum standard holds, efforts are significant, no pattern
  Watch List grounds       each holds (only off Tier 1: the Watch List is a subset of Tier 2)

Undetermined efforts with no pattern leave the tier undetermined: a gap stays a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..domain import TIER_ORDER
from ..rules.engine import WATCH_LIST_TRIGGERS, Assessment, Decision, decide
from . import weighting
from .weighting import Target, criterion_of


@dataclass(frozen=True)
class Unit:
    """An item as the aggregation sees it: no text, only what the weighting uses."""

    id: str
    target: Target
    direction: int  # +1 supports the finding, -1 undermines it
    responsibility: str
    source_type: str
    publisher: str
    links: frozenset[str]  # ids this item corroborates
    grades: tuple[tuple[str, str, int], ...]  # (analyst, reliability, credibility)

    @property
    def point_factor(self) -> float:
        """Mean over analysts of reliability value x credibility value."""
        vals = [weighting.grade_value("reliability", r) * weighting.grade_value("credibility", c)
                for _, r, c in self.grades]
        return sum(vals) / len(vals)


@dataclass
class Finding:
    key: str
    role: str
    parameter: str
    support: float = 0.0
    undermine: float = 0.0
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return self.support + self.undermine

    @property
    def score(self) -> float | None:
        return None if self.weight == 0 else (self.support - self.undermine) / self.weight

    def status(self, min_weight: float) -> str:
        s = self.score
        if s is None or self.weight < min_weight:
            return "not shown"
        return "holds" if s > 0 else "fails" if s < 0 else "balanced"


@dataclass
class Outcome:
    tier: str | None
    reason: str
    findings: dict[str, Finding]
    flags: dict[str, Any]
    efforts_index: float | None
    decision: Decision | None

    def summary(self) -> dict[str, Any]:
        mw = float(weighting.load()["min_weight"])
        return {"tier": self.tier, "reason": self.reason,
                "efforts_index": None if self.efforts_index is None else round(self.efforts_index, 4),
                "findings": {k: {"role": f.role, "status": f.status(mw),
                                 "score": None if f.score is None else round(f.score, 4),
                                 "weight": round(f.weight, 4)} for k, f in self.findings.items()}}


def corroborated(units: list[Unit]) -> set[str]:
    """Items another item of the set, from another publisher, corroborates (either link way)."""
    by_id = {u.id: u for u in units}
    out: set[str] = set()
    for u in units:
        for other in u.links:
            v = by_id.get(other)
            if v is not None and v.publisher != u.publisher:
                out.update((u.id, v.id))
    return out


def evaluate(units: list[Unit], factors: dict[str, float], report_year: int,
             previous: dict[int, str] | None = None, waiver: bool = False,
             country: str = "XXX", keep_items: bool = False,
             corr: set[str] | None = None) -> Outcome:
    """The tier the rulebook gives for these units with these grade factors."""
    w = weighting.load()
    mw = float(w["min_weight"])
    corr = corroborated(units) if corr is None else corr
    findings: dict[str, Finding] = {}
    for u in units:
        t = u.target
        key = criterion_of(t)
        f = findings.get(key)
        if f is None:
            f = findings[key] = Finding(key, t.role, t.parameter)
        c = w["corroboration"]["corroborated" if u.id in corr else "uncorroborated"]
        weight = factors[u.id] * float(c) * float(w["responsibility"][t.role][u.responsibility])
        if u.direction > 0:
            f.support += weight
        else:
            f.undermine += weight
        if keep_items:
            f.items.append({"id": u.id, "direction": "supports" if u.direction > 0 else
                            "undermines", "weight": round(weight, 4),
                            "corroborated": u.id in corr})
    status = {k: f.status(mw) for k, f in findings.items()}
    pattern = sorted(k for k, f in findings.items() if f.role == "pattern" and status[k] == "holds")
    targets = weighting.targets(report_year)
    net = total = 0.0
    for k, f in findings.items():
        if f.role == "effort" and targets[k].sign:
            net += targets[k].sign * (f.support - f.undermine)
            total += f.weight
    index = net / total if total >= mw else None
    significant = None if index is None or index == 0 else index > 0
    standards = [k for k, t in targets.items() if t.role == "standard"]
    meets = (not pattern and significant is True and bool(standards)
             and all(status.get(k) == "holds" for k in standards))
    triggers = tuple(t for t in WATCH_LIST_TRIGGERS if not meets and status.get(t) == "holds")
    flags = {"meets_minimum_standards": meets,
             "significant_efforts": significant if not pattern else False,
             "policy_or_pattern": pattern, **{t: True for t in triggers}}
    if pattern:
        reason = "a policy or pattern is shown: " + ", ".join(pattern)
    elif significant is None:
        reason = ("undetermined: no criterion of serious and sustained efforts is shown by the "
                  "evidence" if index is None else "undetermined: the efforts evidence is balanced")
        return Outcome(None, reason, findings, flags, index, None)
    else:
        reason = f"efforts index {index:+.2f}"
    prev = tuple(sorted((previous or {}).items()))
    d = _decide(country, report_year, meets, bool(significant) and not pattern, tuple(pattern),
                triggers, waiver, prev)
    return Outcome(d.tier, reason, findings, flags, index, d)


@lru_cache(maxsize=4096)
def _decide(country: str, year: int, meets: bool, significant: bool, pattern: tuple[str, ...],
            triggers: tuple[str, ...], waiver: bool, previous: tuple) -> Decision:
    a = Assessment(country=country, report_year=year, meets_minimum_standards=meets,
                   significant_efforts=significant, policy_or_pattern=list(pattern),
                   waiver_granted=waiver and year >= 2009, previous=dict(previous),
                   **{t: True for t in triggers})
    return decide(a)


def tier_rank(tier: str | None) -> int | None:
    return None if tier is None else TIER_ORDER.index(tier) if tier in TIER_ORDER else None
