"""`tiptrace evidence ...` and `tiptrace assess`: the evidence ledger on the command line.

Reads are open; writes (add, grade, revise, withdraw, import) need a named token, given with
--token or TIPTRACE_TOKEN (`tiptrace token create NAME`). Heavy modules load inside commands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from .errors import TiptraceError

evidence_app = typer.Typer(help="The evidence ledger: graded findings behind a placement.",
                           no_args_is_help=True)
TokenOption = typer.Option(None, "--token", envvar="TIPTRACE_TOKEN",
                           help="A named write token (tiptrace token create NAME).")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")


def _base():
    from . import cli

    return cli


def _ledger():
    from .evidence.ledger import Ledger

    return Ledger(_base()._store())


def _emit(data: Any) -> None:
    _base()._emit_json(data)


def _pydantic(fn, *args, **kwargs):
    """Run a model constructor; turn pydantic's errors into one clear message."""
    from pydantic import ValidationError as PydanticError

    try:
        return fn(*args, **kwargs)
    except PydanticError as exc:
        msgs = [f"{'.'.join(str(p) for p in e['loc']) or 'item'}: {e['msg']}" for e in exc.errors()]
        raise TiptraceError("Invalid evidence item: " + "; ".join(msgs)) from None


def _split(v: str | None) -> list[str]:
    return [x.strip() for x in (v or "").split(",") if x.strip()]


def _counts(v: str | None) -> dict[str, int] | None:
    if not v:
        return None
    out = {}
    for part in _split(v):
        if "=" not in part:
            raise TiptraceError(f"--counts takes NAME=NUMBER pairs, got {part!r}.")
        k, n = part.split("=", 1)
        try:
            out[k.strip()] = int(n)
        except ValueError:
            raise TiptraceError(f"--counts: {n!r} is not a whole number.") from None
    return out


def _print_item(it) -> None:
    b = it.body
    g = ", ".join(f"{x.analyst}: {x.reliability}{x.credibility}" for x in it.grades) or "ungraded"
    typer.echo(f"{it.id} (revision {it.revision}, {it.status}) {b.country} {b.report_year} "
               f"{b.bears_on} {b.direction} [{b.responsibility}] grades: {g}")
    typer.echo(f"  {b.statement}")
    s = b.source
    typer.echo(f"  source: {s.document}; {s.publisher}; {s.date}; {s.type}; "
               f"{s.url or ''} {s.page or ''}".rstrip())


@evidence_app.command("add")
def add(country: str = typer.Option(..., "--country", "-c"),
        year: int = typer.Option(..., "--year", "-y", help="Report year."),
        bears_on: str = typer.Option(..., "--bears-on", help="A standard, criterion, factor, "
                                     "policy-or-pattern item or Watch List ground (see `schema`)."),
        direction: str = typer.Option(..., "--direction", help="supports or undermines."),
        responsibility: str = typer.Option(..., "--responsibility",
                                           help="state_direct, state_complicit, non_state, "
                                                "foreign_state."),
        statement: str = typer.Option(..., "--statement", help="In your own words."),
        document: str = typer.Option(..., "--document"),
        publisher: str = typer.Option(..., "--publisher"),
        date: str = typer.Option(..., "--date", help="YYYY, YYYY-MM or YYYY-MM-DD."),
        source_type: str = typer.Option(..., "--source-type"),
        url: str = typer.Option(None, "--url"),
        page: str = typer.Option(None, "--page"),
        reliability: str = typer.Option(..., "--reliability", "-r", help="Admiralty A-F."),
        credibility: int = typer.Option(..., "--credibility", "-k", help="Admiralty 1-6."),
        item_id: str = typer.Option(None, "--id", help="Your own id (default: generated)."),
        corroborates: str = typer.Option(None, "--corroborates", help="Item ids, comma-separated."),
        contradicts: str = typer.Option(None, "--contradicts", help="Item ids, comma-separated."),
        counts: str = typer.Option(None, "--counts", help="e.g. prosecutions=54,convictions=3"),
        token: str = TokenOption, as_json: bool = JsonOption) -> None:
    """Add an item with your grade (a named token is needed)."""
    from .evidence.models import Grade, ItemBody

    ledger = _ledger()
    who = ledger.who(token)
    body = _pydantic(ItemBody, country=country, report_year=year, bears_on=bears_on,
                     direction=direction, responsibility=responsibility, statement=statement,
                     source={"document": document, "publisher": publisher, "date": date,
                             "type": source_type, "url": url, "page": page},
                     corroborates=_split(corroborates), contradicts=_split(contradicts),
                     counts=_counts(counts))
    grade = _pydantic(Grade, analyst=who, reliability=reliability, credibility=credibility)
    it = ledger.add(body, grade, token, item_id)
    if as_json:
        return _emit(it.row())
    typer.echo(f"added {it.id} (revision 1) by {who}")


