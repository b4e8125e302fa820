"""Charts as SVG strings built on the server: the same bytes are drawn in the page, downloaded as
SVG, rasterised to PNG in the browser and framed by /embed/ pages; the rows behind each chart
are its CSV. Presentation attributes only (no style attributes), so the strict CSP holds and a
downloaded file looks as it did on the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ..analysis.plots import TIER_COLOURS, TIER_NAMES

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
INK, MUTED, GRID = "#1b1b1b", "#555555", "#e4e4e4"
# Paul Tol's "bright" scheme: distinguishable for colour-blind readers, and unlike the tier
# colours, so that a country's line is not read as a tier.
SERIES = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#222222", "#BBBBBB"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle", "square", "diamond", "triangle"]
# Rows of a tier timeline, top to bottom: tiers from best to worst, then what is not a tier.
TIMELINE_ROWS = ["1", "2", "2WL", "3", "special", "not_rated", "gap"]
ROW_NAMES = {**TIER_NAMES, "not_rated": "Not rated", "gap": "No value found"}


def _name(row: str) -> str:
    return ROW_NAMES.get(row) or " or ".join(ROW_NAMES.get(o, o) for o in row.split("|"))


@dataclass
class Chart:
    name: str  # file stem of the downloads
    title: str
    svg: str
    columns: list[str]
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)

    def csv(self) -> bytes:  # the exporter's writer: formula-like cells neutralised
        from ..record.exporter import csv_bytes

        return csv_bytes(self.columns, self.rows)


def _text(x: float, y: float, s: Any, size: float = 12, anchor: str = "start",
          fill: str = INK, weight: str = "normal", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}"{extra}>{escape(str(s))}</text>')


def _marker(kind: str, x: float, y: float, r: float, fill: str, stroke: str = INK,
            title: str = "") -> str:
    t = f"<title>{escape(title)}</title>" if title else ""
    if kind == "square":
        shape = (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="1"/>')
    elif kind == "diamond":
        shape = (f'<path d="M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.3:.1f},{y:.1f}L{x:.1f},'
                 f'{y + r * 1.3:.1f}L{x - r * 1.3:.1f},{y:.1f}Z" fill="{fill}" stroke="{stroke}" '
                 'stroke-width="1"/>')
    elif kind == "triangle":
        shape = (f'<path d="M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.2:.1f},{y + r:.1f}L'
                 f'{x - r * 1.2:.1f},{y + r:.1f}Z" fill="{fill}" stroke="{stroke}" '
                 'stroke-width="1"/>')
    elif kind == "cross":
        shape = (f'<path d="M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}M{x + r:.1f},'
                 f'{y - r:.1f}L{x - r:.1f},{y + r:.1f}" stroke="{stroke}" stroke-width="1.6"/>')
    else:
        shape = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{stroke}" '
                 'stroke-width="1"/>')
    return f"<g>{t}{shape}</g>" if t else shape


def _svg(width: int, height: int, title: str, body: list[str], source: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" font-family="{FONT}">'
            f"<title>{escape(title)}</title>"
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
            + _text(12, 22, title, 15, weight="bold") + "".join(body)
            + _text(12, height - 8, source, 10, fill=MUTED) + "</svg>")


SOURCE_TIP = "Source: US State Department, Trafficking in Persons Reports; tiptrace"
SOURCE_GSI = "Source: Walk Free, Global Slavery Index; tiptrace"


def _row_of(r: dict[str, Any]) -> str:
    if r.get("tier"):
        return r["tier"]
    return "not_rated" if r.get("status") == "not_rated" else "gap"


def timelines(histories: list[dict[str, Any]]) -> Chart:
    """Tier by report year for one or more countries. Years on integer ticks; 'not rated' has
    its own row (the report said so), distinct from a year with no value found."""
    names = [h["name"] for h in histories]
    title = ("TIP Report tier by year: " + ", ".join(names)) if names else "TIP Report tier by year"
    years = sorted({r["report_year"] for h in histories for r in h["years"]})
    lo, hi = (years[0], years[-1]) if years else (2001, 2025)
    used_rows = TIMELINE_ROWS
    left, right, top, row_h = 150, 20, 40 + 20 * len(histories), 34
    width = 900
    plot_w = width - left - right
    height = top + row_h * len(used_rows) + 60
    span = max(hi - lo, 1)

    def x(year: int) -> float:
        return left + (year - lo) / span * plot_w if hi > lo else left + plot_w / 2

    def y(row: str) -> float:
        if "|" in row:  # narrowed (e.g. Tier 1 or 2): between the rows it allows
            opts = [o for o in row.split("|") if o in used_rows]
            return sum(y(o) for o in opts) / len(opts)
        return top + row_h * (used_rows.index(row) + 0.5)

    body: list[str] = []
    for row in used_rows:  # row labels and guides; the tier rows carry their colour
        yy = y(row)
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" '
                    f'stroke="{GRID}"/>')
        colour = TIER_COLOURS.get(row, MUTED)
        body.append(f'<rect x="{left - 144}" y="{yy - 6:.1f}" width="8" height="12" '
                    f'fill="{colour}"/>' if row in TIER_COLOURS else "")
        body.append(_text(left - 130, yy + 4, ROW_NAMES[row], 12))
    step = 1 if span <= 12 else (2 if span <= 30 else 5)
    for year in range(lo, hi + 1):  # integer ticks only
        if (year - lo) % step == 0:
            xx = x(year)
            body.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{top}" '
                        f'y2="{top + row_h * len(used_rows)}" stroke="{GRID}"/>')
            body.append(_text(xx, top + row_h * len(used_rows) + 16, year, 11, "middle", MUTED))
    body.append(_text(left + plot_w / 2, top + row_h * len(used_rows) + 34, "TIP Report year",
                      12, "middle", MUTED))
    rows: list[list[Any]] = []
    several = len(histories) > 1
    for i, h in enumerate(histories):
        colour = SERIES[i % len(SERIES)]
        kind = MARKERS[i % len(MARKERS)] if several else "circle"
        offset = (i - (len(histories) - 1) / 2) * 5 if several else 0  # overlapping points
        if several:  # the key above the plot
            kx = left + (i % 4) * 180
            ky = 36 + 20 * (i // 4)
            body.append(_marker(kind, kx, ky - 4, 5, colour))
            body.append(_text(kx + 10, ky, f"{h['name']} ({h['country']})", 12))
        run: list[tuple[float, float]] = []
        segments: list[list[tuple[float, float]]] = []
        prev_year = None
        for r in sorted(h["years"], key=lambda r: r["report_year"]):
            row = _row_of(r)
            point = (x(r["report_year"]), y(row) + offset)
            is_tier = row in ("1", "2", "2WL", "3")
            if is_tier and run and prev_year == r["report_year"] - 1:
                run.append(point)
            else:
                if len(run) > 1:
                    segments.append(run)
                run = [point] if is_tier else []
            prev_year = r["report_year"] if is_tier else None
            rows.append([h["country"], h["name"], r["report_year"], r.get("tier") or "",
                         _name(row), r.get("quality") or "", r.get("source") or ""])
        if len(run) > 1:
            segments.append(run)
        for seg in segments:
            pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in seg)
            body.append(f'<polyline points="{pts}" fill="none" '
                        f'stroke="{colour if several else "#888888"}" stroke-width="1.5"/>')
        for r in h["years"]:
            row = _row_of(r)
            xx, yy = x(r["report_year"]), y(row) + offset
            label = f"{h['name']} {r['report_year']}: {_name(row)}"
            if row == "gap":
                body.append(_marker("cross", xx, yy, 4, "none", MUTED, label))
            elif row == "not_rated":
                body.append(_marker(kind, xx, yy, 5, "#ffffff", MUTED, label))
            elif "|" in row:  # narrowed: a bar across its options, a hollow marker
                opts = [y(o) + offset for o in row.split("|")]
                body.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{min(opts):.1f}" '
                            f'y2="{max(opts):.1f}" stroke="#9a9a9a" stroke-width="4"/>')
                body.append(_marker(kind, xx, yy, 5, "#ffffff", INK, label))
            else:
                fill = colour if several else TIER_COLOURS[row]
                body.append(_marker(kind, xx, yy, 6, fill, INK, label))
                if r.get("state_sponsored"):
                    body.append(f'<circle cx="{xx:.1f}" cy="{yy:.1f}" r="10" fill="none" '
                                f'stroke="{INK}" stroke-width="1.2"/>')
    if any(r.get("state_sponsored") for h in histories for r in h["years"]):
        body.append(f'<circle cx="{width - 250}" cy="{height - 32}" r="7" fill="none" '
                    f'stroke="{INK}"/>')
        body.append(_text(width - 238, height - 28, "ring: on the state-sponsored list", 11))
    svg = _svg(width, height, title, body, SOURCE_TIP)
    return Chart("timeline-" + "-".join(h["country"] for h in histories), title, svg,
                 ["iso3", "country", "report_year", "tier", "shown_as", "quality", "source"],
                 rows)


def heatmap(matrix: dict[str, Any]) -> Chart:
    """Share of countries moving from a tier (row) to a tier in the next report (column)."""
    tiers = matrix["tiers"]
    title = f"Tier transitions between consecutive reports, {matrix['from_year']}-{matrix['to_year']}"
    cell, left, top = 92, 170, 90
    width, height = left + cell * len(tiers) + 30, top + cell * len(tiers) + 60
    body = [_text(left + cell * len(tiers) / 2, top - 40, "Tier in the next report", 12,
                  "middle", MUTED)]
    rows: list[list[Any]] = []
    for j, b in enumerate(tiers):
        body.append(_text(left + cell * (j + 0.5), top - 12, TIER_NAMES[b].replace("Tier 2 ", ""),
                          11, "middle"))
    for i, a in enumerate(tiers):
        body.append(_text(left - 8, top + cell * (i + 0.5) + 4, TIER_NAMES[a], 12, "end"))
        for j, b in enumerate(tiers):
            rate = matrix["rates"][a][b] or 0.0
            n = matrix["counts"][a][b]
            shade = round(255 - rate * 200)  # light to dark blue
            fill = f"#{shade:02x}{min(255, shade + 20):02x}ff" if rate else "#f7f7f7"
            ink = "#ffffff" if rate > 0.55 else INK
            cx, cy = left + cell * j, top + cell * i
            body.append(f'<g><title>{escape(TIER_NAMES[a])} to {escape(TIER_NAMES[b])}: {n} '
                        f'({rate:.0%})</title><rect x="{cx}" y="{cy}" width="{cell - 2}" '
                        f'height="{cell - 2}" fill="{fill}"/></g>')
            body.append(_text(cx + cell / 2, cy + cell / 2 - 2, f"{rate:.0%}", 15, "middle", ink,
                              "bold"))
            body.append(_text(cx + cell / 2, cy + cell / 2 + 16, f"n={n}", 11, "middle", ink))
            rows.append([a, b, n, round(rate, 4)])
    body.append(_text(14, top + cell * len(tiers) / 2, "Tier in a report", 12, "middle", MUTED,
                      extra=f' transform="rotate(-90 14 {top + cell * len(tiers) / 2:.0f})"'))
    return Chart(f"transitions-{matrix['from_year']}-{matrix['to_year']}", title,
                 _svg(width, height, title, body, SOURCE_TIP),
                 ["from_tier", "to_tier", "count", "share_of_from_tier"], rows)


def scatter(result: dict[str, Any], gsi_rows: list[dict[str, Any]]) -> Chart:
    """GSI government response (x) against prevalence (y, log), coloured by the official tier;
    the model's outliers ringed and named."""
    by_iso = {r["iso3"]: r for r in gsi_rows}
    outliers = {o["country"] for o in result["outliers"]}
    title = (f"TIP {result['report_year']} tiers against GSI {result['edition']}: "
             "government response and prevalence")
    width, height, left, right, top, bottom = 900, 520, 70, 170, 40, 60
    pts = []
    for c in result["countries"]:
        g = by_iso.get(c["country"])
        if not g or g.get("government_response") is None or not g.get("prevalence_per_1000"):
            continue
        pts.append((c, g["government_response"], g["prevalence_per_1000"]))
    xs = [p[1] for p in pts] or [0, 100]
    ys = [math.log10(p[2]) for p in pts] or [0, 1]
    x0, x1 = math.floor(min(xs) / 10) * 10, math.ceil(max(xs) / 10) * 10
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    pw, ph = width - left - right, height - top - bottom

    def sx(v: float) -> float:
        return left + (v - x0) / ((x1 - x0) or 1) * pw

    def sy(v: float) -> float:
        return top + ph - (math.log10(v) - y0) / ((y1 - y0) or 1) * ph

    body: list[str] = []
    for v in range(int(x0), int(x1) + 1, 10):
        body.append(f'<line x1="{sx(v):.1f}" x2="{sx(v):.1f}" y1="{top}" y2="{top + ph}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(sx(v), top + ph + 16, v, 11, "middle", MUTED))
    for e in range(y0, y1 + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if y0 <= math.log10(v) <= y1:
                body.append(f'<line x1="{left}" x2="{left + pw}" y1="{sy(v):.1f}" '
                            f'y2="{sy(v):.1f}" stroke="{GRID}"/>')
                body.append(_text(left - 6, sy(v) + 4, f"{v:g}", 11, "end", MUTED))
    body.append(_text(left + pw / 2, height - 26, "GSI government response score (%)", 12,
                      "middle", MUTED))
    body.append(_text(16, top + ph / 2, "Prevalence per 1,000 (log scale)", 12, "middle",
                      MUTED, extra=f' transform="rotate(-90 16 {top + ph / 2:.0f})"'))
    rows = []
    for c, gx, gy in pts:
        t = c["tier"]
        out = c["country"] in outliers
        label = (f"{c['name']}: official {TIER_NAMES[t]}, predicted {TIER_NAMES[c['predicted']]}; "
                 f"response {gx:g}, prevalence {gy:g} per 1,000")
        body.append(_marker("circle", sx(gx), sy(gy), 5, TIER_COLOURS[t], "#333333", label))
        if out:
            body.append(f'<circle cx="{sx(gx):.1f}" cy="{sy(gy):.1f}" r="9" fill="none" '
                        f'stroke="{INK}" stroke-width="1.5"/>')
            body.append(_text(sx(gx) + 11, sy(gy) + 4, c["name"], 10))
        rows.append([c["country"], c["name"], t, c["predicted"], c["steps_from_prediction"],
                     gx, gy, "yes" if out else "no"])
    lx = width - right + 20
    for k, t in enumerate(("1", "2", "2WL", "3")):
        body.append(_marker("circle", lx, top + 10 + 20 * k, 5, TIER_COLOURS[t], "#333333"))
        body.append(_text(lx + 10, top + 14 + 20 * k, TIER_NAMES[t], 11))
    body.append(f'<circle cx="{lx}" cy="{top + 96}" r="8" fill="none" stroke="{INK}" '
                'stroke-width="1.5"/>')
    body.append(_text(lx + 12, top + 100, "outlier (2+ steps)", 11))
    return Chart(f"consistency-{result['report_year']}-gsi{result['edition']}", title,
                 _svg(width, height, title, body, SOURCE_TIP + "; " + SOURCE_GSI[8:]),
                 ["iso3", "country", "official_tier", "predicted_tier", "steps_from_prediction",
                  "gsi_government_response", "gsi_prevalence_per_1000", "outlier"], rows)


def gsi_editions(name: str, iso3: str, rows: list[dict[str, Any]],
                 partial: set[int]) -> Chart:
    """A country's GSI estimates by edition as bars, partial editions hatched."""
    title = f"{name}: Global Slavery Index estimates by edition"
    rows = sorted(rows, key=lambda r: r["edition"])
    width, height, left, top, bottom = 900, 330, 80, 50, 70
    pw, ph = width - left - 30, height - top - bottom
    values = [r["est_number"] or 0 for r in rows]
    peak = max(values, default=0) or 1
    body = ['<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#cfe0f0"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#4477AA" stroke-width="2"/></pattern>'
            "</defs>"]
    band = pw / max(len(rows), 1)
    for k in range(5):
        v = peak * k / 4
        yy = top + ph - ph * k / 4
        body.append(f'<line x1="{left}" x2="{left + pw}" y1="{yy:.1f}" y2="{yy:.1f}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(left - 6, yy + 4, f"{v:,.0f}", 10, "end", MUTED))
    out = []
    for i, r in enumerate(rows):
        v = r["est_number"]
        xx = left + band * i + band * 0.2
        is_partial = r["edition"] in partial
        if v is not None:
            hgt = ph * v / peak
            body.append(f'<g><title>GSI {r["edition"]}: {v:,} people'
                        f'{" (partial edition)" if is_partial else ""}</title>'
                        f'<rect x="{xx:.1f}" y="{top + ph - hgt:.1f}" width="{band * 0.6:.1f}" '
                        f'height="{hgt:.1f}" fill="{"url(#hatch)" if is_partial else "#4477AA"}" '
                        f'stroke="#4477AA"/></g>')
            body.append(_text(xx + band * 0.3, top + ph - hgt - 6, f"{v:,}", 11, "middle"))
        else:
            body.append(_text(xx + band * 0.3, top + ph - 6, "no estimate", 11, "middle", MUTED))
        body.append(_text(xx + band * 0.3, top + ph + 16,
                          f"{r['edition']}{' (partial)' if is_partial else ''}", 11, "middle"))
        out.append([iso3, name, r["edition"], r["est_number"], r["prevalence_per_1000"],
                    r.get("rank_number"), "yes" if is_partial else "no", r["source_document"]])
    body.append(_text(left, height - 34, "Estimated number of people in modern slavery; editions "
                      "use different methods and are not a time series.", 11, fill=MUTED))
    return Chart(f"gsi-{iso3}", title, _svg(width, height, title, body, SOURCE_GSI),
                 ["iso3", "country", "edition", "est_number", "prevalence_per_1000",
                  "rank_by_number", "partial_edition", "source_document"], out)
