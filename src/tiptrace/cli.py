"""The `tiptrace` command: a thin Typer layer over tiptrace.record and tiptrace.analysis.

Every command takes --json for machine-readable output; human output uses rich tables.
Heavy modules (pandas, rich) are imported only by the commands that need them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from .errors import TiptraceError, ValidationError

app = typer.Typer(
    help="Open, auditable Trafficking in Persons tiers and Global Slavery Index estimates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gsi_app = typer.Typer(help="Global Slavery Index estimates.", no_args_is_help=True)
app.add_typer(gsi_app, name="gsi")
plot_app = typer.Typer(help="Figures as PNG or SVG.", no_args_is_help=True)
app.add_typer(plot_app, name="plot")

DbOption = typer.Option(None, "--db", envvar="TIPTRACE_DB",
                        help="Store location: a SQLite path or a SQLAlchemy URL.")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


class State:
    db: str | None = None


@app.callback()
def _main(db: str | None = DbOption) -> None:
    State.db = db


def _store():
    from .record.store import Store

    return Store.open(State.db)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def _table(title: str, columns: list[str], rows: list[list[Any]], caption: str | None = None):
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, caption=caption, caption_justify="left")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    Console().print(t)


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.1f}%"


@app.command()
def countries(query: str = typer.Argument(None, help="A code, name or alias (all if omitted)."),
              as_json: bool = JsonOption) -> None:
    """Resolve or list countries (ISO 3166-1 alpha-3 keys; every spelling the sources use)."""
    from .errors import UnknownCountryError
    from .record.countries import search, suggest

    found = search(query)
    if not found:
        raise UnknownCountryError(query or "", suggest(query or ""))
    rows = [{"iso3": c.iso3, "iso2": c.iso2, "name": c.name, "official_name": c.official_name,
             "kind": c.kind, "note": c.note} for c in found]
    if as_json:
        return _emit_json(rows)
    _table("Countries", ["ISO3", "ISO2", "Name", "Kind", "Note"],
           [[r["iso3"], r["iso2"], r["name"], r["kind"], r["note"]] for r in rows])


@app.command()
def history(country: str = typer.Argument(..., help="ISO2, ISO3, name or alias."),
            as_json: bool = JsonOption) -> None:
    """A country's tier in each report year, the state-sponsored flag, and the source."""
    from .services import record as queries

    h = queries.history(_store(), country)
    if as_json:
        return _emit_json(h)
    flag = {True: "yes", False: "no", None: "-"}
    _table(f"{h['name']} ({h['country']}): TIP Report placements",
           ["Year", "Tier", "State-sponsored", "Quality", "Source"],
           [[r["report_year"], r["tier_label"] + (
               f"; FY{r['determination']['fiscal_year']}: {r['determination']['label']}"
               if r.get("determination") else ""),
             flag[r["state_sponsored"]], r["quality"], r["citation"] or ""] for r in h["years"]],
           caption="State-sponsored list exists from 2020. Quality: see `tiptrace sources`; "
                   "--json adds the file a research coding was read from (derived_from).")


@app.command()
def tiers(year: int = typer.Option(..., "--year", "-y", help="Report year."),
          tier: str = typer.Option(None, "--tier", "-t", help="1, 2, 2WL, 3 or special."),
          as_json: bool = JsonOption) -> None:
    """Who was in which tier in a report year."""
    from .services import record as queries

    rows = queries.tiers_for_year(_store(), year, tier)
    if as_json:
        return _emit_json(rows)
    _table(f"TIP Report {year}" + (f", tier {tier}" if tier else ""),
           ["ISO3", "Country", "Tier", "Quality", "Source"],
           [[r["country"], r["name"], r["tier"], r["quality"], r["source"]] for r in rows],
           caption=f"{len(rows)} countries")
    narrowed = [r for r in rows if "|" in r["tier"]]
    if narrowed:
        typer.echo(f"{len(narrowed)} countries are known only as Tier 1 or 2 (tier '1|2': on "
                   "none of the year's whole lists of the other tiers; see `tiptrace sources`).")
    missing = set(queries.gap_countries(year)) - {r["country"] for r in rows}
    if missing:
        typer.echo(f"Not complete: {len(missing)} countries expected in this report have no value "
                   f"in the record ({' '.join(sorted(missing))}); `tiptrace sources` lists every gap.")


