"""Build tiptrace's packaged dataset from the assembled source tables and our curation files.

Run from the repository root (needs ../shared/data beside the checkout, a development-time input only):

    python scripts/build_record.py            # writes src/tiptrace/record/data/*
    python scripts/build_record.py --check    # fails if the committed files differ from a fresh build

The installed package never reads ../shared: it reads only what this script wrote.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIPTRACE_SHARED", ROOT.parent / "shared" / "data"))
CURATION = ROOT / "data" / "curation"
OUT = ROOT / "src" / "tiptrace" / "record" / "data"
sys.path.insert(0, str(ROOT / "src"))

from tiptrace.record.countries import LAST_RATED, all_countries  # noqa: E402
from tiptrace.record.schema import (  # noqa: E402
    CSV_NOTE,
    DETERMINATION_COLUMNS,
    DETERMINATION_LABELS,
    FIRST_REPORT_YEAR,
    GSI_COLUMNS,
    PARTIAL_SEPARATOR,
    QUALITY_ORDER,
    STATE_SPONSORED_COLUMNS,
    TIER_CODES,
    TIER_COLUMNS,
    TIERS,
    table_schema,
)

LAST_REPORT_YEAR = 2025

CHO = "andrewheiss/scorecard-diplomacy:data/original/criminalization-cho-tiers_jk_2015-08-10.dta"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def classify(source: str, evidence: str) -> str:
    """Grade a base row by what it rests on (see data/curation/README.md for the scale)."""
    ev = evidence.lower()
    if "derived" in ev or "[derived" in source:
        return "derived"
    if "secondary" in ev or "year inferred" in ev:
        return "secondary"
    if "scorecard-diplomacy" in source:
        # Cho/Kelley and Kelley & Simmons: peer-reviewed codings of the reports themselves.
        return "dataset"
    if "sure2018" in source:
        return "secondary"  # a student project with undocumented provenance (see NOTES.md)
    # Copies first: a Factbook source names the state.gov report page it cites.
    if any(h in source for h in ("factbook", "gvnet.com", "statenewswire", "usembassy.gov",
                                 "regulations.justia", "regulations.vlex", "federalregister")):
        return "copy"
    if any(h in source for h in ("state.gov", "ecoi.net", "refworld.org")):
        return "primary"
    return "secondary"


def watch_list_rule(text: str) -> str:
    t = (text or "").lower()
    if "waiver" in t and "not" not in t.split("waiver")[0][-20:]:
        return "waiver"
    if "auto" in t:
        return "auto_downgrade"
    return ""


def base_tiers() -> list[dict[str, str]]:
    rows = []
    for r in read_csv(SHARED / "tip" / "tip_tiers.csv"):
        evidence = r.get("evidence") or ""
        source = r["source"]
        rows.append({
            "iso3": r["iso3"],
            "report_year": r["report_year"],
            "tier": r["tier"],
            "watch_list_rule": watch_list_rule(r.get("auto_downgrade", "")),
            "quality": classify(source, evidence),
            "source": source,
            "evidence": evidence,
            "name_in_source": r["country_name"],
        })
    return rows


def better(new: dict, old: dict) -> bool:
    return QUALITY_ORDER.index(new["quality"]) < QUALITY_ORDER.index(old["quality"])


def outranks(fill: dict, old: dict) -> bool:
    """Whether a curated row replaces the record's row for the same cell.

    Beyond the quality order: the research codings' 2003-2008 "special" codes are exactly what
    the report's own words must settle (formal Special Case, or not rated at all), so any reading
    of the report - even a copy, or the next report's "remains a special case" - replaces them.
    """
    if better(fill, old):
        return True
    return (old["quality"] == "dataset" and old["tier"] == "special"
            and int(old["report_year"]) <= 2008 and fill["quality"] in ("copy", "derived"))


def mark_not_rated(by_key: dict, key: tuple[str, str], reading: dict, log: list[dict],
                   not_rated: list[dict]) -> None:
    """Record that the report did not rate KEY, removing the record's row for it if any."""
    old = by_key.pop(key, None)
    if old is not None:
        log.append({"iso3": key[0], "report_year": key[1], "change": "removed (not rated)",
                    "old": old["tier"], "new": "", "source": reading["source"]})
    not_rated.append({"iso3": key[0], "report_year": key[1], "source": reading["source"],
                      "evidence": reading["evidence"]})


