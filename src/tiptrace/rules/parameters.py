"""Load the dated, cited parameters in parameters/*.yaml and pick the values in force for a report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import TiptraceError


class RuleNotInForce(TiptraceError):
    """A rule was asked for a report year before the law that made it."""


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
                                                periods)
    return out


def get(name: str) -> Parameter:
    return load()[name]