@app.command()
def streak(country: str = typer.Argument(..., help="ISO2, ISO3, name or alias."),
           year: int = typer.Option(..., "--year", "-y", help="Report year the run ends in."),
           as_json: bool = JsonOption) -> None:
    """The run of consecutive reports, ending at YEAR, in the tier held in YEAR."""
    from .record.countries import name_of
    from .record.schema import TIER_LABELS, is_partial, tier_label
    from .services import record as queries

    s = queries.streak(_store(), country, year)
    if as_json:
        return _emit_json(s.contract())
    typer.echo(f"{name_of(s.country)} ({s.country}): {tier_label(s.tier)} in {s.length} "
               f"consecutive report(s), {s.start}-{s.end}.")
    if is_partial(s.tier):
        typer.echo(f"Note: the sources narrow {', '.join(map(str, s.depends_on))} to "
                   f"{tier_label(s.tier)} without fixing it; the run in one tier is not known.")
    elif s.depends_on:
        typer.echo(f"Note: {s.depends_on[0]} is known only as {tier_label(s.preceded_by)}; if it "
                   f"was {tier_label(s.tier)}, the run is longer.")
    if s.preceded_by == "data gap":
        typer.echo(f"Note: the record has no value for {s.start - 1}; the run may be longer.")
    elif s.preceded_by in TIER_LABELS:
        typer.echo(f"Before that ({s.start - 1}): {TIER_LABELS[s.preceded_by]}.")
    else:
        typer.echo(f"Before that ({s.start - 1}): {s.preceded_by}.")


@app.command()
def cite(fmt: str = typer.Option("all", "--format", "-f", help="plain, apa, bibtex or all."),
         as_json: bool = JsonOption) -> None:
    """How to cite tiptrace: software and data version, and the date, in plain text, APA, BibTeX."""
    from .services.record import cite as cite_record

    c = cite_record()
    if as_json:
        return _emit_json(c)
    if fmt not in ("plain", "apa", "bibtex", "all"):
        raise typer.BadParameter("--format takes plain, apa, bibtex or all")
    for key in ("plain", "apa", "bibtex"):
        if fmt in (key, "all"):
            typer.echo(f"{key.upper()}:\n{c[key]}\n" if fmt == "all" else c[key])


@app.command("state-sponsored")
def state_sponsored(year: int = typer.Option(..., "--year", "-y", help="Report year (2020 on)."),
                    as_json: bool = JsonOption) -> None:
    """Governments with a 'policy or pattern' of state-sponsored trafficking in a report."""
    from .services import record as queries

    rows = queries.state_sponsored(_store(), year)
    if as_json:
        return _emit_json(rows)
    _table(f"State-sponsored trafficking list, TIP Report {year}",
           ["ISO3", "Country", "Quality", "Source"],
           [[r["country"], r["name"], r["quality"], r["source"]] for r in rows],
           caption=f"{len(rows)} governments")


@gsi_app.command("rank")
def gsi_rank(edition: int = typer.Option(..., "--edition", "-e", help="GSI edition year."),
             by: str = typer.Option("number", "--by", help="number or prevalence."),
             top: int = typer.Option(None, "--top", "-n", min=1, help="Show the first N."),
             as_json: bool = JsonOption) -> None:
    """Rank countries by estimated number in modern slavery or by prevalence per 1,000."""
    from .services import record as queries

    if by not in ("number", "prevalence"):
        raise TiptraceError(f"--by must be 'number' or 'prevalence', not {by!r}.")
    rows = queries.gsi_rank(_store(), edition, by, top)
    if as_json:
        return _emit_json(rows)
    unit = "people" if by == "number" else "per 1,000"
    _table(f"Global Slavery Index {edition}, by {by}",
           ["Rank", "ISO3", "Country", f"Value ({unit})", "Share of total", "Cumulative"],
           [[r["rank"], r["country"], r["name"],
             f"{r['value']:,.0f}" if by == "number" else f"{r['value']:.2f}",
             _pct(r["share"]), _pct(r["cumulative_share"])] for r in rows],
           caption=queries.gsi_caveat(edition) or "Share: the country's estimated number over "
           "the sum of all countries' estimates in this edition.")