def merge_fills(rows: list[dict], log: list[dict], not_rated: list[dict]) -> list[dict]:
    """Add curated rows: fill gaps, and replace rows that rest on a weaker source.

    A fill whose tier is `not_rated` records that the report did not rate the country that year.
    """
    path = CURATION / "tip_fills.csv"
    if not path.exists():
        return rows
    by_key = {(r["iso3"], r["report_year"]): r for r in rows}
    fills = read_csv(path)
    # Best fill per cell first, so a cell's final row does not depend on file order.
    fills.sort(key=lambda f: (f["iso3"], f["report_year"], QUALITY_ORDER.index(f["quality"])))
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for f in fills:
        key = (f["iso3"], f["report_year"])
        if key not in best:
            best[key] = (f["quality"], f["tier"])
        elif best[key][0] == f["quality"] and best[key][1] != f["tier"]:
            # Equally graded readings that disagree: file order must not decide.
            raise SystemExit(f"tip_fills.csv: {key} is {best[key][1]} and {f['tier']} in equally "
                             f"graded ({f['quality']}) rows; check the pages and keep one")
    seen: set[tuple[str, str]] = set()
    for f in fills:
        key = (f["iso3"], f["report_year"])
        if key in seen:
            continue
        seen.add(key)
        if f["tier"] == "not_rated":
            old = by_key.get(key)
            if old is not None and not outranks(f, old):
                log.append({"iso3": key[0], "report_year": key[1], "change": "conflict-kept-old",
                            "old": old["tier"], "new": "not rated", "source": f["source"]})
                continue
            # E.g. a 2003-2008 research code "special" where the report itself did not rate the
            # country: the report outranks the coding.
            mark_not_rated(by_key, key, f, log, not_rated)
            continue
        row = {
            "iso3": f["iso3"], "report_year": f["report_year"], "tier": f["tier"],
            "watch_list_rule": f.get("waiver_or_auto", ""), "quality": f["quality"],
            "source": f["source"], "evidence": f["evidence"], "name_in_source": f["country_name"],
        }
        old = by_key.get(key)
        if old is None:
            by_key[key] = row
            log.append({"iso3": key[0], "report_year": key[1], "change": "filled",
                        "old": "", "new": row["tier"], "source": row["source"]})
        elif outranks(row, old) or (row["quality"] == old["quality"] and row["tier"] == old["tier"]):
            if row["tier"] != old["tier"]:
                log.append({"iso3": key[0], "report_year": key[1], "change": "corrected",
                            "old": f"{old['tier']} ({old['quality']}: {old['source']})",
                            "new": row["tier"], "source": row["source"]})
            if not row["watch_list_rule"]:
                row["watch_list_rule"] = old["watch_list_rule"]
            by_key[key] = row
        elif row["tier"] != old["tier"]:
            log.append({"iso3": key[0], "report_year": key[1], "change": "conflict-kept-old",
                        "old": f"{old['tier']} ({old['quality']})",
                        "new": f"{row['tier']} ({row['quality']})", "source": row["source"]})
    carry_watch_list_rules(fills, by_key, log)
    return list(by_key.values())


def carry_watch_list_rules(fills: list[dict], by_key: dict, log: list[dict]) -> None:
    """A waiver or automatic downgrade stated by any reading of the same placement applies to it.

    The waiver memos and some news name the waiver without being the best source for the tier;
    the tier row keeps its own source, and the corrections log names where the rule was read.
    """
    for f in fills:  # best graded first
        row = by_key.get((f["iso3"], f["report_year"]))
        rule = f.get("waiver_or_auto", "")
        if rule and row is not None and row["tier"] == f["tier"] and not row["watch_list_rule"]:
            row["watch_list_rule"] = rule
            log.append({"iso3": f["iso3"], "report_year": f["report_year"],
                        "change": f"report says {rule}", "old": "", "new": row["tier"],
                        "source": f["source"]})


