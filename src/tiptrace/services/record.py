"""The record's own citation, shared by `tiptrace cite`, the API and the web page."""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from typing import Any

from ..record import packaged
from ..record.citations import tiptrace_citation


def cite(accessed: dt.date | None = None) -> dict[str, Any]:
    """tiptrace's citation with its software version, data version and the date of access."""
    pkg = packaged.datapackage()
    tip = packaged.resource("tip_tiers")
    years = sorted(int(y) for y in tip["coverage"])
    try:
        version = metadata.version("tiptrace")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        version = "unknown"
    data_version = pkg.get("data_version") or pkg["version"]
    on = (accessed or dt.date.today()).isoformat()
    return {"version": version, "data_version": data_version,
            "report_years": f"{years[0]}-{years[-1]}", "accessed": on,
            **tiptrace_citation(version, data_version, f"{years[0]}-{years[-1]}", on)}
