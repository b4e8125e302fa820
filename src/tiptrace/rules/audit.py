"""Audit the official record against the rules in force each year.

From the placements alone (no findings needed) the statute lets us say: which Tier 3 placements
the automatic downgrade required, in which Watch List years a waiver must have been granted for
the record to be lawful, and which placements the rules cannot explain. Where a source says what
the report itself said (waiver / automatic downgrade), both are shown.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..record.schema import is_partial, tier_options
from .engine import returned_after_downgrade, watch_list_run
from .parameters import get


def _finding(iso3: str, year: int, tier: str, kind: str, explanation: str, rule: str,
             report_says: str | None) -> dict[str, Any]:
    agrees = None
    if report_says:
        expected = {"automatic_downgrade": "auto_downgrade", "waiver_required": "waiver"}
        agrees = expected.get(kind) == report_says
    return {"country": iso3, "report_year": year, "tier": tier, "kind": kind,
            "explanation": explanation, "rule": rule, "report_says": report_says,
            "agrees_with_report": agrees}


def audit_country(iso3: str, placements: dict[int, str], rules_said: dict[int, str],
                  state_sponsored: set[int], gaps: set[int]) -> list[dict[str, Any]]:
    out = []
    for y in sorted(placements):
        tier = placements[y]
        said = rules_said.get(y) or None
        if is_partial(tier):
            # A narrowed value ("Tier 1 or 2") is neither a Watch List nor a Tier 3 year, so the
            # runs the rules count are unaffected; one that allowed either could not be judged.
            if {"2WL", "3"} & set(tier_options(tier)):
                out.append(_finding(iso3, y, tier, "cannot_evaluate",
                                    f"the {y} placement is only narrowed to {tier}",
                                    "", said))
            continue
        if tier == "2WL" and not get("watch_list.exists").value(y):
            out.append(_finding(iso3, y, tier, "unexplained",
                                f"Tier 2 Watch List in {y}, before the Watch List existed",
                                get("watch_list.exists").at(y).citation(), said))
        if y in state_sponsored and tier != "3":
            p = get("significant_efforts.policy_or_pattern").at(y)
            out.append(_finding(iso3, y, tier, "unexplained",
                                "on the state-sponsored list, which the statute treats as proof "
                                "of no significant efforts, but not on Tier 3", p.citation(), said))
        if not get("downgrade.automatic_downgrade").value(y) or tier not in ("2WL", "3"):
            continue
        k = watch_list_run(placements, y)
        limit = get("downgrade.consecutive_years_before_downgrade").at(y)
        waiver_max = get("downgrade.waiver_max_years").at(y)
        counted_from = get("downgrade.count_from_report").value(y)
        missing = [g for g in gaps if counted_from <= g < y and g >= y - k - 1]
        if missing and k < limit.value + waiver_max.value:
            out.append(_finding(iso3, y, tier, "cannot_evaluate",
                                f"the record has no value for {min(missing)}, inside the Watch "
                                "List run that the rule counts", limit.citation(), said))
            continue
        # Special rule (F): after an automatic downgrade and a return, at most `after` years.
        rule_f = get("downgrade.max_watch_list_years_after_return")
        after = rule_f.value(y) if rule_f.in_force(y) else None
        if tier == "2WL":
            if after is not None and returned_after_downgrade(placements, y) and k >= after:
                out.append(_finding(iso3, y, tier, "unexplained",
                                    f"Watch List for a {_ordinal(k + 1)} consecutive year after "
                                    f"returning from an automatic downgrade; 7107(b)(2)(F) "
                                    f"allows {after}", rule_f.at(y).citation(), said))
            elif k >= limit.value:
                used = k - limit.value + 1
                if used <= waiver_max.value:
                    out.append(_finding(iso3, y, tier, "waiver_required",
                                        f"Watch List for a {_ordinal(k + 1)} consecutive year "
                                        f"(counted from {counted_from}): lawful only with a "
                                        f"waiver (year "
                                        f"{used} of at most {waiver_max.value})",
                                        waiver_max.citation(), said))
                else:
                    out.append(_finding(iso3, y, tier, "unexplained",
                                        f"Watch List for a {_ordinal(k + 1)} consecutive year, "
                                        f"beyond the {limit.value} + {waiver_max.value} years "
                                        "the statute allows", waiver_max.citation(), said))
        elif (tier == "3" and after is not None and k >= after
              and returned_after_downgrade(placements, y)):
            out.append(_finding(iso3, y, tier, "automatic_downgrade",
                                f"Tier 3 after {k} Watch List year(s) following an earlier automatic "
                                "downgrade: required by the special rule 7107(b)(2)(F)",
                                rule_f.at(y).citation(), said))
        elif tier == "3" and k >= limit.value:
            spare = limit.value + waiver_max.value - k
            extra = ("the waiver limit was reached" if spare <= 0 else
                     f"a waiver was still available ({spare} year(s)) but not granted")
            out.append(_finding(iso3, y, tier, "automatic_downgrade",
                                f"Tier 3 after {k} consecutive Watch List years: required by "
                                f"the automatic downgrade; {extra}", limit.citation(), said))
    return out


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def audit(tier_rows: list[dict[str, Any]], state_rows: list[dict[str, Any]],
          gaps: list[dict[str, Any]], country: str | None = None,
          year: int | None = None) -> dict[str, Any]:
    placements: dict[str, dict[int, str]] = defaultdict(dict)
    said: dict[str, dict[int, str]] = defaultdict(dict)
    for r in tier_rows:
        placements[r["iso3"]][int(r["report_year"])] = r["tier"]
        if r.get("watch_list_rule"):
            said[r["iso3"]][int(r["report_year"])] = r["watch_list_rule"]
    listed: dict[str, set[int]] = defaultdict(set)
    for r in state_rows:
        listed[r["iso3"]].add(int(r["report_year"]))
    gap_years: dict[str, set[int]] = defaultdict(set)
    for g in gaps:
        gap_years[g["iso3"]].add(int(g["report_year"]))
    findings = []
    for iso3 in sorted(placements):
        if country and iso3 != country:
            continue
        rows = audit_country(iso3, placements[iso3], said[iso3], listed[iso3], gap_years[iso3])
        findings.extend(f for f in rows if year is None or f["report_year"] == year)
    # Rows where the report (per its source) says waiver/auto-downgrade but the rules found none.
    for iso3, years in said.items():
        if country and iso3 != country:
            continue
        for y, what in years.items():
            if (year is None or y == year) and not any(
                    f["country"] == iso3 and f["report_year"] == y for f in findings):
                findings.append(_finding(iso3, y, placements[iso3].get(y, ""), "report_only",
                                         f"the report says {what.replace('_', ' ')}; the record's "
                                         "placements do not show why", "", what))
    findings.sort(key=lambda f: (f["report_year"], f["country"], f["kind"]))
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f["kind"]] += 1
    checked = sum(1 for iso3, p in placements.items() if not country or iso3 == country
                  for y in p if year is None or y == year)
    narrowed = sum(1 for iso3, p in placements.items() if not country or iso3 == country
                   for y, t in p.items() if (year is None or y == year) and is_partial(t))
    return {"checked": checked, "narrowed": narrowed, "counts": dict(counts),
            "findings": findings}


def audit_determinations(tier_rows: list[dict[str, Any]], determinations: list[dict[str, Any]],
                         country: str | None = None, year: int | None = None) -> dict[str, Any]:
    """What the statute requires of a Tier 3 placement (restrictions, unless the President waives
    them, 7107(d)) against what the stored Presidential determinations say, per report year."""
    dets: dict[int, dict[str, str]] = defaultdict(dict)
    for d in determinations:
        dets[int(d["report_year"])][d["iso3"]] = d["determination"]
    years = []
    for y in sorted(dets):
        if year is not None and y != year:
            continue
        tier3 = {r["iso3"] for r in tier_rows if int(r["report_year"]) == y and r["tier"] == "3"
                 and (country is None or r["iso3"] == country)}
        named = {c: d for c, d in dets[y].items() if country is None or c == country}
        counts: dict[str, int] = defaultdict(int)
        for d in named.values():
            counts[d] += 1
        years.append({
            "report_year": y, "tier3": len(tier3), "named": len(named),
            "by_determination": dict(sorted(counts.items())),
            # Tier 3 with no determination read: either in the part of the memorandum not read,
            # or (Curaçao, Sint Maarten) not a 'country' the statute applies to.
            "tier3_not_named": sorted(tier3 - set(named)),
            # A determination on a government not on Tier 3 would contradict the record.
            "named_not_tier3": sorted(set(named) - tier3),
        })
    return {"years": years,
            "note": "Tier 3 makes a government subject to restrictions on nonhumanitarian, "
                    "nontrade-related assistance unless the President waives them (7107(d)(1), "
                    "(d)(4)); the determinations stored are those listed in `tiptrace sources`."}