@evidence_app.command("list")
def list_cmd(country: str = typer.Option(None, "--country", "-c"),
             year: int = typer.Option(None, "--year", "-y"),
             withdrawn: bool = typer.Option(False, "--withdrawn", help="Include withdrawn items."),
             as_json: bool = JsonOption) -> None:
    """Items in the ledger (current revisions)."""
    from .record.countries import resolve

    items = _ledger().items(resolve(country) if country else None, year, withdrawn)
    if as_json:
        return _emit([it.row() for it in items])
    if not items:
        typer.echo("No items.")
    for it in items:
        _print_item(it)


@evidence_app.command("show")
def show(item_id: str, as_json: bool = JsonOption) -> None:
    """One item: its current revision, every earlier one, its grades and its audit log."""
    ledger = _ledger()
    it = ledger.get(item_id)
    data = {"item": it.row(), **ledger.history(item_id), "audit": ledger.audit_log(item_id)}
    if as_json:
        return _emit(data)
    _print_item(it)
    for e in data["audit"]:
        typer.echo(f"  {e['at']} {e['token']}: {e['action']} (revision {e['revision']}) "
                   f"{e['detail']}".rstrip())


@evidence_app.command("grade")
def grade(item_id: str, reliability: str = typer.Option(..., "--reliability", "-r"),
          credibility: int = typer.Option(..., "--credibility", "-k"),
          note: str = typer.Option("", "--note"),
          analyst: str = typer.Option(None, "--analyst", help="Default: the token's name."),
          token: str = TokenOption, as_json: bool = JsonOption) -> None:
    """Grade an item (Admiralty reliability A-F, credibility 1-6); your latest grade counts."""
    from .evidence.models import Grade

    ledger = _ledger()
    who = ledger.who(token)
    g = _pydantic(Grade, analyst=analyst or who, reliability=reliability, credibility=credibility,
                  note=note)
    it = ledger.grade(item_id, g, token)
    if as_json:
        return _emit(it.row())
    typer.echo(f"graded {it.id}: {g.analyst} {g.reliability}{g.credibility}")


