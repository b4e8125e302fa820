"""Evidence items and grades (pydantic): what an analyst records, checked on the way in.

An item is a statement in the analyst's own words about one country in one report: what it
bears on (a target from the rulebook's parameters, see weighting.targets), whether it supports
or undermines that finding, its source, and whose conduct it describes. Grades (Admiralty
reliability A-F and credibility 1-6) are kept apart from the item, one per analyst, so several
analysts can grade the same items.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SourceType = Literal["government", "foreign_government", "intergovernmental", "ngo", "academic",
                     "media", "named_individual", "anonymous"]
Responsibility = Literal["state_direct", "state_complicit", "non_state", "foreign_state"]
Direction = Literal["supports", "undermines"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
ID_RE = r"^[a-z0-9][a-z0-9._-]{0,63}$"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str = Field(min_length=3, max_length=400)
    publisher: str = Field(min_length=2, max_length=200)
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    type: SourceType
    url: str | None = Field(None, max_length=1000)
    page: str | None = Field(None, max_length=300, description="page, section or paragraph")

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        if not _DATE.match(v):
            raise ValueError("a date is YYYY, YYYY-MM or YYYY-MM-DD")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://\S+$", v):
            raise ValueError("a URL starts with http:// or https:// and has no spaces")
        return v

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not self.url and not self.page:
            raise ValueError("a source needs a URL or a page (where to find it)")
        return self


class Counts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    investigations: int | None = Field(None, ge=0)
    prosecutions: int | None = Field(None, ge=0)
    convictions: int | None = Field(None, ge=0)
    victims_identified: int | None = Field(None, ge=0)
    victims_referred: int | None = Field(None, ge=0)


class Grade(BaseModel):
    model_config = ConfigDict(extra="forbid")

    analyst: str = Field(min_length=1, max_length=64)
    reliability: Reliability
    credibility: int = Field(ge=1, le=6)
    note: str = Field("", max_length=1000)


class ItemBody(BaseModel):
    """The analyst's record of one finding; every revision stores a whole body."""

    model_config = ConfigDict(extra="forbid")

    country: str = Field(description="ISO3 code, name or alias; stored as ISO3")
    report_year: int = Field(ge=2001, le=2100)
    reporting_period: str | None = None
    statement: str = Field(min_length=10, max_length=3000)
    bears_on: str
    direction: Direction
    counts: Counts | None = None
    source: Source
    responsibility: Responsibility
    corroborates: list[str] = Field(default_factory=list)
    contradicts: list[str] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        from ..record.countries import resolve

        try:
            return resolve(v)
        except LookupError as exc:  # UnknownCountryError, as a row-level validation error
            raise ValueError(str(exc)) from None

    @field_validator("corroborates", "contradicts")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for i in v:
            if not re.match(ID_RE, i):
                raise ValueError(f"{i!r} is not an item id")
        return sorted(set(v))

    @model_validator(mode="after")
    def _in_force(self) -> ItemBody:
        from .weighting import targets

        known = targets(self.report_year)
        if self.bears_on not in known:
            raise ValueError(f"bears_on {self.bears_on!r} is not a standard, criterion, factor, "
                             f"policy-or-pattern item or Watch List ground in force for the "
                             f"{self.report_year} report; in force: {', '.join(sorted(known))}")
        y = self.report_year
        if self.reporting_period is None:
            # The rulebook's reporting period (reporting.reporting_period): April to March.
            self.reporting_period = f"{y - 1}-04-01/{y}-03-31"
        return self


class ItemRow(ItemBody):
    """One line of a JSON Lines file: an item with its id and its grades."""

    kind: Literal["item"] = "item"
    id: str = Field(pattern=ID_RE)
    revision: int | None = Field(None, ge=1, description="on export; ignored on import")
    status: Literal["active", "withdrawn"] = "active"
    grades: list[Grade] = Field(min_length=1)

    def body(self) -> ItemBody:
        return ItemBody(**self.model_dump(exclude={"kind", "id", "revision", "status", "grades"}))


def schema() -> dict:
    """The JSON Schema of a JSON Lines row (shipped as item.schema.json)."""
    s = ItemRow.model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "tiptrace evidence item (one JSON Lines row)"
    return s
