"""The ledger asked of a store: assessments of a country-year with the record's placements."""

from __future__ import annotations

from importlib import resources
from typing import Any

from ..errors import NoDataError
from ..record.countries import resolve
from .assess import assess_units, units_of
from .ledger import Item, Ledger
from .models import ItemRow

EXAMPLES = {("PRK", 2016): "prk-2016.jsonl", ("RUS", 2021): "rus-2021.jsonl",
            ("MYS", 2015): "mys-2015.jsonl"}


def example_rows(iso3: str, year: int) -> list[ItemRow]:
    """A worked example shipped in the package (evidence/examples/)."""
    from .jsonl import parse_lines

    name = EXAMPLES.get((iso3, year))
    if name is None:
        return []
    text = resources.files(__package__).joinpath("examples", name).read_text("utf-8")
    return parse_lines(text.splitlines(), f"examples/{name}")


def example_items(iso3: str, year: int) -> list[Item]:
    return [Item(r.id, 1, r.status, r.body(), list(r.grades)) for r in example_rows(iso3, year)
            if r.status == "active"]


def record_context(store, iso3: str, year: int) -> tuple[dict[int, str], bool, str | None]:
    """Earlier placements, whether the record says the report waived the automatic
    downgrade that year, and the official tier."""
    rows = {r["report_year"]: r for r in store.tiers(iso3=iso3)}
    # Only settled placements count for the downgrade rules; a narrowed cell ('1|2') is not one.
    previous = {y: r["tier"] for y, r in rows.items()
                if y < year and r["tier"] in ("1", "2", "2WL", "3", "special")}
    this = rows.get(year)
    waiver = bool(this and this.get("watch_list_rule") == "waiver")
    return previous, waiver, this["tier"] if this else None


def assess(store, country: str, year: int, examples: bool = True) -> dict[str, Any]:
    """The assessment of a country-year from the ledger's items; when the ledger has none and
    a worked example is packaged for it, from the example."""
    iso3 = resolve(country)
    items = Ledger(store).items(iso3, year)
    basis = "ledger"
    if not items and examples:
        items = example_items(iso3, year)
        basis = f"packaged worked example (evidence/examples/{EXAMPLES.get((iso3, year))})"
    if not items:
        raise NoDataError(f"The evidence ledger has no items on {iso3} for the {year} report; "
                          "add some with `tiptrace evidence add` or `tiptrace evidence import`.")
    units, ungraded = units_of(items)
    previous, waiver, official = record_context(store, iso3, year)
    out = assess_units(units, iso3, year, previous, waiver, official, ungraded)
    out["basis"] = basis
    out["record_waiver"] = waiver
    return out


def evidence_years(store, iso3: str) -> list[dict[str, Any]]:
    """The report years with evidence on a country: the ledger's, else a packaged example."""
    ledger = Ledger(store)
    counts: dict[int, int] = {}
    if ledger._has_tables():
        for it in ledger.items(iso3):
            counts[it.body.report_year] = counts.get(it.body.report_year, 0) + 1
    out = [{"report_year": y, "items": n, "basis": "ledger"} for y, n in sorted(counts.items())]
    for (c, y), _name in sorted(EXAMPLES.items()):
        if c == iso3 and y not in counts:
            out.append({"report_year": y, "items": len(example_items(c, y)),
                        "basis": "packaged worked example"})
    return sorted(out, key=lambda e: e["report_year"])
