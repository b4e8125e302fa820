"""What-if: re-run the rules for a real country-year with changed findings.

The baseline assessment is inferred from the official record: findings consistent with the
placement (e.g. Tier 2 Watch List = significant efforts plus a Watch List ground), the earlier
placements, and a waiver wherever the audit says one was needed. Changes are applied on top and
both are decided; the steps that differ are reported. A reform (`law`) changes the law's values
for the changed run only, as an OpenFisca reform does: the baseline stays the law as enacted.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .engine import Assessment, AssessmentError, Decision, decide, watch_list_run
from .parameters import get, load, reform


def _downgrade_due(previous: dict[int, str], year: int) -> bool:
    """Whether the Watch List run before `year` reaches the automatic downgrade's limit."""
    return bool(get("downgrade.automatic_downgrade").value(year)) and (
        watch_list_run(previous, year)
        >= get("downgrade.consecutive_years_before_downgrade").value(year))


def infer_assessment(iso3: str, year: int, tier: str, previous: dict[int, str],
                     state_sponsored: bool = False) -> Assessment:
    """Findings that reproduce the official placement (stated as inferred, not observed)."""
    a = Assessment(country=iso3, report_year=year, previous=dict(previous))
    if tier == "special":
        a.special_case = True
    elif tier == "1":
        a.meets_minimum_standards = True
    elif tier == "2":
        a.significant_efforts = True
    elif tier == "2WL":
        a.significant_efforts = True
        a.no_evidence_of_increasing_efforts = True
        if _downgrade_due(previous, year):
            a.waiver_granted = True
    elif tier == "3":
        if _downgrade_due(previous, year) and get("watch_list.exists").value(year):
            # Placed on Tier 3 by the automatic downgrade: efforts may have been significant.
            a.significant_efforts = True
            a.no_evidence_of_increasing_efforts = True
        else:
            a.significant_efforts = False
        if state_sponsored and get("significant_efforts.policy_or_pattern").in_force(year):
            a.policy_or_pattern = ["trafficking"]
            a.significant_efforts = False
            a.no_evidence_of_increasing_efforts = False
    return a


def apply_changes(base: Assessment, changes: dict[str, Any]) -> Assessment:
    data = asdict(base)
    for key in ("country", "report_year", "previous"):
        if key in changes:
            raise AssessmentError(f"{key}: cannot be changed in a what-if; it comes from the record.")
    data.update(changes)
    return Assessment.from_dict(data)


def compare(before: Decision, after: Decision) -> dict[str, Any]:
    def key(step):
        return (step.rule, step.result)

    old = {key(s) for s in before.trace}
    new = {key(s) for s in after.trace}
    return {
        "old_tier": before.tier, "new_tier": after.tier, "changed": before.tier != after.tier,
        "steps_removed": [asdict(s) for s in before.trace if key(s) not in new],
        "steps_added": [asdict(s) for s in after.trace if key(s) not in old],
        "old": before.to_dict(), "new": after.to_dict(),
    }


def whatif(base: Assessment, changes: dict[str, Any],
           law: dict[str, Any] | None = None) -> dict[str, Any]:
    """Decide the baseline under the law as enacted, then the changed findings under the law
    as `law` (parameter name -> value) reforms it."""
    before = decide(base)
    with reform(law or {}) as reformed:
        after = decide(apply_changes(base, changes))
    return {"country": base.country, "report_year": base.report_year, "changes": changes,
            "law": [_law_change(name, p.periods[0].value, base.report_year, name in reformed.used)
                    for name, p in reformed.params.items()],
            "baseline": "findings inferred from the official placement",
            **compare(before, after)}


def _law_change(name: str, value: Any, year: int, used: bool) -> dict[str, Any]:
    """What a reform changed, beside the value the law gives for that report (None if the rule
    did not yet exist), and whether the rules read it for this decision."""
    enacted = load()[name]
    period = enacted.at(max(year, enacted.first_report))
    return {"key": name, "value": value,
            "law_value": period.value if enacted.in_force(year) else None,
            "used": used, "citation": period.citation()}