def apply_verification(rows: list[dict], log: list[dict],
                       not_rated: list[dict]) -> list[dict]:
    """Apply verify.csv: the 2003-2008 'special' codes, doubtful cells, and the 2001 list."""
    path = CURATION / "verify.csv"
    if not path.exists():
        return rows
    by_key = {(r["iso3"], r["report_year"]): r for r in rows}
    # Weakest first, so that where several rows settle a cell the best source is applied last.
    checks = sorted(read_csv(path), key=lambda v: -QUALITY_ORDER.index(v.get("quality") or "primary"))
    for v in checks:
        key = (v["iso3"], v["report_year"])
        topic, finding = v["topic"], v["finding"]
        if topic == "special" and finding == "not_rated" and key in by_key:
            mark_not_rated(by_key, key, v, log, not_rated)
        elif finding == "tier" and v["value"] in TIERS:
            row = {"iso3": key[0], "report_year": key[1], "tier": v["value"],
                   "watch_list_rule": by_key.get(key, {}).get("watch_list_rule", ""),
                   "quality": v.get("quality") or "primary", "source": v["source"],
                   "evidence": v["evidence"], "name_in_source": v["country_name"]}
            old = by_key.get(key)
            if old is None or not better(old, row):
                if old is None or old["tier"] != row["tier"]:
                    log.append({"iso3": key[0], "report_year": key[1],
                                "change": "filled" if old is None else "corrected",
                                "old": old["tier"] if old else "", "new": row["tier"],
                                "source": row["source"]})
                by_key[key] = row
        elif finding == "corrected_tier" and v["value"] in TIERS:
            # A checked doubt: several sources, dated at the report's release, contradict a
            # research coding. The corrected row keeps its own (weaker) grade, so it stays listed
            # among the weak rows until the report's text is found.
            old = by_key.get(key)
            by_key[key] = {"iso3": key[0], "report_year": key[1], "tier": v["value"],
                           "watch_list_rule": old["watch_list_rule"] if old else "",
                           "quality": v["quality"], "source": v["source"],
                           "evidence": v["evidence"], "name_in_source": v["country_name"]}
            log.append({"iso3": key[0], "report_year": key[1], "change": "corrected",
                        "old": f"{old['tier']} ({old['quality']})" if old else "",
                        "new": v["value"], "source": v["source"]})
        elif finding == "special_case" and key in by_key:
            r = by_key[key]
            r.update(tier="special", source=v["source"], evidence=v["evidence"],
                     quality=v.get("quality") or "primary")
        elif finding in ("auto_downgrade", "waiver") and key in by_key:
            # What the report (as quoted by the source) says about the placement.
            by_key[key]["watch_list_rule"] = finding
            log.append({"iso3": key[0], "report_year": key[1], "change": f"report says {finding}",
                        "old": "", "new": by_key[key]["tier"], "source": v["source"]})
    return list(by_key.values())


def whole_lists(base: list[dict]) -> dict[int, dict]:
    """The report years for which whole lists of some tiers are known (data/curation/
    whole_lists.json), with each list's members.

    A list comes either from the Factbook rows of the assembled table (its field names every
    country of the Watch List and Tier 3, and in 2025 the Special Cases, with a dated link to the
    report) or, where the file names them, from the countries a cited page lists.
    """
    path = CURATION / "whole_lists.json"
    if not path.exists():
        return {}
    factbook: dict[tuple[int, str], set[str]] = defaultdict(set)
    for r in base:
        if "factbook" in r["source"] and "[derived" not in r["source"]:
            factbook[(int(r["report_year"]), r["tier"])].add(r["iso3"])
    out = {}
    for entry in json.loads(path.read_text("utf-8")):
        year = int(entry["report_year"])
        lists = {}
        for lst in entry["lists"]:
            members = (set(lst["members"]) if "members" in lst
                       else factbook[(year, lst["tier"])])
            if not members:
                raise SystemExit(f"whole_lists.json: no members for {year} {lst['tier']}")
            lists[lst["tier"]] = {**lst, "members": members}
        out[year] = {**entry, "lists": lists}
    return out


