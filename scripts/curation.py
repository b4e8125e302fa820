"""Curation helpers for filling the record from the report narratives (development time only).

    python3 scripts/curation.py tasks DIR [--slices N]   # task files from the record's open cells
    python3 scripts/curation.py merge FILE...            # check rows read by people or helpers, then
                                                          # append them to data/curation/tip_fills.csv
                                                          # (files headed "topic,..." to verify.csv)

`tasks` writes DIR/taskK.txt: the gaps, the weak rows and the unchecked 2003-2008 "special" codes
of the packaged record, each with the tiers around it, split into slices by country (a search for
one country's narratives usually settles several of its years). data/curation/FILLING.md says how
to read a narrative and what a row must hold.

`merge` refuses the whole batch if any row is malformed (unknown country, tier or quality, a
source that is not a URL, missing evidence) or disagrees with the record or with another row for
the same cell (unless --accept-conflicts, once each has been checked); rebuild with
scripts/build_record.py afterwards.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tiptrace.errors import UnknownCountryError  # noqa: E402
from tiptrace.record import packaged  # noqa: E402
from tiptrace.record.countries import resolve  # noqa: E402
from tiptrace.record.schema import QUALITY_ORDER  # noqa: E402
from tiptrace.record.schema import TIERS as SCHEMA_TIERS  # noqa: E402

FILLS = ROOT / "data" / "curation" / "tip_fills.csv"
VERIFY = ROOT / "data" / "curation" / "verify.csv"
COLUMNS = ["iso3", "country_name", "report_year", "tier", "source", "evidence", "quality",
           "waiver_or_auto"]
VERIFY_COLUMNS = ["topic", "iso3", "country_name", "report_year", "finding", "value", "source",
                  "evidence", "quality"]
# What build_record.py understands, per topic of verify.csv.
FINDINGS = {
    "state_sponsored": {"confirmed", "not_listed", "contradicted"},
    "special": {"special_case", "not_rated", "tier"},
    "doubtful": {"tier", "corrected_tier", "auto_downgrade", "waiver"},
    "watch_list_rule": {"auto_downgrade", "waiver"},
}
TIERS = {*SCHEMA_TIERS, "not_rated"}  # not_rated: the report did not rate the country
QUALITIES = set(QUALITY_ORDER) - {"dataset"}  # a research coding is never read by hand


def open_cells() -> list[tuple[str, int, str]]:
    tip = packaged.resource("tip_tiers")
    cells = [(g["iso3"], int(g["report_year"]), "gap") for g in tip["gaps"]]
    cells += [(w["iso3"], int(w["report_year"]), "weak") for w in tip["weak_rows"]]
    cells += [(s["iso3"], int(s["report_year"]), "special?")
              for s in tip.get("special_unchecked", [])]
    return sorted(cells)


def tasks(out: Path, slices: int) -> None:
    rows = {(r["iso3"], int(r["report_year"])): r for r in packaged.read_rows("tip_tiers")}
    by_country: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for iso3, year, why in open_cells():
        by_country[iso3].append((year, why))
    out.mkdir(parents=True, exist_ok=True)
    countries = sorted(by_country)
    for k in range(slices):
        lines = ["iso3,report_year,why,tiers in the record around it (year:tier(quality))"]
        for iso3 in countries[k::slices]:
            for year, why in by_country[iso3]:
                near = " ".join(f"{y}:{rows[(iso3, y)]['tier']}({rows[(iso3, y)]['quality']})"
                                for y in range(year - 2, year + 3) if (iso3, y) in rows)
                lines.append(f"{iso3},{year},{why},{near}")
        (out / f"task{k + 1}.txt").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{sum(len(v) for v in by_country.values())} cells of {len(countries)} countries "
          f"in {slices} task files under {out}")


def common_problems(where: str, r: dict) -> list[str]:
    """Checks shared by tier rows and verification rows."""
    problems = []
    try:
        if resolve(r["iso3"]) != r["iso3"]:
            problems.append(f"{where}: iso3 {r['iso3']!r} is not a record code")
    except UnknownCountryError as exc:
        problems.append(f"{where}: {exc}")
    if not r["report_year"].isdigit() or not 2001 <= int(r["report_year"]) <= 2100:
        problems.append(f"{where}: report_year {r['report_year']!r}")
    if r["quality"] not in QUALITIES:
        problems.append(f"{where}: quality {r['quality']!r} (one of {sorted(QUALITIES)})")
    if not r["source"].startswith(("http://", "https://")):
        problems.append(f"{where}: source must be the URL that was read")
    if not r["evidence"].strip():
        problems.append(f"{where}: evidence (the phrase that states the value) is empty")
    return problems


def tier_row_problems(where: str, r: dict) -> list[str]:
    problems = []
    if r["tier"] not in TIERS:
        problems.append(f"{where}: tier {r['tier']!r} (one of {sorted(TIERS)})")
    if r["waiver_or_auto"] not in ("", "waiver", "auto_downgrade"):
        problems.append(f"{where}: waiver_or_auto {r['waiver_or_auto']!r}")
    return problems


def verify_row_problems(where: str, r: dict) -> list[str]:
    findings = FINDINGS.get(r["topic"])
    if findings is None:
        return [f"{where}: topic {r['topic']!r} (one of {sorted(FINDINGS)})"]
    if r["finding"] not in findings:
        return [f"{where}: finding {r['finding']!r} (one of {sorted(findings)})"]
    return []


def problems_in(path: Path, rows: list[dict], columns: list[str] = COLUMNS,
                row_problems=tier_row_problems) -> list[str]:
    """Every problem of ROWS read from PATH: their columns, then the checks of each row."""
    problems = []
    for n, r in enumerate(rows, start=2):
        where = f"{path}:{n}"
        if list(r) != columns:
            return [f"{path}: columns must be {','.join(columns)}"]
        problems += common_problems(where, r) + row_problems(where, r)
    return problems


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def checked_batch(paths: list[Path], columns: list[str], row_problems) -> list[dict] | None:
    """The rows of PATHS, or None (with every problem printed) if any row is malformed."""
    batch: list[dict] = []
    problems: list[str] = []
    for path in paths:
        rows = read(path)
        problems += problems_in(path, rows, columns, row_problems)
        batch += rows
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"nothing merged: {len(problems)} problems", file=sys.stderr)
        return None
    return batch


def append(path: Path, columns: list[str], batch: list[dict]) -> None:
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=columns, lineterminator="\n").writerows(batch)


def merge_verify(paths: list[Path], accept_conflicts: bool = False) -> int:
    """Append verification rows (state-sponsored list, special codes) to verify.csv."""
    batch = checked_batch(paths, VERIFY_COLUMNS, verify_row_problems)
    if batch is None:
        return 1
    listed = {(r["iso3"], r["report_year"]) for r in packaged.read_rows("state_sponsored")}
    conflicts = 0
    for r in batch:
        key = (r["iso3"], r["report_year"])
        if r["topic"] == "state_sponsored" and r["finding"] != "confirmed" and key in listed:
            conflicts += 1
            print(f"differs from the record: {key} listed -> {r['finding']} ({r['quality']}) "
                  f"{r['source']}")
    if conflicts and not accept_conflicts:
        print(f"nothing merged: {conflicts} rows disagree; check them, then merge with "
              "--accept-conflicts", file=sys.stderr)
        return 1
    append(VERIFY, VERIFY_COLUMNS, batch)
    print(f"appended {len(batch)} rows to {VERIFY}")
    return 0


def merge(paths: list[Path], accept_conflicts: bool = False) -> int:
    batch = checked_batch(paths, COLUMNS, tier_row_problems)
    if batch is None:
        return 1
    record = {(r["iso3"], r["report_year"]): r for r in packaged.read_rows("tip_tiers")}
    earlier = read(FILLS)
    said: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in earlier + batch:
        said[(r["iso3"], r["report_year"])].add(r["tier"])
    conflicts = 0
    for r in batch:
        key = (r["iso3"], r["report_year"])
        old = record.get(key)
        if old and old["tier"] != r["tier"]:
            conflicts += 1
            print(f"differs from the record: {key} {old['tier']} ({old['quality']}) -> "
                  f"{r['tier']} ({r['quality']}) {r['source']}")
        elif len(said[key]) > 1:
            conflicts += 1
            print(f"rows disagree: {key} {sorted(said[key])}")
    if conflicts and not accept_conflicts:
        print(f"nothing merged: {conflicts} rows disagree; check them against their pages, then "
              "merge with --accept-conflicts (the better-graded row wins in the build)",
              file=sys.stderr)
        return 1
    append(FILLS, COLUMNS, batch)
    print(f"appended {len(batch)} rows to {FILLS}; now run "
          "python3 scripts/build_record.py")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tasks", help="task files from the record's open cells")
    t.add_argument("dir", type=Path)
    t.add_argument("--slices", type=int, default=6)
    m = sub.add_parser("merge", help="check rows and append them to tip_fills.csv")
    m.add_argument("files", type=Path, nargs="+")
    m.add_argument("--accept-conflicts", action="store_true",
                   help="merge even where rows disagree with the record or each other")
    args = parser.parse_args(argv)
    if args.command == "tasks":
        tasks(args.dir, args.slices)
        return 0
    # Verification files (header starting "topic") go to verify.csv, tier rows to tip_fills.csv.
    verify = [p for p in args.files if p.read_text("utf-8").startswith("topic,")]
    tiers = [p for p in args.files if p not in verify]
    status = merge(tiers, args.accept_conflicts) if tiers else 0
    if verify and status == 0:
        status = merge_verify(verify, args.accept_conflicts)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
