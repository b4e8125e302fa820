"""Load the dated, cited parameters in parameters/*.yaml and pick the values in force for a report.

A reform (as in OpenFisca) changes some values for one computation: inside `with reform({...})`
every `get` sees the changed values, outside it the law as enacted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import BadRequestError, TiptraceError

LAST_YEAR = 2100  # a bound on input years, not a rule of law


class RuleNotInForce(TiptraceError):
    """A rule was asked for a report year before the law that made it."""


class ReformError(BadRequestError):
    """A reform names an unknown parameter or gives it a value of the wrong kind."""


@dataclass(frozen=True)
class Period:
    first_report: int
    enacted: str | None
    value: Any
    reference: str
    url: str | None = None

    def citation(self) -> str:
        return self.reference + (f" <{self.url}>" if self.url else "")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    periods: tuple[Period, ...]
    unit: str | None = None  # "report_year" for values that are a report's year

    @property
    def first_report(self) -> int:
        """The first report the rule governs (the law that made it)."""
        return self.periods[0].first_report

    def in_force(self, report_year: int) -> bool:
        return report_year >= self.first_report

    def at(self, report_year: int) -> Period:
        """The period in force for the report of `report_year`."""
        valid = [p for p in self.periods if p.first_report <= report_year]
        if not valid:
            raise RuleNotInForce(
                f"{self.name} did not exist for the {report_year} report; it first applies to the "
                f"{self.periods[0].first_report} report ({self.periods[0].reference}).")
        return max(valid, key=lambda p: p.first_report)

    def value(self, report_year: int) -> Any:
        return self.at(report_year).value

    def value_or_first(self, report_year: int) -> Any:
        """The value in force, or for a report before the rule existed, its first value (for
        counts that reach back past the law, e.g. a Watch List run that starts in 2009)."""
        return self.value(max(report_year, self.first_report))


@lru_cache(maxsize=1)
def load() -> dict[str, Parameter]:
    """Every parameter, keyed 'file.name' (e.g. 'downgrade.waiver_max_years')."""
    import yaml

    out: dict[str, Parameter] = {}
    folder = resources.files(__package__).joinpath("parameters")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        doc = yaml.safe_load(entry.read_text("utf-8"))
        prefix = entry.name[:-5]
        for key, spec in doc.items():
            if key == "description":
                continue
            periods = tuple(sorted((Period(int(v["first_report"]), v.get("enacted"), v["value"],
                                           v["reference"], v.get("url"))
                                    for v in spec["values"]), key=lambda p: p.first_report))
            out[f"{prefix}.{key}"] = Parameter(f"{prefix}.{key}", spec.get("description", ""),
                                                periods, spec.get("unit"))
    return out


@dataclass
class Reform:
    """The reformed parameters of a computation, and which of them it read (a reform of a
    parameter the rules never consult changes nothing, and the output says so)."""

    params: dict[str, Parameter]
    used: set[str]


# None: the law as enacted. A context variable, so concurrent requests in a server each see
# only their own reform.
_REFORM: ContextVar[Reform | None] = ContextVar("tiptrace_reform", default=None)


def get(name: str) -> Parameter:
    active = _REFORM.get()
    if active is not None and name in active.params:
        active.used.add(name)
        return active.params[name]
    return load()[name]


def reformable() -> dict[str, Parameter]:
    """Parameters a reform can change: those with a number or yes/no value (the lists and texts
    describe the law; they do not enter a computation as values)."""
    return {n: p for n, p in load().items() if _kind(p) is not None}


def _kind(p: Parameter) -> type | None:
    kinds = {type(period.value) for period in p.periods}
    return kinds.pop() if len(kinds) == 1 and kinds <= {bool, int} else None


def _coerce(p: Parameter, raw: Any) -> bool | int:
    kind = _kind(p)
    text = str(raw).strip().lower()
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        raise ReformError(f"{p.name}: expected true or false, got {str(raw)[:40]!r}.")
    try:
        value = raw if isinstance(raw, int) and not isinstance(raw, bool) else int(text)
    except ValueError:
        value = None
    if p.unit == "report_year":
        first = load()["reporting.reporting_period"].first_report
        if value is None or not first <= value <= LAST_YEAR:
            raise ReformError(f"{p.name}: expected a report year ({first} on), got "
                              f"{str(raw)[:40]!r}.")
    elif value is None or value < 0:
        raise ReformError(f"{p.name}: expected a whole number of 0 or more, got "
                          f"{str(raw)[:40]!r}.")
    return value


def reformed(overrides: dict[str, Any]) -> dict[str, Parameter]:
    """The parameters `overrides` (name -> value) make: each keeps its dates, and every period
    takes the new value, so the reform holds for every report the rule governs."""
    known = reformable()
    unknown = sorted(set(overrides) - set(known))
    if unknown:
        raise ReformError(f"Unknown law parameter(s): {', '.join(unknown)}. Known keys: "
                          f"{', '.join(sorted(known))}.")
    out = {}
    for name, raw in overrides.items():
        p = known[name]
        value = _coerce(p, raw)
        out[name] = replace(p, periods=tuple(
            replace(period, value=value, url=None,
                    reference=f"reform: {name} = {value} instead of {period.value} "
                              f"({period.reference})")
            for period in p.periods))
    return out


@contextmanager
def reform(overrides: dict[str, Any]) -> Iterator[Reform]:
    """Compute with changed law values inside the block; yields the reform, whose `used` then
    names the changed parameters the computation read."""
    outer = _REFORM.get()
    active = Reform({**(outer.params if outer else {}), **reformed(overrides)}, set())
    token = _REFORM.set(active)
    try:
        yield active
    finally:
        _REFORM.reset(token)
