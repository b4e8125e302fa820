"""The rulebook asked of the store: audit of the record, decisions and what-ifs for real cases."""

from __future__ import annotations

from typing import Any

from ..errors import NoDataError
from ..record import packaged
from ..record.countries import resolve
from ..record.schema import is_partial, tier_label
from ..record.store import Store
from ..rules import audit as audit_mod
from ..rules.engine import Assessment, decide
from ..rules.parameters import ReformError, get
from ..rules.whatif import infer_assessment, whatif
from .record import check_year


def audit(store: Store, country: str | None = None, year: int | None = None) -> dict[str, Any]:
    iso3 = resolve(country) if country else None
    if year is not None:
        check_year(store, year)
    result = audit_mod.audit(store.tiers(iso3=iso3), store.state_sponsored(iso3=iso3),
                             packaged.resource("tip_tiers")["gaps"], iso3, year)
    result["determinations"] = audit_mod.audit_determinations(
        store.tiers(iso3=iso3), packaged.read_rows("determinations"), iso3, year)
    waiver = "; ".join(f"{p.value} from the {p.first_report} report"
                       for p in get("downgrade.waiver_max_years").periods)
    result["note"] = ("Checked from the placements alone: Watch List years counted from the "
                      f"{get('downgrade.count_from_report').first_report} report; waiver limit "
                      f"in years: {waiver}; 'report_says' is what the row's source says the "
                      "report stated.")
    return result


def _baseline(store: Store, country: str, year: int) -> Assessment:
    iso3 = resolve(country)
    check_year(store, year)
    rows = {r["report_year"]: r["tier"] for r in store.tiers(iso3=iso3)}
    if year not in rows:
        raise NoDataError(f"{iso3} has no tier in the {year} report to start a what-if from.")
    if is_partial(rows[year]):
        raise NoDataError(f"{iso3}'s {year} placement is known only as {tier_label(rows[year])} "
                          "(see `tiptrace history`); the rules need a fixed tier to start from.")
    listed = any(r["report_year"] == year for r in store.state_sponsored(iso3=iso3))
    # Narrowed earlier years ("Tier 1 or 2") are left out: the rules count only Watch List and
    # Tier 3 years before a report, and a narrowed year is neither.
    previous = {y: t for y, t in rows.items() if y < year and not is_partial(t)}
    return infer_assessment(iso3, year, rows[year], previous, listed)


def explain(store: Store, country: str, year: int) -> dict[str, Any]:
    from .record import determination

    base = _baseline(store, country, year)
    return {"assessment": base.__dict__, "decision": decide(base).to_dict(),
            # What the President actually decided on a Tier 3 government (if stored).
            "determination": determination(base.country, year),
            "note": "Findings inferred from the official placement."}


def run_whatif(store: Store, country: str, year: int, changes: dict[str, Any],
               law: dict[str, Any] | None = None) -> dict[str, Any]:
    """`law`: parameter name -> value, a reform for the changed run (see rules.parameters)."""
    return whatif(_baseline(store, country, year), changes, law)


def parse_sets(items: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise NoDataError(f"--set takes KEY=VALUE, got {item!r}.")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def parse_law(items: list[str]) -> dict[str, Any]:
    """`--law KEY=VALUE` items; the values are checked when the reform is made."""
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise ReformError(f"--law takes KEY=VALUE (e.g. downgrade.waiver_max_years=3), got "
                              f"{item[:60]!r}.")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out