@gsi_app.command("compare")
def gsi_compare(edition: int = typer.Option(..., "--edition", "-e", help="GSI edition year."),
                top: int = typer.Option(20, "--top", "-n", min=1, help="Rows to show."),
                as_json: bool = JsonOption) -> None:
    """Rankings by number and by prevalence side by side, with rank shifts and top-k shares."""
    from .services import analysis as queries

    result = queries.compare_rankings(_store(), edition)
    if as_json:
        return _emit_json(result)
    _table(f"Global Slavery Index {edition}: by number vs by prevalence",
           ["ISO3", "Country", "Number", "Rank", "Per 1,000", "Rank", "Shift"],
           [[r["country"], r["name"], "" if r["number"] is None else f"{r['number']:,}",
             r["rank_number"], "" if r["prevalence_per_1000"] is None
             else f"{r['prevalence_per_1000']:.2f}", r["rank_prevalence"], r["shift"]]
            for r in result["rows"][:top]],
           caption="Top-k shares of the total: " + ", ".join(
               f"top {k}: {_pct(v)}" for k, v in result["top_k_shares"].items()))


@gsi_app.command("correlate")
def gsi_correlate(edition: int = typer.Option(..., "--edition", "-e"),
                  report_year: int = typer.Option(None, "--report-year", "-y",
                                                  help="TIP report to match (default: same year)."),
                  as_json: bool = JsonOption) -> None:
    """Rank correlation between GSI indicators and the TIP tier of the matching report."""
    from .services import analysis as queries

    result = queries.correlate(_store(), edition, report_year)
    if as_json:
        return _emit_json(result)
    _table(f"GSI {edition} vs TIP {result['report_year']} tier (Spearman)",
           ["Indicator", "Countries", "rho", "p-value"],
           [[k, v["n"], v["rho"], "" if v["p_value"] is None else f"{v['p_value']:.2g}"]
            for k, v in result["correlations"].items()],
           caption=result["matching"])


@app.command()
def transitions(start: int = typer.Option(None, "--from", help="First report year."),
                end: int = typer.Option(None, "--to", help="Last report year."),
                as_json: bool = JsonOption) -> None:
    """Year-to-year transition matrix between tiers (counts and rates)."""
    from .services import analysis as queries

    m = queries.transition_matrix(_store(), start, end)
    if as_json:
        return _emit_json(m)
    _table(f"Tier transitions {m['from_year']}-{m['to_year']} (row: from, column: to)",
           ["from \\ to", *m["tiers"]],
           [[a, *[f"{m['counts'][a][b]} ({_pct(m['rates'][a][b])})" if m["counts"][a][b] else ""
                  for b in m["tiers"]]] for a in m["tiers"]],
           caption=f"{m['pairs']} pairs of consecutive reports")


@app.command()
def changes(year: int = typer.Option(..., "--year", "-y"), as_json: bool = JsonOption) -> None:
    """Upgrades and downgrades in a report year compared with the previous report."""
    from .record.countries import name_of
    from .services import analysis as queries

    rows = queries.changes(_store(), year)
    if as_json:
        return _emit_json(rows)
    _table(f"Tier changes in the {year} report", ["ISO3", "Country", "From", "To", "Direction"],
           [[r["country"], name_of(r["country"]), r["from"], r["to"], r["direction"]]
            for r in rows], caption=f"{len(rows)} changes")


@app.command()
def durations(as_json: bool = JsonOption) -> None:
    """How long countries stay in each tier; the longest runs still going."""
    from .record.countries import name_of
    from .services import analysis as queries

    d = queries.durations(_store())
    if as_json:
        return _emit_json(d)
    _table("Time spent in each tier (spells of consecutive reports)",
           ["Tier", "Spells", "Mean length", "Median", "Longest current runs"],
           [[t, v["spells"], v["mean_length"], v["median_length"],
             ", ".join(f"{name_of(s['country'])} {s['length']}" for s in v["longest_current"][:5])]
            for t, v in d["tiers"].items()], caption=d["note"])