def narrow_by_whole_lists(rows: list[dict], lists: dict[int, dict], not_rated: list[dict],
                          log: list[dict]) -> tuple[list[dict], list[dict]]:
    """Narrow the gap cells of years whose whole lists are known, and check the rows against them.

    A country expected in year Y, with no row, and on none of Y's whole lists holds one of the
    remaining tiers: "1|2" when the Watch List, Tier 3 and Special Cases are all known (a single
    tier when only one remains). A row whose tier is one of those lists but whose country the list
    does not name contradicts it: a weaker row (news) gives way to the narrowed value, and every
    such case is listed (`whole_list_conflicts`) so it can be read again.
    """
    by_key = {(r["iso3"], r["report_year"]): r for r in rows}
    conflicts = []
    for year, entry in sorted(lists.items()):
        covered = entry["lists"]
        remaining = [t for t in TIERS if t not in covered]
        value = PARTIAL_SEPARATOR.join(remaining)
        sources = "; ".join(f"{lst['title']} <{lst['url']}>" for lst in covered.values())
        evidence = (f"on none of the whole lists of the {year} report ("
                    + ", ".join(sorted(covered)) + f"): one of {{{', '.join(remaining)}}}")
        derived = {"report_year": str(year), "tier": value, "watch_list_rule": "",
                   "quality": "derived", "source": sources, "evidence": evidence,
                   "name_in_source": ""}
        for r in [r for r in rows if int(r["report_year"]) == year]:
            lst = covered.get(r["tier"])
            if lst is None or r["iso3"] in lst["members"]:
                continue
            weaker = QUALITY_ORDER.index(r["quality"]) > QUALITY_ORDER.index("derived")
            conflicts.append({"iso3": r["iso3"], "report_year": year, "tier": r["tier"],
                              "quality": r["quality"], "source": r["source"],
                              "list": lst["title"], "kept": not weaker})
            if weaker:
                by_key[(r["iso3"], r["report_year"])] = {**derived, "iso3": r["iso3"]}
                log.append({"iso3": r["iso3"], "report_year": str(year), "change": "corrected",
                            "old": f"{r['tier']} ({r['quality']}: {r['source']})", "new": value,
                            "source": sources})
        current = list(by_key.values())
        for g in tier_gaps(current, not_rated):
            if g["report_year"] == year:
                key = (g["iso3"], str(year))
                by_key[key] = {**derived, "iso3": g["iso3"]}
                log.append({"iso3": g["iso3"], "report_year": str(year), "change": "narrowed",
                            "old": "", "new": value, "source": sources})
    return list(by_key.values()), conflicts


def finish_tiers(rows: list[dict]) -> list[dict]:
    countries = all_countries()
    out = []
    for r in rows:
        if r["iso3"] not in countries:
            raise SystemExit(f"unknown iso3 {r['iso3']} in tier rows")
        if r["tier"] not in TIER_CODES:
            raise SystemExit(f"bad tier {r['tier']!r} for {r['iso3']} {r['report_year']}")
        out.append({"country": countries[r["iso3"]].name, **r})
    out.sort(key=lambda r: (int(r["report_year"]), r["iso3"]))
    return [{c: r.get(c, "") for c in TIER_COLUMNS} for r in out]


def build_determinations(tiers: list[dict]) -> list[dict]:
    """The Presidential determinations read (data/curation/determinations.csv), checked: each
    names a government the record places on Tier 3 in that report."""
    path = CURATION / "determinations.csv"
    if not path.exists():
        return []
    countries = all_countries()
    tier = {(r["iso3"], r["report_year"]): r["tier"] for r in tiers}
    out = []
    for d in read_csv(path):
        key = (d["iso3"], d["report_year"])
        if d["determination"] not in DETERMINATION_LABELS:
            raise SystemExit(f"determinations.csv: {key} determination {d['determination']!r}")
        if tier.get(key) != "3":
            raise SystemExit(f"determinations.csv: {key} is named in a determination but is "
                             f"{tier.get(key)!r} in the record; check the document")
        out.append({**d, "country": countries[d["iso3"]].name})
    out.sort(key=lambda r: (int(r["report_year"]), r["iso3"]))
    return [{c: r.get(c, "") for c in DETERMINATION_COLUMNS} for r in out]


