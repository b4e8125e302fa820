"""Request bodies as pydantic models, so the OpenAPI spec describes (and fuzzers exercise) them.

Raw bodies (an article's text, an import file) cannot be pydantic models; their routes
describe them with `raw_body` instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .security import MAX_BODY

# Years and editions as four-digit numbers: anything else is a validation error (422) before
# it reaches the store (SQLite cannot bind an integer over 2**63).
YEAR = {"ge": 1000, "le": 9999}


class WhatIfRequest(BaseModel):
    """Re-run the rules for a country-year with changed findings."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    country: str = Field(max_length=100, description="Name or ISO code", examples=["TTO"])
    year: int = Field(description="TIP report year", examples=[2023], **YEAR)
    changes: dict[str, Any] = Field(
        default_factory=dict, alias="set", max_length=50,
        description="Assessment keys to change, e.g. {\"waiver_granted\": false}")
    law: dict[str, Any] = Field(
        default_factory=dict, max_length=50,
        description="Law parameters to change for the changed run (a reform), e.g. "
                    "{\"downgrade.waiver_max_years\": 3}")


class CheckForm(BaseModel):
    """The claim-check page's form."""

    text: str = Field("", max_length=MAX_BODY)
    date: str = Field("", max_length=10)


def raw_body(description: str, *media: str, binary: bool = False) -> dict[str, Any]:
    """`openapi_extra` for a route that reads its body itself."""
    schema: dict[str, Any] = {"type": "string", "maxLength": MAX_BODY}
    if binary:
        schema = {"type": "string", "format": "binary"}
    return {"requestBody": {"required": True, "description": description,
                            "content": {m: {"schema": schema} for m in media}}}