@app.command()
def consistency(year: int = typer.Option(..., "--year", "-y", help="TIP report year."),
                edition: int = typer.Option(None, "--edition", "-e",
                                            help="GSI edition (default: latest complete one "
                                                 "published by YEAR)."),
                as_json: bool = JsonOption) -> None:
    """'Like cases alike': tiers far from what the GSI indicators predict, and near-identical
    countries placed two or more tiers apart."""
    from .record.countries import name_of
    from .services import analysis as queries

    r = queries.consistency_check(_store(), year, edition)
    if as_json:
        return _emit_json(r)
    _table(f"TIP {year} tiers far from the model's prediction (GSI {r['edition']}, "
           f"{r['n']} countries)",
           ["ISO3", "Country", "Official", "Predicted", "P(official)", "Predicted distribution"],
           [[o["country"], o["name"], o["tier"], o["predicted"],
             f"{o['probability_of_official_tier']:.2f}",
             " ".join(f"{k}:{v:.2f}" for k, v in o["distribution"].items())]
            for o in r["outliers"]])
    _table("Similar indicators, tiers two or more steps apart",
           ["Country", "Tier", "Country", "Tier", "Distance"],
           [[name_of(p["a"]), p["a_tier"], name_of(p["b"]), p["b_tier"], p["distance"]]
            for p in r["neighbour_pairs"][:25]])
    typer.echo(f"Method: {r['method']}\n{r['matching']}\nCaveat: {r['caveat']}")


@app.command()
def audit(country: str = typer.Option(None, "--country", "-c", help="Limit to one country."),
          year: int = typer.Option(None, "--year", "-y", help="Limit to one report year."),
          kind: str = typer.Option(None, "--kind", help="automatic_downgrade, waiver_required, "
                                   "unexplained, cannot_evaluate or report_only."),
          as_json: bool = JsonOption) -> None:
    """Check the official record against the TVPA rules in force each year."""
    from .record.countries import name_of
    from .services import rules as queries

    r = queries.audit(_store(), country, year)
    if kind:
        r["findings"] = [f for f in r["findings"] if f["kind"] == kind]
    if as_json:
        return _emit_json(r)
    said = {True: "agrees", False: "differs", None: ""}
    _table("Audit of the TIP record against the TVPA rules",
           ["Year", "Country", "Tier", "Finding", "Explanation", "Report says"],
           [[f["report_year"], name_of(f["country"]), f["tier"], f["kind"], f["explanation"],
             f"{f['report_says'] or ''} {said[f['agrees_with_report']]}".strip()]
            for f in r["findings"]],
           caption=f"{r['checked']} placements checked; " +
           ", ".join(f"{k}: {v}" for k, v in sorted(r["counts"].items())) + ". " + r["note"])


def _print_decision(d: dict) -> None:
    from .record.schema import TIER_LABELS

    _table(f"{d['country']} {d['report_year']}: {TIER_LABELS[d['tier']]}",
           ["Step", "Rule (citation)", "Inputs", "Result"],
           [[i + 1, f"{s['rule']} ({s['citation']})",
             ", ".join(f"{k}={v}" for k, v in s["inputs"].items()), s["result"]]
            for i, s in enumerate(d["trace"])])
    for c in d["consequences"]:
        typer.echo(f"- {c}")


@app.command()
def explain(country: str, year: int = typer.Option(..., "--year", "-y"),
            as_json: bool = JsonOption) -> None:
    """Run the rules on findings inferred from a real placement and show every step."""
    from .services import rules as queries

    r = queries.explain(_store(), country, year)
    if as_json:
        return _emit_json(r)
    _print_decision(r["decision"])
    d = r.get("determination")
    if d:
        typer.echo(f"What the President determined (FY{d['fiscal_year']}, Presidential "
                   f"Determination No. {d['number']}, {d['published']}): {d['label']}.")
    typer.echo(r["note"])


