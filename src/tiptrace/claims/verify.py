"""Verify claims against the record: supported, imprecise, contradicted or not checkable."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from typing import Any

from ..analysis.rankings import PARTIAL_EDITIONS, rank_rows
from ..analysis.streaks import streak_from_rows
from ..record.countries import name_of
from ..record.schema import TIER_LABELS, is_partial, tier_label, tier_options
from .extract import Claim
from .years import edition_for_date, report_for_date

# Below this confidence a disagreement with the record is reported as unclear, never as
# "contradicted": telling a reader that a true claim is false does harm.
CONTRADICT_MIN = 0.75


class RecordIndex:
    """The record in memory, indexed for claim checking."""

    def __init__(self, tiers, state, gsi, gaps):
        self.tiers: dict[str, dict[int, str]] = defaultdict(dict)
        self.tier_rows = defaultdict(list)
        self.tier_cell: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for r in tiers:
            self.tiers[r["iso3"]][r["report_year"]] = r["tier"]
            self.tier_rows[r["iso3"]].append(r)
            self.tier_cell[(r["iso3"], r["report_year"])].append(r)
        self.state: dict[int, set[str]] = defaultdict(set)
        for r in state:
            self.state[r["report_year"]].add(r["iso3"])
        self.gsi_rows: dict[int, list[dict]] = defaultdict(list)
        for r in gsi:
            self.gsi_rows[r["edition"]].append(r)
        self.years = sorted({y for s in self.tiers.values() for y in s})
        self.editions = sorted(self.gsi_rows)
        self.gaps: dict[str, set[int]] = defaultdict(set)
        for g in gaps:
            self.gaps[g["iso3"]].add(int(g["report_year"]))
        self._ranks: dict[tuple[int, str], list[dict]] = {}

    @classmethod
    def from_store(cls, store) -> RecordIndex:
        from ..record import packaged

        return cls(store.tiers(), store.state_sponsored(), store.gsi(),
                   packaged.resource("tip_tiers")["gaps"])

    def ranked(self, edition: int, by: str) -> list[dict]:
        key = (edition, by)
        if key not in self._ranks:
            self._ranks[key] = rank_rows(self.gsi_rows[edition], by)
        return self._ranks[key]


def tip_year_for(date: dt.date | None, years: list[int]) -> tuple[int, str]:
    return report_for_date(date, years)


def gsi_edition_for(date: dt.date | None, editions: list[int]) -> tuple[int, str]:
    return edition_for_date(date, editions)


def _set(c: Claim, verdict: str, value: Any, explanation: str, rows=None) -> Claim:
    c.verdict, c.record_value, c.explanation = verdict, value, explanation
    c.rows = rows or []
    return c


# Names that stand for more than one country: "Congo" may mean either (and mostly means the
# larger, the Democratic Republic, in trafficking coverage).
AMBIGUOUS = {"congo": ("COG", "COD"), "the congo": ("COG", "COD")}


def verify(c: Claim, idx: RecordIndex, date: dt.date | None) -> Claim:
    written = str(c.params.get("as_written", "")).lower().strip()
    if written in AMBIGUOUS and len(c.countries) == 1:
        readings = []
        for iso in AMBIGUOUS[written]:
            alt = copy.deepcopy(c)
            alt.countries = [iso]
            readings.append(_verify(alt, idx, date))
        best = next((r for r in readings if r.verdict == "supported"), None)
        if best is None:
            best = readings[0]
            best.confidence = round(best.confidence * 0.7, 3)  # which Congo is unclear
        best.explanation += f" ('{c.params['as_written']}' read as {name_of(best.countries[0])})"
        c = best
    else:
        c = _verify(c, idx, date)
    if c.verdict == "contradicted" and c.confidence < CONTRADICT_MIN:
        c.verdict = "not_checkable"
        c.explanation = (f"unclear: the record says otherwise ({c.explanation}), but the claim's "
                         f"reading is not certain (confidence {c.confidence:.2f}: "
                         f"{_doubts(c)})")
    return c


def _doubts(c: Claim) -> str:
    parts = []
    for what, how in c.resolution.items():
        if isinstance(how, dict) and how.get("from"):
            parts.append(f"its {what} come from an earlier sentence")
        elif isinstance(how, str) and how != "this clause" and how != "this sentence":
            parts.append(f"its {what}: {how}")
    if "no year or date given" in c.year_basis:
        parts.append("the article gives no date")
    return "; ".join(parts) or "the wording is indirect"


def _verify(c: Claim, idx: RecordIndex, date: dt.date | None) -> Claim:
    if c.kind.startswith("gsi"):
        if c.year is None:
            c.year, c.year_basis = gsi_edition_for(date, idx.editions)
        elif not c.year_basis:
            c.year_basis = "edition named in the sentence"
        if c.year not in idx.gsi_rows:
            return _set(c, "not_checkable", None, f"the record has no GSI {c.year} edition")
        return GSI_CHECKS[c.kind](c, idx)
    if c.year is None:
        c.year, c.year_basis = tip_year_for(date, idx.years)
    elif not c.year_basis:
        c.year_basis = "year named in the sentence"
    if c.year not in idx.years:
        return _set(c, "not_checkable", None, f"the record has no {c.year} TIP report")
    return TIP_CHECKS[c.kind](c, idx)


def _tier_row(idx: RecordIndex, iso3: str, year: int) -> list[dict]:
    return idx.tier_cell.get((iso3, year), [])


def check_tier(c: Claim, idx: RecordIndex) -> Claim:
    iso3, y, claimed = c.countries[0], c.year, c.params["tier"]
    actual = idx.tiers[iso3].get(y)
    rows = _tier_row(idx, iso3, y)
    who = f"{name_of(iso3)} in the {y} report"
    if actual is None:
        why = "a known gap" if y in idx.gaps[iso3] else "not rated"
        return _set(c, "not_checkable", None, f"the record has no tier for {who} ({why})")
    label = tier_label(actual)
    if is_partial(actual):
        # The record narrows the cell ("Tier 1 or 2"): a tier outside it is wrong (or rightly
        # denied), one inside it cannot be told.
        if claimed in tier_options(actual):
            return _set(c, "not_checkable", actual, f"{who}: the record narrows it to {label}",
                        rows)
        ok = bool(c.params.get("negated"))
        return _set(c, "supported" if ok else "contradicted", actual,
                    f"{who}: {label}, not {TIER_LABELS[claimed]}", rows)
    if c.params.get("negated"):
        ok = actual != claimed
        return _set(c, "supported" if ok else "contradicted", actual,
                    f"{who}: {label}" + ("" if ok else ", which the sentence denies"), rows)
    prev = c.params.get("previous_tier")
    if prev is not None:
        before = idx.tiers[iso3].get(y - 1)
        if before is not None and before != prev:
            return _set(c, "contradicted", actual, f"{who}: {label}; in {y - 1}: "
                        f"{TIER_LABELS[before]}, not {TIER_LABELS[prev]}", rows)
    if actual == claimed:
        return _set(c, "supported", actual, f"{who}: {label}", rows)
    if {actual, claimed} == {"2", "2WL"}:
        return _set(c, "imprecise", actual, f"{who}: {label} (the Watch List is part of Tier 2 "
                    "in the statute, but the report lists it separately)", rows)
    return _set(c, "contradicted", actual, f"{who}: {label}, not {TIER_LABELS[claimed]}", rows)


def check_streak(c: Claim, idx: RecordIndex) -> Claim:
    iso3, y, claimed = c.countries[0], c.year, c.params["tier"]
    rows = idx.tier_rows[iso3]
    s = streak_from_rows(iso3, rows, y, idx.gaps[iso3], idx.years[0])
    if s is None:
        return _set(c, "not_checkable", None, f"the record has no tier for {name_of(iso3)} in "
                    f"the {y} report")
    used = [r for r in rows if s.start <= r["report_year"] <= s.end]
    if s.tier != claimed:
        return _set(c, "contradicted", s.tier, f"{name_of(iso3)} was on {TIER_LABELS[s.tier]} "
                    f"in {y}, not {TIER_LABELS[claimed]}", used)
    gap_note = (f"; the record has a gap in {s.start - 1}, so the run may be longer"
                if s.preceded_by == "data gap" else "")
    if "since" in c.params:
        since = c.params["since"]
        if s.start <= since:
            return _set(c, "supported", s.start, f"{TIER_LABELS[s.tier]} in every report "
                        f"{s.start}-{s.end}", used)
        return _set(c, "contradicted" if not gap_note else "not_checkable", s.start,
                    f"{TIER_LABELS[s.tier]} only since {s.start}{gap_note}", used)
    n = c.params["length"]
    if n == s.length:
        return _set(c, "supported", s.length, f"{s.length} consecutive reports on "
                    f"{TIER_LABELS[s.tier]} ({s.start}-{s.end})", used)
    if gap_note and n > s.length:
        return _set(c, "not_checkable", s.length, f"the record shows {s.length} "
                    f"({s.start}-{s.end}){gap_note}", used)
    verdict = "imprecise" if abs(n - s.length) == 1 else "contradicted"
    return _set(c, verdict, s.length, f"{s.length} consecutive reports on {TIER_LABELS[s.tier]} "
                f"({s.start}-{s.end}), not {n}", used)


def check_state(c: Claim, idx: RecordIndex) -> Claim:
    y = c.year
    if y < 2020:
        return _set(c, "not_checkable", None, "the state-sponsored list starts with the 2020 "
                    "report")
    listed = c.countries[0] in idx.state[y]
    ok = listed == c.params["listed"]
    state = "on" if listed else "not on"
    return _set(c, "supported" if ok else "contradicted", listed,
                f"{name_of(c.countries[0])} is {state} the {y} state-sponsored list")


def check_state_count(c: Claim, idx: RecordIndex) -> Claim:
    y = c.year
    if y < 2020:
        return _set(c, "not_checkable", None, "the state-sponsored list starts with the 2020 "
                    "report")
    n = len(idx.state[y])
    ok = n == c.params["count"]
    return _set(c, "supported" if ok else "contradicted", n,
                f"the {y} list names {n} governments")


def _compare_amount(claimed: float, tol: float, qualifier: str, actual: float) -> str:
    """A figure is right as written when it is the record's value rounded or cut at the
    writer's own precision ("18.3 million" for 18,354,700; "4.0 percent" for 3.97 %)."""
    if qualifier == "over":
        return "supported" if actual >= claimed else (
            "imprecise" if actual >= claimed * 0.95 else "contradicted")
    if qualifier == "under":
        return "supported" if actual <= claimed + tol else (
            "imprecise" if actual <= claimed * 1.05 else "contradicted")
    if qualifier == "nearly" and claimed * 0.9 <= actual <= claimed + tol:
        return "supported"
    if abs(actual - claimed) <= tol * 1.0001:
        return "supported"  # rounded
    if claimed <= actual < claimed + 2 * tol * 1.0001:
        return "supported"  # truncated
    if qualifier == "about" and abs(actual - claimed) <= 0.05 * claimed:
        return "supported"
    if abs(actual - claimed) <= 0.1 * max(claimed, 1e-9):
        return "imprecise"
    return "contradicted"


