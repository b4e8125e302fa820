"""tiptrace: Trafficking in Persons tiers and Global Slavery Index estimates, open and auditable.

For notebooks, the functions below return pandas DataFrames (pandas is imported on first use)::

    import tiptrace
    tiptrace.tiers(year=2024)          # who was where
    tiptrace.history("Thailand")       # one country, every report year
    tiptrace.gsi(2023)                 # GSI estimates of one edition
    tiptrace.gsi_rank(2023, by="prevalence", top=10)
    tiptrace.streak("North Korea", 2025)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .analysis.streaks import Streak

__version__ = "0.1.0"
__all__ = ["tiers", "history", "gsi", "gsi_rank", "streak", "state_sponsored", "countries",
           "transition_matrix", "changes", "compare_rankings", "consistency",
           "sources", "resolve", "open_store", "assess", "evidence_items"]

_STORES: dict[str | None, Any] = {}


def open_store(db: str | None = None):
    """The store at DB (path or SQLAlchemy URL), default the embedded SQLite store."""
    from .record.store import Store

    if db not in _STORES:
        _STORES[db] = Store.open(db)
    return _STORES[db]


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows)


def resolve(country: str) -> str:
    """ISO3 code for a code, name or alias (raises UnknownCountryError with suggestions)."""
    from .record.countries import resolve as _resolve

    return _resolve(country)


def tiers(year: int | None = None, country: str | None = None, tier: str | None = None,
          db: str | None = None) -> pd.DataFrame:
    """Tier placements, one row per country and report year, with quality and source."""
    from .services import record as queries

    iso3 = resolve(country) if country else None
    t = queries.parse_tier(tier) if tier else None
    if year is not None:
        queries.check_year(open_store(db), year)
    return _frame(open_store(db).tiers(year=year, iso3=iso3, tier=t))


def history(country: str, db: str | None = None) -> pd.DataFrame:
    from .services import record as queries

    return _frame(queries.history(open_store(db), country)["years"])


def state_sponsored(year: int | None = None, db: str | None = None) -> pd.DataFrame:
    return _frame(open_store(db).state_sponsored(year=year))


def gsi(edition: int | None = None, db: str | None = None) -> pd.DataFrame:
    """Global Slavery Index rows (one edition, or all)."""
    from .services import record as queries

    store = open_store(db)
    if edition is not None and edition not in store.gsi_editions():
        queries.gsi_rank(store, edition)  # raises the clear "no such edition" error
    return _frame(store.gsi(edition=edition))


def gsi_rank(edition: int, by: str = "number", top: int | None = None,
             db: str | None = None) -> pd.DataFrame:
    from .services import record as queries

    return _frame(queries.gsi_rank(open_store(db), edition, by, top))


def streak(country: str, year: int, db: str | None = None) -> Streak:
    from .services import record as queries

    return queries.streak(open_store(db), country, year)


def countries(query: str | None = None) -> pd.DataFrame:
    from dataclasses import asdict

    from .record.countries import search

    return _frame([asdict(c) for c in search(query)])


def sources() -> dict[str, Any]:
    from .record import packaged

    return packaged.datapackage()


def transition_matrix(start: int | None = None, end: int | None = None, rates: bool = False,
                      db: str | None = None) -> pd.DataFrame:
    """Tier-to-tier transitions between consecutive reports (rows: from, columns: to)."""
    from .services import analysis as queries

    m = queries.transition_matrix(open_store(db), start, end)
    import pandas as pd

    return pd.DataFrame(m["rates" if rates else "counts"]).T.loc[m["tiers"], m["tiers"]]


def changes(year: int, db: str | None = None) -> pd.DataFrame:
    from .services import analysis as queries

    return _frame(queries.changes(open_store(db), year))


def compare_rankings(edition: int, db: str | None = None) -> pd.DataFrame:
    from .services import analysis as queries

    return _frame(queries.compare_rankings(open_store(db), edition)["rows"])


def consistency(year: int, edition: int | None = None, db: str | None = None) -> dict[str, Any]:
    """The 'like cases alike' analysis; `outliers` and `countries` as DataFrames."""
    from .services import analysis as queries

    r = queries.consistency_check(open_store(db), year, edition)
    return {**r, "outliers": _frame(r["outliers"]), "countries": _frame(r["countries"]),
            "neighbour_pairs": _frame(r["neighbour_pairs"])}


def assess(country: str, year: int, db: str | None = None, examples: bool = True) -> dict[str, Any]:
    """The evidence ledger's assessment of a country-year: recommended tier, confidence,
    interval, per source family, state-direct only, sensitivity, official tier and trace
    (from a packaged worked example when the ledger has no items and `examples` is true)."""
    from .evidence.queries import assess as _assess

    return _assess(open_store(db), country, year, examples=examples)


def evidence_items(country: str | None = None, year: int | None = None,
                   db: str | None = None) -> pd.DataFrame:
    """The ledger's current items, one row each (source and grades as nested values)."""
    from .evidence.ledger import Ledger

    iso3 = resolve(country) if country else None
    return _frame([it.row() for it in Ledger(open_store(db)).items(iso3, year)])