@app.command()
def whatif(country: str, year: int = typer.Option(..., "--year", "-y"),
           set_: list[str] = typer.Option([], "--set", help="KEY=VALUE, repeatable (e.g. "
                                          "waiver_granted=true, significant_efforts=false)."),
           law: list[str] = typer.Option([], "--law", help="Change the law: KEY=VALUE, "
                                         "repeatable (e.g. downgrade.waiver_max_years=3)."),
           as_json: bool = JsonOption) -> None:
    """Re-run the rules for a country-year with changed findings and/or law: old and new tier."""
    from .rules.parameters import ReformError
    from .services import rules as queries

    if not set_ and not law:
        raise typer.BadParameter("give at least one --set or --law KEY=VALUE.",
                                 param_hint="'--set' / '--law'")
    try:
        r = queries.run_whatif(_store(), country, year, queries.parse_sets(set_),
                               queries.parse_law(law))
    except ReformError as exc:  # a usage error, like any bad option value
        raise typer.BadParameter(str(exc), param_hint="'--law'") from None
    if as_json:
        return _emit_json(r)
    from .record.schema import TIER_LABELS

    typer.echo(f"{r['country']} {r['report_year']}: {TIER_LABELS[r['old_tier']]} -> "
               f"{TIER_LABELS[r['new_tier']]}" + ("" if r["changed"] else " (unchanged)"))
    for c in r["law"]:
        was = "not in force" if c["law_value"] is None else c["law_value"]
        unused = "" if c["used"] else "; not read by the rules for this decision"
        typer.echo(f"  law changed: {c['key']} = {c['value']} (enacted: {was}{unused}; "
                   f"{c['citation']})")
    for s in r["steps_removed"]:
        typer.echo(f"  - {s['rule']}: {s['result']}")
    for s in r["steps_added"]:
        typer.echo(f"  + {s['rule']}: {s['result']}  [{s['citation']}]")
    typer.echo(f"Baseline: {r['baseline']}.")


@app.command()
def check(file: str = typer.Argument(..., help="Article file, or - for standard input."),
          date: str = typer.Option(None, "--date", help="Article date YYYY-MM-DD (else the "
                                   "dateline at the top, else the latest report)."),
          fmt: str = typer.Option("text", "--format", "-f", help="text, json, markdown or html."),
          as_json: bool = JsonOption) -> None:
    """Find the checkable claims in an article and verify them against the record."""
    from pathlib import Path

    from .claims.check import check as run_check
    from .claims.report import RENDERERS
    from .claims.text import parse_date

    fmt = "json" if as_json else fmt
    if fmt not in RENDERERS:
        raise TiptraceError(f"--format must be one of {', '.join(RENDERERS)}, not {fmt!r}.")
    when = parse_date(date)
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise TiptraceError(f"No such file: {file}")
        data = path.read_bytes()
    report = run_check(data, _store(), when)
    sys.stdout.write(RENDERERS[fmt](report))
    if fmt == "json":
        sys.stdout.write("\n")


def _saved(path: str, as_json: bool) -> None:
    if as_json:
        return _emit_json({"written": path})
    typer.echo(f"wrote {path}")


OutOption = typer.Option(..., "--out", "-o", help="File to write (.png or .svg).")


@plot_app.command("timeline")
def plot_timeline(country: str, out: str = OutOption, as_json: bool = JsonOption) -> None:
    """A country's tier per report year, current streak shaded."""
    from .analysis import plots
    from .services import country as countries
    from .services import record as queries

    store = _store()
    h = queries.history(store, country)
    _, s = countries.latest(store, h["country"], h)
    _saved(plots.save(plots.tier_timeline(h, s), out), as_json)


@plot_app.command("heatmap")
def plot_heatmap(start: int = typer.Option(None, "--from"), end: int = typer.Option(None, "--to"),
                 out: str = OutOption, as_json: bool = JsonOption) -> None:
    """Transition heatmap between tiers."""
    from .analysis import plots
    from .services import analysis as queries

    m = queries.transition_matrix(_store(), start, end)
    _saved(plots.save(plots.transition_heatmap(m), out), as_json)