def _gsi_row(idx: RecordIndex, edition: int, iso3: str) -> dict | None:
    return next((r for r in idx.gsi_rows[edition] if r["iso3"] == iso3), None)


def check_gsi_value(c: Claim, idx: RecordIndex) -> Claim:
    field = "est_number" if c.kind == "gsi_number" else "prevalence_per_1000"
    row = _gsi_row(idx, c.year, c.countries[0])
    if row is None or row.get(field) is None:
        return _set(c, "not_checkable", None, f"GSI {c.year} has no {field.replace('_', ' ')} "
                    f"for {name_of(c.countries[0])}", [row] if row else [])
    actual = row[field]
    verdict = _compare_amount(c.params["value"], c.params["tolerance"], c.params["qualifier"],
                              actual)
    shown = f"{actual:,.0f}" if field == "est_number" else f"{actual:.1f} per 1,000"
    return _set(c, verdict, actual, f"GSI {c.year}: {name_of(c.countries[0])} {shown}", [row])


def _rank_of(idx: RecordIndex, edition: int, iso3: str, by: str) -> tuple[int | None, str, list]:
    """A country's rank: as Walk Free published it where the record has that (by prevalence),
    else computed over the edition's estimates; None where neither can be said (a partial
    edition ranks only among its known rows, which proves nothing)."""
    row = _gsi_row(idx, edition, iso3)
    if by == "prevalence" and row and row.get("rank_prevalence") and \
            row.get("rank_basis") == "published":
        return int(row["rank_prevalence"]), "as published", [row]
    if edition in PARTIAL_EDITIONS:
        return None, "partial edition", [row] if row else []
    r = next((x for x in idx.ranked(edition, by) if x["country"] == iso3), None)
    return (r["rank"], "computed from the estimates", [r]) if r else (None, "no estimate", [])


