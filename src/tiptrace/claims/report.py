"""Render a claim-check report as text, Markdown, HTML (article escaped, claims highlighted)
or JSON with character offsets."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from typing import Any

VERDICT_LABEL = {"supported": "supported", "imprecise": "imprecise",
                 "contradicted": "contradicted", "not_checkable": "not checkable"}


def as_json(report: dict[str, Any]) -> str:
    data = {**report, "claims": [asdict(c) for c in report["claims"]]}
    data.pop("text", None)
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def _read_from(c) -> str:
    """Which parts of the claim came from elsewhere than its own sentence."""
    parts = []
    for what, how in c.resolution.items():
        origin = how.get("from") if isinstance(how, dict) else how
        if what != "year" and origin and origin != "this sentence" and origin != "this clause":
            parts.append(f"{what}: {origin}")
    return "; ".join(parts)


def _line(c) -> str:
    who = ", ".join(c.countries) if c.countries else "-"
    src = c.sourcing.get("attribution", "")
    read = _read_from(c)
    return (f"[{VERDICT_LABEL[c.verdict]}] {c.kind} ({who}, {c.year}): {c.explanation}. "
            f"Sourcing: {src}{', hedged' if c.sourcing.get('hedged') else ''}. "
            f"Confidence {c.confidence:.2f}" + (f" ({read})" if read else "") + ".")


def as_text(report: dict[str, Any]) -> str:
    lines = [f"Claims found: {len(report['claims'])}  " + ", ".join(
        f"{VERDICT_LABEL[k]}: {v}" for k, v in report["summary"]["verdicts"].items())]
    s = report["summary"]
    lines.append(f"Allegations: {s['allegations']} ({s['allegations_anonymous']} anonymous, "
                 f"{s['allegations_unattributed']} unattributed, {s['allegations_named']} named)")
    if report.get("date"):
        lines.append(f"Article date: {report['date']} ({report['date_basis']})")
    for c in report["claims"]:
        lines.append("")
        lines.append(f"> {c.sentence.strip()}")
        lines.append(_line(c))
        lines.append(f"  year: {c.year_basis}")
    return "\n".join(lines) + "\n"


def as_markdown(report: dict[str, Any]) -> str:
    s = report["summary"]
    out = ["# Claim check", "",
           "| verdict | claims |", "|---|---|",
           *[f"| {VERDICT_LABEL[k]} | {v} |" for k, v in s["verdicts"].items()], "",
           f"Allegations: {s['allegations']} ({s['allegations_anonymous']} anonymous, "
           f"{s['allegations_unattributed']} unattributed, {s['allegations_named']} named).", ""]
    for c in report["claims"]:
        quote = c.sentence.strip().replace("|", "\\|")
        out += [f"- **{VERDICT_LABEL[c.verdict]}** - {c.kind} ({', '.join(c.countries) or '-'}, "
                f"{c.year}): {c.explanation}", f"  > {quote}", f"  - year: {c.year_basis}; "
                f"sourcing: {c.sourcing.get('attribution')}"]
    return "\n".join(out) + "\n"


def as_html(report: dict[str, Any]) -> str:
    """The article with claim sentences highlighted; every piece of input text is escaped."""
    text = report["text"]
    spans: dict[tuple[int, int], list] = {}
    for c in report["claims"]:
        spans.setdefault((c.start, c.end), []).append(c)
    parts = []
    pos = 0
    for (start, end), claims in sorted(spans.items()):
        if start < pos:
            continue
        parts.append(html.escape(text[pos:start]))
        worst = min(claims, key=lambda c: ["contradicted", "imprecise", "not_checkable",
                                           "supported"].index(c.verdict))
        title = " | ".join(f"{VERDICT_LABEL[c.verdict]}: {c.explanation}" for c in claims)
        parts.append(f'<mark class="{worst.verdict}" title="{html.escape(title, quote=True)}">'
                     f"{html.escape(text[start:end])}</mark>")
        pos = end
    parts.append(html.escape(text[pos:]))
    items = "".join(f"<li class=\"{c.verdict}\">{html.escape(_line(c))}</li>"
                    for c in report["claims"])
    s = report["summary"]
    summary = html.escape(", ".join(f"{VERDICT_LABEL[k]}: {v}" for k, v in s["verdicts"].items()))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Claim check"
            "</title><style>mark.supported{background:#cde8d8}mark.imprecise{background:#fde7b8}"
            "mark.contradicted{background:#f6c5b4}mark.not_checkable{background:#e2e2e2}"
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}"
            "article{white-space:pre-wrap}</style></head><body><h1>Claim check</h1>"
            f"<p>{summary}</p><ul>{items}</ul><article>{''.join(parts)}</article></body></html>")


RENDERERS = {"json": as_json, "text": as_text, "markdown": as_markdown, "html": as_html}
