"""The tier rules as small pure functions over an assessment of one country in one report.

`decide(assessment)` applies, in order: the reporting period, Special Cases, the "policy or
pattern" proof (7107(b)(3)(B)), the tier definitions (7107(b)(1)), the Watch List triggers
((b)(2)(A)(iii)), the automatic downgrade and waiver ((b)(2)(D)), the special rule after a
downgrade ((b)(2)(F)), and the consequences ((c)-(d), (b)(4)). Every step is recorded in the
trace with the rule, its citation, the inputs it used and what it decided.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..domain import TIERS
from ..errors import TiptraceError
from .parameters import LAST_YEAR, RuleNotInForce, get


class AssessmentError(TiptraceError):
    """An assessment with unknown keys, wrong values or impossible combinations."""


WATCH_LIST_TRIGGERS = ("victims_significant_or_increasing", "no_evidence_of_increasing_efforts",
                       "commitments_for_next_year")


@dataclass
class Assessment:
    """Findings about one government for one report. `previous` holds earlier placements
    (report year -> tier), normally taken from the record."""

    country: str
    report_year: int
    special_case: bool = False
    meets_minimum_standards: bool = False
    significant_efforts: bool = True
    policy_or_pattern: list[str] = field(default_factory=list)
    victims_significant_or_increasing: bool = False
    no_evidence_of_increasing_efforts: bool = False
    commitments_for_next_year: bool = False
    waiver_granted: bool = False
    previous: dict[int, str] = field(default_factory=dict)

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        unknown = sorted(set(data) - set(cls.keys()))
        if unknown:
            raise AssessmentError(f"Unknown assessment key(s): {', '.join(unknown)}. Known keys: "
                                  f"{', '.join(cls.keys())}.")
        for required in ("country", "report_year"):
            if required not in data:
                raise AssessmentError(f"The assessment needs '{required}'.")
        clean: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            clean[f.name] = _coerce(f.name, f.type, data[f.name])
        a = cls(**clean)
        a.validate()
        return a

    def validate(self) -> None:
        from .parameters import get as param

        y = self.report_year
        first = param("reporting.reporting_period").first_report
        if not isinstance(y, int) or not first <= y <= LAST_YEAR:
            raise AssessmentError(f"report_year: {y!r} is not a TIP Report year ({first} on).")
        if self.policy_or_pattern:
            allowed = _in_force("policy_or_pattern", "significant_efforts.policy_or_pattern", y)
            bad = [p for p in self.policy_or_pattern if p not in allowed]
            if bad:
                raise AssessmentError(f"policy_or_pattern: unknown item(s) {', '.join(bad)}; "
                                      f"the statute lists {', '.join(allowed)}.")
            if self.meets_minimum_standards:
                raise AssessmentError("Impossible combination: meets_minimum_standards with a "
                                      "policy_or_pattern of state-sponsored trafficking.")
        triggers = [t for t in WATCH_LIST_TRIGGERS if getattr(self, t)]
        if triggers:
            if not param("watch_list.exists").value(y):
                raise AssessmentError(
                    f"{triggers[0]}: the Watch List did not exist for the {y} report (first used "
                    f"in {param('watch_list.exists').periods[-1].first_report}).")
            grounds = param("watch_list.triggers").at(y)
            for t in triggers:
                if t not in grounds.value:
                    raise AssessmentError(
                        f"{t}: not a Watch List ground for the {y} report (not among the grounds "
                        f"in force from the {grounds.first_report} report, {grounds.reference}).")
            if self.meets_minimum_standards:
                raise AssessmentError(f"Impossible combination: meets_minimum_standards with "
                                      f"{triggers[0]} (the Watch List is a subset of Tier 2).")
        if self.waiver_granted:
            _in_force("waiver_granted", "downgrade.waiver_max_years", y)
        for year, tier in self.previous.items():
            if tier not in TIERS:
                raise AssessmentError(f"previous: {tier!r} for {year} is not a tier.")


def _in_force(key: str, param: str, year: int) -> Any:
    try:
        return get(param).value(year)
    except RuleNotInForce as exc:
        raise AssessmentError(f"{key}: {exc}") from None


def _coerce(name: str, typ: Any, value: Any) -> Any:
    t = str(typ)
    if t == "bool":
        if isinstance(value, bool):
            return value
        s = str(value).strip().lower()
        if s in ("true", "yes", "1", "y"):
            return True
        if s in ("false", "no", "0", "n"):
            return False
        raise AssessmentError(f"{name}: expected true or false, got {value!r}.")
    if t == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise AssessmentError(f"{name}: expected a year, got {value!r}.") from None
    if t.startswith("list"):
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list):
            return [str(v) for v in value]
        raise AssessmentError(f"{name}: expected a list, got {value!r}.")
    if t.startswith("dict"):
        if not isinstance(value, dict):
            raise AssessmentError(f"{name}: expected a mapping of year to tier.")
        try:
            return {int(k): str(v) for k, v in value.items()}
        except ValueError:
            raise AssessmentError(f"{name}: years must be numbers.") from None
    return str(value)


@dataclass
class Step:
    rule: str
    citation: str
    inputs: dict[str, Any]
    result: str


@dataclass
class Decision:
    country: str
    report_year: int
    tier: str
    watch_list: list[str]
    forced_downgrade: bool
    waiver_used: bool
    consecutive_watch_list_years: int
    consequences: list[str]
    trace: list[Step]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def watch_list_run(previous: dict[int, str], year: int) -> int:
    """Consecutive Tier 2 Watch List reports immediately before `year` that count toward the
    automatic downgrade (only reports from downgrade.count_from_report on)."""
    start = get("downgrade.count_from_report").value_or_first(year)
    k = 0
    y = year - 1
    while y >= start and previous.get(y) == "2WL":
        k += 1
        y -= 1
    return k


def returned_after_downgrade(previous: dict[int, str], year: int) -> bool:
    """Whether the current Watch List run follows a Tier 3 placement that itself came after a
    full Watch List run (the situation of special rule (F))."""
    k = watch_list_run(previous, year)
    y = year - 1 - k
    if previous.get(y) != "3":
        return False
    while previous.get(y - 1) == "3":
        y -= 1
    limit = get("downgrade.consecutive_years_before_downgrade").value_or_first(y)
    # Only downgrades in reports from the one the rule first governs (see the parameter's note).
    first = get("downgrade.special_rule_applies_to_downgrades_from").value_or_first(year)
    return y >= first and watch_list_run(previous, y) >= limit


def decide(a: Assessment) -> Decision:
    a.validate()
    y = a.report_year
    trace: list[Step] = []
    period = get("reporting.reporting_period").at(y)
    trace.append(Step("reporting period", period.citation(), {"report_year": y},
                      f"concrete actions from 1 April {y - 1} to 31 March {y}"))
    if a.special_case:
        p = get("tiers.special_case").at(y)
        trace.append(Step("special case", p.citation(), {"special_case": True},
                          "not rated: an administrative practice with no statutory tier"))
        return Decision(a.country, y, "special", [], False, False, 0, [], trace)

    significant = a.significant_efforts
    if a.policy_or_pattern:
        p = get("significant_efforts.policy_or_pattern").at(y)
        trace.append(Step("policy or pattern", p.citation(),
                          {"policy_or_pattern": a.policy_or_pattern},
                          "proof of failure to make significant efforts"))
        significant = False

    defs = get("tiers.tier_definitions").at(y)
    if a.meets_minimum_standards:
        tier = "1"
        trace.append(Step("tier definitions", defs.citation(),
                          {"meets_minimum_standards": True}, "Tier 1: fully complies"))
    elif significant:
        tier = "2"
        trace.append(Step("tier definitions", defs.citation(),
                          {"meets_minimum_standards": False, "significant_efforts": True},
                          "Tier 2: significant efforts"))
    else:
        tier = "3"
        trace.append(Step("tier definitions", defs.citation(),
                          {"meets_minimum_standards": False, "significant_efforts": False},
                          "Tier 3: no significant efforts"))

    triggers = {t: True for t in WATCH_LIST_TRIGGERS if getattr(a, t)}
    if tier == "2" and triggers:
        p = get("watch_list.triggers").at(y)
        tier = "2WL"
        trace.append(Step("watch list triggers", p.citation(), triggers,
                          "Tier 2 Watch List (Special Watch List (A)(iii))"))

    forced = waiver_used = False
    k = 0
    if tier == "2WL" and get("downgrade.automatic_downgrade").value(y):
        k = watch_list_run(a.previous, y)
        limit = get("downgrade.consecutive_years_before_downgrade").at(y)
        waiver_max = get("downgrade.waiver_max_years").at(y)
        inputs = {"consecutive_watch_list_years_before": k, "limit": limit.value,
                  "waiver_max_years": waiver_max.value, "waiver_granted": a.waiver_granted}
        rule_f = get("downgrade.max_watch_list_years_after_return")
        after_return = rule_f.in_force(y) and returned_after_downgrade(a.previous, y)
        if after_return and k >= rule_f.value(y):
            allowed = rule_f.value(y)
            tier, forced = "3", True
            trace.append(Step("special rule after a downgrade", rule_f.at(y).citation(),
                              {**inputs, "returned_after_downgrade": True},
                              f"Tier 3: only {allowed} Watch List year(s) allowed after "
                              "returning from an automatic downgrade (no waiver)"))
        elif k >= limit.value:
            waiver_years_used = k - limit.value  # waiver years already spent in this run
            if a.waiver_granted and waiver_years_used < waiver_max.value:
                waiver_used = True
                trace.append(Step("automatic downgrade waived", waiver_max.citation(), inputs,
                                  f"stays on the Watch List: waiver year {waiver_years_used + 1} "
                                  f"of at most {waiver_max.value}"))
            else:
                tier, forced = "3", True
                why = ("no waiver granted" if not a.waiver_granted else
                       f"the waiver limit of {waiver_max.value} year(s) is used up")
                trace.append(Step("automatic downgrade", limit.citation(), inputs,
                                  f"Tier 3: {k} consecutive Watch List years before this report, "
                                  f"{why}"))
        else:
            trace.append(Step("automatic downgrade", limit.citation(), inputs,
                              f"not reached: {k} of {limit.value} consecutive Watch List years"))

    watch_list = []
    prev = a.previous.get(y - 1)
    if get("watch_list.exists").value(y):
        if tier == "2WL":
            watch_list.append("Tier 2 Watch List (7107(b)(2)(A)(iii))")
        if tier == "1" and prev == "2":
            watch_list.append("upgraded from Tier 2 (7107(b)(2)(A)(i))")
        if tier == "2" and prev == "3":
            watch_list.append("upgraded from Tier 3 (7107(b)(2)(A)(ii))")
    consequences = _consequences(tier, prev, y, trace)
    return Decision(a.country, y, tier, watch_list, forced, waiver_used, k, consequences, trace)


def _consequences(tier: str, prev: str | None, y: int, trace: list[Step]) -> list[str]:
    out: list[str] = []
    if tier == "3":
        p = get("consequences.tier3_measures").at(y)
        window = get("consequences.determination_window_days").value(y)
        out.append(f"Presidential determination {window['earliest']}-{window['latest']} days after "
                   f"the report, for fiscal year {y + 1} (from 1 October {y}).")
        out.extend(p.value.values())
        trace.append(Step("Tier 3 consequences", p.citation(), {"tier": "3"},
                          "assistance restrictions unless waived"))
    plan = get("consequences.action_plan_days")
    if tier == "2WL" and prev == "3" and plan.in_force(y):
        out.append(f"Action plan to be prepared and presented within {plan.value(y)} days "
                   "(7107(b)(4)): upgraded from Tier 3 to the Watch List.")
    return out