def check_gsi_rank(c: Claim, idx: RecordIndex) -> Claim:
    iso3, by = c.countries[0], c.params["by"]
    rank, basis, rows = _rank_of(idx, c.year, iso3, by)
    if rank is None:
        why = ("only part of this edition is known, and no published rank is recorded"
               if basis == "partial edition" else f"no {by} estimate")
        return _set(c, "not_checkable", None, f"GSI {c.year}: {why} for {name_of(iso3)}", rows)
    ok = rank == c.params["rank"]
    if not ok and c.params.get("by_inferred"):
        # The sentence does not say by which measure: the other one may be meant.
        other = "number" if by == "prevalence" else "prevalence"
        rank2, basis2, rows2 = _rank_of(idx, c.year, iso3, other)
        if rank2 == c.params["rank"]:
            c.params["by"] = other
            return _set(c, "supported", rank2, f"GSI {c.year} by {other}: {name_of(iso3)} "
                        f"ranks {rank2} ({basis2}; the sentence names no measure)", rows2)
        c.confidence = round(c.confidence * 0.7, 3)  # which ranking is meant is unclear
    return _set(c, "supported" if ok else "contradicted", rank,
                f"GSI {c.year} by {by}: {name_of(iso3)} ranks {rank} ({basis})", rows)