def _parse_sets(sets: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for s in sets:
        if "=" not in s:
            raise TiptraceError(f"--set takes FIELD=VALUE, got {s!r}.")
        k, v = s.split("=", 1)
        try:
            value = json.loads(v)
        except json.JSONDecodeError:
            value = v
        if k in ("corroborates", "contradicts") and isinstance(value, str):
            value = _split(value)
        if "." in k:  # source.url=...
            head, tail = k.split(".", 1)
            out.setdefault(head, {})[tail] = value
        else:
            out[k] = value
    return out


@evidence_app.command("revise")
def revise(item_id: str, sets: list[str] = typer.Option(..., "--set", help="FIELD=VALUE, e.g. "
                                                        "direction=undermines or source.url=..."),
           token: str = TokenOption, as_json: bool = JsonOption) -> None:
    """A new revision of an item (the old ones are kept)."""
    ledger = _ledger()
    changes = _parse_sets(sets)
    if "source" in changes:
        changes["source"] = {**ledger.get(item_id).body.source.model_dump(), **changes["source"]}
    it = _pydantic(ledger.revise, item_id, changes, token)
    if as_json:
        return _emit(it.row())
    typer.echo(f"revised {it.id}: revision {it.revision}")


@evidence_app.command("withdraw")
def withdraw(item_id: str, token: str = TokenOption, as_json: bool = JsonOption) -> None:
    """Withdraw an item: a revision marked withdrawn; nothing is deleted."""
    it = _ledger().withdraw(item_id, token)
    if as_json:
        return _emit(it.row())
    typer.echo(f"withdrew {it.id}: revision {it.revision}")


@evidence_app.command("extract")
def extract(file: str = typer.Argument(..., help="A narrative or article (text), or - for stdin."),
            country: str = typer.Option(..., "--country", "-c"),
            year: int = typer.Option(..., "--year", "-y"),
            document: str = typer.Option("pasted text", "--document"),
            publisher: str = typer.Option("unknown", "--publisher"),
            date: str = typer.Option(None, "--date", help="Default: the report year."),
            url: str = typer.Option(None, "--url"),
            page: str = typer.Option(None, "--page"),
            source_type: str = typer.Option("foreign_government", "--source-type",
                                            help="The document's own type, for sentences it "
                                                 "asserts without attribution."),
            out: str = typer.Option(None, "--out", help="Write the proposals as JSON Lines."),
            as_json: bool = JsonOption) -> None:
    """Propose items from a narrative (nothing is stored): edit them, then `evidence import`."""
    import sys

    from .evidence.extract import propose
    from .record.countries import resolve

    text = sys.stdin.read() if file == "-" else Path(file).read_text("utf-8")
    source = {"document": document, "publisher": publisher, "date": date or str(year),
              "type": source_type, "url": url, "page": page or ("pasted text" if not url else None)}
    source = {k: v for k, v in source.items() if v is not None}
    props = propose(text, resolve(country), year, source)
    if out:
        Path(out).write_text("".join(json.dumps(p["row"], ensure_ascii=False) + "\n"
                                     for p in props), "utf-8")
    if as_json:
        return _emit(props)
    for p in props:
        r, rd = p["row"], p["reading"]
        g = r["grades"][0]
        typer.echo(f"[{p['sentence_number']}] {r['bears_on']} {r['direction']} "
                   f"[{r['responsibility']}] source {rd['family']} ({rd['attribution']}"
                   f"{', hedged' if rd['hedged'] else ''}) proposed {g['reliability']}"
                   f"{g['credibility']}")
        typer.echo(f"    {p['sentence']}")
    typer.echo(f"{len(props)} proposal(s); nothing stored. Rewrite each statement in your own "
               "words, confirm or change the grades, then `tiptrace evidence import FILE`.")


@evidence_app.command("export")
def export(country: str = typer.Option(None, "--country", "-c"),
           year: int = typer.Option(None, "--year", "-y"),
           out: str = typer.Option(None, "--out", help="File (default: standard output).")) -> None:
    """Current items with their grades as JSON Lines (the schema of `evidence schema`)."""
    from .evidence.jsonl import export_lines
    from .record.countries import resolve

    lines = export_lines(_ledger(), resolve(country) if country else None, year)
    text = "".join(x + "\n" for x in lines)
    if out:
        Path(out).write_text(text, "utf-8")
        typer.echo(f"wrote {len(lines)} item(s) to {out}")
    else:
        typer.echo(text, nl=False)


@evidence_app.command("import")
def import_cmd(file: str, token: str = TokenOption, as_json: bool = JsonOption) -> None:
    """Import JSON Lines; any bad row rejects the whole file and nothing is written."""
    from .evidence.jsonl import import_file

    result = import_file(_ledger(), file, token)
    if as_json:
        return _emit(result)
    typer.echo(f"imported {result['rows']} row(s) from {result['file']}: {result['added']} added, "
               f"{result['revised']} revised, {result['grades']} grade(s)")


@evidence_app.command("schema")
def schema() -> None:
    """The JSON Schema of a JSON Lines row."""
    from .evidence.models import schema as s

    _emit(s())


def assess(country: str = typer.Argument(..., help="ISO2, ISO3, name or alias."),
           year: int = typer.Option(..., "--year", "-y", help="Report year."),
           no_examples: bool = typer.Option(False, "--no-examples",
                                            help="Never fall back to a packaged worked example."),
           as_json: bool = JsonOption) -> None:
    """The tier the rulebook gives on the ledger's evidence, with its interval and checks."""
    from .evidence.queries import assess as run

    r = run(_base()._store(), country, year, examples=not no_examples)
    if as_json:
        return _emit(r)
    iv = r["interval"]
    typer.echo(f"{r['country']} {r['report_year']}: recommended {r['recommended_tier'] or 'undetermined'}"
               f" ({r['reason']}); official {r['official_tier'] or 'none in the record'}")
    typer.echo(f"  confidence {r['confidence']['share']:.0%} ({r['confidence']['label']}); interval "
               f"{iv['low']}..{iv['high']}; shares {iv['shares']}")
    typer.echo("  by source family: " + "; ".join(
        f"{k} {v['recommended_tier'] or '-'} ({v['items']} items)"
        for k, v in r["by_source_family"].items()))
    sdo = r["state_direct_only"]
    typer.echo(f"  state-direct only: {sdo['recommended_tier'] or 'undetermined'} ({sdo['items']} items)")
    if r["families_disagree"]:
        typer.echo("  families that disagree: " + "; ".join(r["families_disagree"]))
    typer.echo(f"  sensitivity: {r['sensitivity']['note']}")
    for s in r["sensitivity"]["sets"][:3]:
        typer.echo("    " + " + ".join(f"{i['id']} {i['change']}" for i in s["items"])
                   + f" -> {s['tier'] or 'undetermined'}")
    typer.echo(f"  {r['comparison']}")
    typer.echo(f"  basis: {r['basis']}; weighting {r['weighting_version']}; --json for the trace")


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")
    app.command("assess")(assess)