@plot_app.command("scatter")
def plot_scatter(year: int = typer.Option(..., "--year", "-y"),
                 edition: int = typer.Option(None, "--edition", "-e"),
                 out: str = OutOption, as_json: bool = JsonOption) -> None:
    """GSI prevalence vs TIP tier, outliers of the consistency model labelled."""
    from .analysis import plots
    from .services import analysis as queries

    store = _store()
    r = queries.consistency_check(store, year, edition)
    fig = plots.prevalence_vs_tier(r, store.gsi(edition=r["edition"]))
    _saved(plots.save(fig, out), as_json)


@plot_app.command("map")
def plot_map(year: int = typer.Option(..., "--year", "-y"), out: str = OutOption,
             as_json: bool = JsonOption) -> None:
    """World choropleth of the tiers in a report year (works offline)."""
    from .analysis import plots
    from .services import record as queries

    rows = queries.tiers_for_year(_store(), year)
    fig = plots.world_map({r["country"]: r["tier"] for r in rows},
                          f"TIP Report {year}: tier placements ({len(rows)} countries)")
    _saved(plots.save(fig, out), as_json)


@app.command("export")
def export_cmd(fmt: str = typer.Option("csv", "--format", "-f", help="csv, parquet or json."),
               out: str = typer.Option(..., "--out", "-o", help="Directory to write to."),
               as_json: bool = JsonOption) -> None:
    """Export every table (and the data-package descriptor) to a directory."""
    from .record.exporter import FORMATS, export

    if fmt not in FORMATS:
        raise TiptraceError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    paths = export(_store(), fmt, out)
    if as_json:
        return _emit_json({"written": [str(p) for p in paths]})
    for p in paths:
        typer.echo(f"wrote {p}")


@app.command("import")
def import_cmd(file: str = typer.Argument(..., help="A tier, state-sponsored or GSI table "
                                                    "in the export's format."),
               as_json: bool = JsonOption) -> None:
    """Validate a table completely, then add it to the store in one transaction."""
    from .record.importer import import_file

    try:
        result = import_file(_store(), file)
    except ValidationError as exc:
        if as_json:
            _emit_json({"ok": False, "file": exc.path, "problems": exc.problems})
            raise typer.Exit(1) from None
        raise
    if as_json:
        return _emit_json({"ok": True, "table": result.table, "rows": result.rows,
                           "origin": result.origin})
    typer.echo(f"imported {result.rows} row(s) into {result.table} (origin {result.origin})")


@app.command()
def sources(as_json: bool = JsonOption) -> None:
    """Provenance, coverage per year, quality of sources, and known gaps."""
    from .services import record as queries

    pkg = queries.sources()
    if as_json:
        return _emit_json(pkg)
    from rich.console import Console

    con = Console()
    con.print(f"[bold]{pkg['title']}[/bold]")
    for res in pkg["resources"]:
        con.print(f"\n[bold]{res['name']}[/bold] ({res['path']}): {res['title']}")
        for s in res["sources"]:
            con.print(f"  source: {s['title']} [{s['path']}]", markup=False)
        cov = res["coverage"]
        cats = sorted({k for v in cov.values() for k in v if k not in ("rows", "note")})
        _table(f"{res['name']}: coverage", ["Year", "Rows", *cats],
               [[y, v["rows"], *[v.get(c, "") for c in cats]] for y, v in cov.items()])
        if "quality" in res:
            con.print("  rows by quality: " + ", ".join(f"{k} {v}" for k, v in
                                                         res["quality"].items()))
        for key, label in (("gaps", "cells with no value found"),
                           ("special_unchecked", "2003-2008 'special' codes not yet checked"),
                           ("not_rated_reviewed", "country-years a checked source says were not "
                                                  "rated; `history` shows each source"),
                           ("weak_rows", "rows resting on a derived or secondary source")):
            if res.get(key):
                by_year: dict[int, list[str]] = {}
                for g in res[key]:
                    by_year.setdefault(int(g["report_year"]), []).append(g["iso3"])
                con.print(f"  [bold]{key}[/bold] ({len(res[key])} {label}):")
                for y, codes in sorted(by_year.items()):
                    con.print(f"    {y}: {' '.join(codes)}")
        for note in res.get("known_gaps", []):
            con.print(f"  - {note}", markup=False)
    for key, text in pkg["quality_scale"].items():
        con.print(f"quality {key}: {text}", markup=False)