def check_gsi_order(c: Claim, idx: RecordIndex) -> Claim:
    by = c.params["by"]
    ranks = [_rank_of(idx, c.year, i, by)[0] for i in c.countries]
    if None in ranks:
        return _set(c, "not_checkable", ranks, "a named country has no rank in GSI "
                    f"{c.year}")
    # "Saudi Arabia has the most, followed by the UAE and Qatar" may rank a region, not the
    # world: the order must hold; the ranks need not be consecutive.
    ok = all(a < b for a, b in zip(ranks, ranks[1:], strict=False))
    names = ", ".join(f"{name_of(i)} ({p})" for i, p in zip(c.countries, ranks, strict=True))
    return _set(c, "supported" if ok else "contradicted", ranks,
                f"GSI {c.year} ranks by {by}: {names}")


def check_top_share(c: Claim, idx: RecordIndex) -> Claim:
    k = c.params["k"]
    ranked = idx.ranked(c.year, "number")
    if c.year in PARTIAL_EDITIONS or not ranked or not k:
        return _set(c, "not_checkable", None, f"GSI {c.year} is only partly known")
    actual = ranked[min(k, len(ranked)) - 1]["cumulative_share"]
    diff = abs(actual - c.params["share"])
    verdict = "supported" if diff <= 0.006 else "imprecise" if diff <= 0.03 else "contradicted"
    top = ", ".join(name_of(r["country"]) for r in ranked[:k])
    return _set(c, verdict, round(actual, 4), f"GSI {c.year}: the top {k} ({top}) hold "
                f"{actual:.1%} of the total", ranked[:k])


def check_tier_count(c: Claim, idx: RecordIndex) -> Claim:
    y, tier, n = c.year, c.params["tier"], c.params["count"]
    names = sorted(iso for iso, by_year in idx.tiers.items() if by_year.get(y) == tier)
    actual = len(names)
    label = TIER_LABELS[tier]
    gaps = sorted(iso for iso, years in idx.gaps.items() if y in years)
    if actual == n:
        return _set(c, "supported", actual, f"the record has {actual} countries on {label} in "
                    f"the {y} report")
    if gaps and actual < n <= actual + len(gaps):
        return _set(c, "not_checkable", actual, f"the record has {actual} countries on {label} "
                    f"in {y}, and {len(gaps)} country-years of that report are gaps")
    verdict = "imprecise" if abs(actual - n) <= max(1, round(0.05 * actual)) else "contradicted"
    return _set(c, verdict, actual, f"the record has {actual} countries on {label} in the {y} "
                f"report, not {n}")


TIP_CHECKS = {"tier": check_tier, "streak": check_streak, "state_sponsored": check_state,
              "state_sponsored_count": check_state_count, "tier_count": check_tier_count}
GSI_CHECKS = {"gsi_number": check_gsi_value, "gsi_prevalence": check_gsi_value,
              "gsi_rank": check_gsi_rank, "gsi_order": check_gsi_order,
              "gsi_top_share": check_top_share}