def build_state_sponsored() -> list[dict]:
    countries = all_countries()
    rows = {}
    for r in read_csv(SHARED / "tip" / "state_sponsored.csv"):
        rows[(r["iso3"], r["report_year"])] = {
            "iso3": r["iso3"], "country": countries[r["iso3"]].name,
            "report_year": r["report_year"], "quality": classify(r["source"], ""),
            "source": r["source"], "evidence": r.get("evidence", ""),
        }
    path = CURATION / "verify.csv"
    if path.exists():
        for v in read_csv(path):
            if v["topic"] != "state_sponsored":
                continue
            key = (v["iso3"], v["report_year"])
            if v["finding"] in ("contradicted", "not_listed"):
                rows.pop(key, None)
                continue
            new = {"iso3": key[0], "country": countries[key[0]].name, "report_year": key[1],
                   "quality": v.get("quality") or classify(v["source"], ""),
                   "source": v["source"], "evidence": v["evidence"]}
            old = rows.get(key)
            if old is None or better(new, old):
                rows[key] = new
    out = sorted(rows.values(), key=lambda r: (int(r["report_year"]), r["iso3"]))
    return [{c: r.get(c, "") for c in STATE_SPONSORED_COLUMNS} for r in out]


GSI_EDITION_NOTES = {
    "2013": "Partial: ranks of the top and bottom ten and five estimates, from news pages. The 2013 "
            "rank is the published index rank (prevalence 95%, child marriage, trafficking), "
            "not a prevalence rank.",
    "2014": "Partial: published ranks 110-167 and a few top-ranked countries from news pages; "
            "prevalence published as a percent and converted to per 1,000 (x10).",
    "2016": "Complete. Prevalence published as a percent, converted to per 1,000 (x10). Ranks are "
            "derived here (ties share the lowest rank); the published ranking breaks ties in a way "
            "not recovered, so ranks below 5 may differ from the report's.",
    "2018": "Complete for the 167 countries with estimates. Ranks derived here by prevalence; the "
            "top-10 order matches the report.",
    "2023": "Complete for the 160 countries with estimates. Ranks derived here by prevalence; the "
            "top-10 order matches the report.",
}

GSI_SOURCE_DOC = {
    "2013": "Walk Free Foundation, Global Slavery Index 2013 (as reported in the press)",
    "2014": "Walk Free Foundation, Global Slavery Index 2014, Global Rankings table",
    "2016": "Walk Free Foundation, Global Slavery Index 2016, data workbook (GLOBAL DATA 2016 GSI)",
    "2018": "Walk Free Foundation, Global Slavery Index 2018, data workbook",
    "2023": "Walk Free, Global Slavery Index 2023, data workbook (GSI 2023 summary data)",
}


def build_gsi() -> list[dict]:
    countries = all_countries()
    details = {(d["edition"], d["iso3"]): d for d in read_csv(SHARED / "gsi" / "gsi_details.csv")}
    out = []
    for r in read_csv(SHARED / "gsi" / "gsi.csv"):
        ed = r["edition"]
        d = details.get((ed, r["iso3"]), {})
        note = []
        if ed == "2018" and not r["est_number"] and r["prevalence_per_1000"]:
            note.append('published estimate is "<1,000"; number left empty')
        if not r["prevalence_per_1000"] and not r["est_number"] and not r["rank_prevalence"]:
            note.append("no estimate published for this country in this edition")
        out.append({
            "edition": ed, "iso3": r["iso3"], "country": countries[r["iso3"]].name,
            "est_number": r["est_number"], "prevalence_per_1000": r["prevalence_per_1000"],
            "prevalence_basis": ("converted from percent (x10)" if ed in ("2014", "2016")
                                 and r["prevalence_per_1000"] else
                                 ("as published (per 1,000)" if r["prevalence_per_1000"] else "")),
            "rank_prevalence": r["rank_prevalence"],
            "rank_basis": ("published" if ed in ("2013", "2014") else "derived")
            if r["rank_prevalence"] else "",
            "population": r["population"], "vulnerability": r["vulnerability"],
            "government_response": r["government_response"],
            "government_response_rating": d.get("govresp_rating", ""),
            "region": d.get("region", ""),
            "source_document": GSI_SOURCE_DOC[ed], "source": r["source"],
            "note": "; ".join(note),
        })
    out.sort(key=lambda r: (r["edition"], r["iso3"]))
    return [{c: r.get(c, "") for c in GSI_COLUMNS} for r in out]


