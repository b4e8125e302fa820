"""The weighting parameters (parameters/weighting.yaml) and what an item may bear on.

What an item may bear on comes from the rulebook's own parameters for the report year, so the
ledger never restates the law: the minimum standards, the criteria of serious and sustained
efforts, the significant-efforts factors, the policy-or-pattern items and the Watch List grounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..rules.parameters import RuleNotInForce, get

ROLES = ("standard", "effort", "pattern", "trigger")


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    import yaml

    text = resources.files(__package__).joinpath("parameters", "weighting.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def version() -> str:
    return str(load()["version"])


@dataclass(frozen=True)
class Target:
    """One thing an item can bear on: `key`, its role, the rulebook parameter that defines it,
    and its sign in the efforts index (+1, -1, 0; only for efforts)."""

    key: str
    role: str
    parameter: str
    sign: int = 1
    criterion: str | None = None  # the statute's criterion a pillar stands for


def _value(name: str, year: int) -> Any:
    try:
        return get(name).value(year)
    except RuleNotInForce:
        return None


@lru_cache(maxsize=64)
def targets(report_year: int) -> dict[str, Target]:
    """Every target in force for the report of `report_year`, keyed by name."""
    w = load()
    out: dict[str, Target] = {}
    for key in _value("minimum_standards.standards", report_year) or {}:
        out[key] = Target(key, "standard", "minimum_standards.standards")
    for key in _value("minimum_standards.serious_and_sustained_efforts_criteria", report_year) or []:
        out[key] = Target(key, "effort", "minimum_standards.serious_and_sustained_efforts_criteria")
    for pillar, criterion in w["pillars"].items():
        if criterion in out:
            out[pillar] = Target(pillar, "effort", out[criterion].parameter, 1, criterion)
    for key in _value("significant_efforts.factors", report_year) or []:
        out[key] = Target(key, "effort", "significant_efforts.factors", int(w["factor_sign"][key]))
    for key in _value("significant_efforts.policy_or_pattern", report_year) or []:
        out[key] = Target(key, "pattern", "significant_efforts.policy_or_pattern")
    if _value("watch_list.exists", report_year):
        for key in _value("watch_list.triggers", report_year) or {}:
            out[key] = Target(key, "trigger", "watch_list.triggers")
    return out


def criterion_of(target: Target) -> str:
    """The finding a target feeds: a pillar counts as its criterion."""
    return target.criterion or target.key


def grade_value(kind: str, grade: str | int) -> float:
    return float(load()[kind][_gkey(kind, grade)]["value"])


def grade_range(kind: str, grade: str | int) -> tuple[float, float]:
    lo, hi = load()[kind][_gkey(kind, grade)]["range"]
    return float(lo), float(hi)


def _gkey(kind: str, grade: str | int) -> str | int:
    return int(grade) if kind == "credibility" else str(grade)