@app.command()
def rebuild(as_json: bool = JsonOption) -> None:
    """Recreate the store from the packaged data (drops imported rows)."""
    import time

    from .record.store import Store

    t0 = time.perf_counter()
    store = Store.open(State.db, check=False)
    counts = store.rebuild()
    took = time.perf_counter() - t0
    if as_json:
        return _emit_json({"store": store.url, "rows": counts, "seconds": round(took, 3)})
    typer.echo(f"rebuilt {store.url} in {took:.2f}s: " +
               ", ".join(f"{k} {v}" for k, v in counts.items()))


token_app = typer.Typer(help="API tokens for write endpoints.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(name: str, as_json: bool = JsonOption) -> None:
    """Create a named API token; it is shown once, only its hash is stored."""
    token = _store().create_token(name)
    if as_json:
        return _emit_json({"name": name, "token": token})
    typer.echo(f"token for {name!r} (shown once, store it safely):\n{token}")


@token_app.command("revoke")
def token_revoke(name: str, as_json: bool = JsonOption) -> None:
    """Revoke a named API token: it stops working at once, in every running server."""
    _store().revoke_token(name)
    if as_json:
        return _emit_json({"name": name, "revoked": True})
    typer.echo(f"token {name!r} revoked")


@token_app.command("list")
def token_list(as_json: bool = JsonOption) -> None:
    """The tokens' names and creation times (the tokens themselves are never stored)."""
    rows = _store().tokens()
    if as_json:
        return _emit_json(rows)
    _table("API tokens", ["Name", "Created"], [[r["name"], r["created"]] for r in rows])


@token_app.command("log")
def token_log(limit: int = typer.Option(50, help="How many of the latest writes."),
              as_json: bool = JsonOption) -> None:
    """Every write to the store (import, rebuild, token change): when, and by which token or
    by the CLI; newest first."""
    rows = _store().write_log(limit)
    if as_json:
        return _emit_json(rows)
    _table("Writes", ["At (UTC)", "Who", "Action", "Detail"],
           [[r["at"], r["who"], r["action"], r["detail"]] for r in rows])


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Address to listen on."),
          port: int = typer.Option(8000, help="Port."),
          workers: int = typer.Option(1, help="Worker processes."),
          request_timeout: float = typer.Option(
              10.0, help="Seconds a request's headers, and then its body, may take to arrive."),
          max_connections: int = typer.Option(1000, help="Connections open at once (then 503)."),
          per_client: int = typer.Option(128, help="Connections open at once from one address."),
          work_seconds: float = typer.Option(
              20.0, help="Time limit of one claim check or figure (then 504)."),
          work_processes: int = typer.Option(1, help="Processes for claim checks and figures."),
          cache_mb: int = typer.Option(32, help="Memory for cached responses (0: no cache).")
          ) -> None:
    """Run the web app and JSON API (map, country pages, rankings, downloads, /docs)."""
    from .web.limits import Limits
    from .web.server import run
    from .web.work import WorkLimits

    limits = Limits(header_seconds=request_timeout, body_seconds=request_timeout,
                    connections=max_connections, per_client=per_client,
                    cache_bytes=cache_mb * 2**20,
                    work=WorkLimits(seconds=work_seconds, processes=work_processes))
    store = _store()  # build the store (first use) before workers start
    typer.echo(f"tiptrace on http://{host}:{port}/ (API docs at /docs)")
    run(store, host, port, workers, limits)


from .cli_evidence import register as _register_evidence  # noqa: E402  (evidence, assess)

_register_evidence(app)


def main() -> None:
    try:
        app()  # standalone: Typer handles usage errors, --help and exit codes itself
    except TiptraceError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, ValidationError) else 1)


if __name__ == "__main__":
    main()