def tier_gaps(rows: list[dict], not_rated: list[dict]) -> list[dict]:
    """Cells the record cannot fill: a country rated in one of the two previous reports with no row
    this year, or a year inside the span of a country's ratings with no row. Cells reviewed as
    'not rated' are not gaps."""
    by_year: dict[int, set[str]] = defaultdict(set)
    span: dict[str, list[int]] = {}
    for r in rows:
        y = int(r["report_year"])
        by_year[y].add(r["iso3"])
        lo, hi = span.get(r["iso3"], [y, y])
        span[r["iso3"]] = [min(lo, y), max(hi, y)]
    reviewed = {(n["iso3"], int(n["report_year"])) for n in not_rated}
    gaps = []
    for y in range(FIRST_REPORT_YEAR, LAST_REPORT_YEAR + 1):
        inside = {c for c, (lo, hi) in span.items() if lo < y < hi}
        # The report rarely drops a country: the countries of the last two reports are expected
        # too (two, so that a country missing from both of the latest reports still shows).
        expected = by_year.get(y - 1, set()) | by_year.get(y - 2, set()) | inside
        for iso3 in sorted(expected - by_year[y]):
            if (iso3, y) not in reviewed and y <= LAST_RATED.get(iso3, y):
                gaps.append({"iso3": iso3, "report_year": y})
    return gaps


def csv_text(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def coverage(rows: list[dict], year_key: str, cat_key: str | None) -> dict:
    cov: dict[str, dict] = {}
    for r in rows:
        y = str(r[year_key])
        c = cov.setdefault(y, {"rows": 0})
        c["rows"] += 1
        if cat_key:
            c[r[cat_key]] = c.get(r[cat_key], 0) + 1
    return dict(sorted(cov.items()))


def datapackage(tiers, state, gsi, log, not_rated, lists, conflicts, dets) -> dict:
    gaps = tier_gaps(tiers, not_rated)
    quality = Counter(r["quality"] for r in tiers)
    weak = [{"iso3": r["iso3"], "report_year": int(r["report_year"]), "quality": r["quality"]}
            for r in tiers if r["quality"] in ("derived", "secondary")]
    notes = json.loads((CURATION / "known_gaps.json").read_text("utf-8"))
    return {
        "profile": "tabular-data-package",
        "name": "tiptrace-record",
        "title": "US TIP Report tiers, the state-sponsored trafficking list, and Global Slavery "
                 "Index estimates",
        "version": "1",
        "licenses": [{"name": "public-domain-and-cited",
                      "title": "TIP Report text is a US Government work (public domain, 17 U.S.C. "
                               "105). GSI figures are Walk Free's, cited and used as facts; see "
                               "walkfree.org terms. Research codings are cited to their authors."}],
        "quality_scale": {
            "primary": "the report's own text for that year (state.gov, or an ecoi.net/refworld "
                       "copy of the narrative) or an official US document",
            "dataset": "a peer-reviewed research coding of the reports (Cho; Kelley & Simmons)",
            "copy": "a faithful reproduction of the report's text elsewhere (CIA World Factbook "
                    "citing the report year, gvnet.com, embassy pages, Federal Register copies)",
            "derived": "read from the next report's narrative ('remained on Tier 2')",
            "secondary": "news or other secondary pages, or an undocumented compilation",
        },
        "csv_formula_cells": CSV_NOTE,
        "resources": [
            {
                "name": "tip_tiers", "path": "tip_tiers.csv", "format": "csv",
                "profile": "tabular-data-resource",
                "title": "TIP Report tier placements, one row per country and report year",
                "schema": table_schema("tip_tiers"),
                "sources": notes["tip_sources"],
                "coverage": coverage(tiers, "report_year", "tier"),
                "quality": dict(sorted(quality.items())),
                "gaps": gaps,
                "not_rated_reviewed": not_rated,
                "weak_rows": weak,
                # Cells the sources narrow without fixing (tier "1|2"), and the whole lists used.
                "narrowed": [{"iso3": r["iso3"], "report_year": int(r["report_year"]),
                              "tier": r["tier"]} for r in tiers
                             if PARTIAL_SEPARATOR in r["tier"]],
                "whole_lists": [
                    {"report_year": y, "note": e.get("note", ""),
                     "lists": [{"tier": t, "title": lst["title"], "url": lst["url"],
                                "count": len(lst["members"])}
                               for t, lst in sorted(e["lists"].items())]}
                    for y, e in sorted(lists.items())],
                "whole_list_conflicts": conflicts,
                # 2003-2008 'special' codes still resting on the research coding alone: a formal
                # Special Case, or a country the report did not rate (see known_gaps).
                "special_unchecked": [
                    {"iso3": r["iso3"], "report_year": int(r["report_year"])} for r in tiers
                    if r["tier"] == "special" and int(r["report_year"]) <= 2008
                    and r["quality"] == "dataset"],
                "known_gaps": notes["tip_known_gaps"],
                "corrections": log,
            },
            {
                "name": "state_sponsored", "path": "state_sponsored.csv", "format": "csv",
                "profile": "tabular-data-resource",
                "title": "Governments with a documented 'policy or pattern' of state-sponsored "
                         "trafficking (TVPA 7107(b)(3)(B)), reports 2020 on",
                "schema": table_schema("state_sponsored"),
                "sources": notes["state_sponsored_sources"],
                "coverage": coverage(state, "report_year", None),
                "known_gaps": notes["state_sponsored_known_gaps"],
            },
            {
                "name": "determinations", "path": "determinations.csv", "format": "csv",
                "title": "Presidential determinations under TVPA sec. 110(d) on the governments "
                         "of each report's Tier 3 (Federal Register and White House copies)",
                "schema": {"primaryKey": ["iso3", "report_year"],
                           "fields": DETERMINATION_COLUMNS},
                "labels": DETERMINATION_LABELS,
                "sources": [{"title": f"Presidential Determination No. {n} ({pub})", "path": url}
                            for n, pub, url in sorted({(d["determination_number"], d["published"],
                                                        d["source"]) for d in dets})],
                "coverage": coverage(dets, "report_year", "determination"),
                "known_gaps": [
                    "Only the determinations of the report years listed are stored, and only "
                    "the part of each memorandum the stored copies show was read "
                    "(read_in_full = no): partial waivers stated later in a memorandum are not "
                    "recorded, and a Tier 3 government missing from a year's rows may be named "
                    "in the part not read.",
                    "Curaçao and Sint Maarten (Tier 3 in 2022-2024) are not 'countries' under "
                    "the TVPA; no determination names them."],
            },
            {
                "name": "gsi", "path": "gsi.csv", "format": "csv",
                "profile": "tabular-data-resource",
                "title": "Walk Free Global Slavery Index: estimates per country and edition",
                "schema": table_schema("gsi"),
                "sources": notes["gsi_sources"],
                "coverage": {ed: {"rows": sum(1 for r in gsi if r["edition"] == ed),
                                  "with_estimate": sum(1 for r in gsi if r["edition"] == ed
                                                       and r["prevalence_per_1000"]),
                                  "note": GSI_EDITION_NOTES[ed]}
                             for ed in sorted({r["edition"] for r in gsi})},
                "known_gaps": notes["gsi_known_gaps"],
            },
        ],
    }


def build() -> dict[str, str]:
    log: list[dict] = []
    not_rated: list[dict] = []
    base = base_tiers()
    tiers = merge_fills([dict(r) for r in base], log, not_rated)
    tiers = apply_verification(tiers, log, not_rated)
    lists = whole_lists(base)
    tiers, conflicts = narrow_by_whole_lists(tiers, lists, not_rated, log)
    tiers = finish_tiers(tiers)
    state = build_state_sponsored()
    gsi = build_gsi()
    dets = build_determinations(tiers)
    pkg = datapackage(tiers, state, gsi, log, not_rated, lists, conflicts, dets)
    files = {
        "determinations.csv": csv_text(dets, DETERMINATION_COLUMNS),
        "tip_tiers.csv": csv_text(tiers, TIER_COLUMNS),
        "state_sponsored.csv": csv_text(state, STATE_SPONSORED_COLUMNS),
        "gsi.csv": csv_text(gsi, GSI_COLUMNS),
    }
    # The data version cited by `tiptrace cite`: a digest of the three tables, so two builds
    # with the same values carry the same version.
    digest = hashlib.sha256("".join(files[n] for n in sorted(files)).encode("utf-8"))
    pkg["data_version"] = digest.hexdigest()[:12]
    files["datapackage.json"] = json.dumps(pkg, indent=1, ensure_ascii=False) + "\n"
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed files")
    args = ap.parse_args()
    files = build()
    if args.check:
        stale = [n for n, t in files.items() if (OUT / n).read_text("utf-8") != t]
        print("up to date" if not stale else f"stale: {', '.join(stale)}")
        return 1 if stale else 0
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name} ({text.count(chr(10)) - 1} rows)" if name.endswith(".csv")
              else f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
