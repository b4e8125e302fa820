"""Figures (matplotlib, no display needed): tier timeline, transition heatmap, prevalence vs tier,
and a world map of tiers. The CLI saves them as PNG/SVG; the web app serves the same figures.

Colours come from the Okabe-Ito palette, which stays distinguishable for colour-blind readers.
"""

from __future__ import annotations

from typing import Any

from ..domain import TIER_COLOURS
from ..domain import TIER_LABELS as TIER_NAMES
from .tiers import ORDERED, STEP

NO_DATA = "#f0f0f0"
SOURCE_TIP = "Source: US State Department, Trafficking in Persons Reports, via tiptrace"
SOURCE_GSI = "Walk Free, Global Slavery Index"


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _source(fig, text: str) -> None:
    fig.text(0.01, 0.01, text, fontsize=7, color="#555555", ha="left", va="bottom")


def tier_timeline(history: dict[str, Any], streak: Any | None = None):
    """One country's tier per report year; gaps shown as gaps; the current streak shaded."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    years = history["years"]
    for r in years:
        t = r["tier"]
        if t is None:  # a checked "not rated" is not a gap: its own marker and label
            not_rated = r.get("status") == "not_rated"
            ax.scatter(r["report_year"], 1.5, marker="s" if not_rated else "x", s=50,
                       facecolor="none" if not_rated else "#999999", edgecolor="#555555",
                       zorder=3)
            continue
        if "|" in t:  # narrowed: a hollow marker between its options, and a bar across them
            opts = [STEP[o] for o in t.split("|") if o in STEP]
            ax.plot([r["report_year"]] * 2, [min(opts), max(opts)], color="#777777",
                    linewidth=3, alpha=0.5, zorder=2)
            ax.scatter(r["report_year"], sum(opts) / len(opts), s=90, facecolor="white",
                       edgecolor="black", linewidth=0.8, zorder=3)
            continue
        y = STEP.get(t, -0.8)
        ax.scatter(r["report_year"], y, s=90, color=TIER_COLOURS[t], zorder=3,
                   edgecolor="black", linewidth=0.5)
        if r.get("state_sponsored"):
            ax.scatter(r["report_year"], y, s=260, facecolor="none", edgecolor="black", zorder=2)
    rated = [r for r in years if r["tier"] in STEP]
    ax.plot([r["report_year"] for r in rated], [STEP[r["tier"]] for r in rated], color="#777777",
            linewidth=1, zorder=1)
    if streak is not None:
        ax.axvspan(streak.start - 0.4, streak.end + 0.4, color="#dddddd", zorder=0,
                   label=f"current run: {streak.length} report(s) in {TIER_NAMES[streak.tier]}"
                   + (" (rests on a narrowed year)" if streak.depends_on else ""))
    ax.set_yticks([-0.8, *range(len(ORDERED))],
                  ["Special", *[TIER_NAMES[t] for t in ORDERED]])
    ax.invert_yaxis()
    ax.set_xlabel("TIP Report year")
    ax.set_ylabel("Tier")
    ax.set_title(f"{history['name']} ({history['country']}): TIP Report tier by year")
    handles, labels = ax.get_legend_handles_labels()
    from matplotlib.lines import Line2D

    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                       markeredgecolor="black", markersize=12),
                Line2D([], [], marker="x", linestyle="", color="#999999"),
                Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                       markeredgecolor="black", markersize=8),
                Line2D([], [], marker="s", linestyle="", markerfacecolor="none",
                       markeredgecolor="#555555")]
    labels += ["on the state-sponsored list", "gap: no value found",
               "narrowed (e.g. Tier 1 or 2), not fixed", "not rated (the report says)"]
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
              frameon=False)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # report years, never 2007.5
    ax.grid(axis="x", color="#eeeeee")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    _source(fig, SOURCE_TIP)
    return fig


def transition_heatmap(matrix: dict[str, Any], rates: bool = True):
    plt = _plt()
    labels = matrix["tiers"]
    values = [[(matrix["rates"] if rates else matrix["counts"])[a][b] or 0 for b in labels]
              for a in labels]
    fig, ax = plt.subplots(figsize=(6.2, 5.2))
    im = ax.imshow(values, cmap="Blues", vmin=0)
    names = [TIER_NAMES[t] for t in labels]
    ax.set_xticks(range(len(labels)), names, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), names)
    ax.set_xlabel("Tier in the next report")
    ax.set_ylabel("Tier in a report")
    peak = max(max(row) for row in values) or 1
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            n = matrix["counts"][a][b]
            text = f"{values[i][j]:.0%}\n({n})" if rates else str(n)
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if values[i][j] > peak * 0.6 else "black")
    ax.set_title(f"Tier transitions, reports {matrix['from_year']}-{matrix['to_year']} "
                 f"({matrix['pairs']} country-year pairs)", fontsize=10)
    fig.colorbar(im, ax=ax, label="share of row" if rates else "count", shrink=0.8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    _source(fig, SOURCE_TIP)
    return fig


def prevalence_vs_tier(result: dict[str, Any], gsi_rows: list[dict[str, Any]]):
    """Scatter of GSI prevalence against the official tier, outliers of the consistency model
    labelled."""
    plt = _plt()
    import random

    prevalence = {r["iso3"]: r["prevalence_per_1000"] for r in gsi_rows}
    rng = random.Random(0)  # fixed jitter so the figure is reproducible
    fig, ax = plt.subplots(figsize=(8, 5))
    outliers = {o["country"] for o in result["outliers"]}
    for i, c in enumerate(sorted(result["countries"], key=lambda c: c["country"])):
        x = STEP[c["tier"]] + rng.uniform(-0.18, 0.18)
        y = prevalence[c["country"]]
        ax.scatter(x, y, s=28, color=TIER_COLOURS[c["tier"]], edgecolor="black",
                   linewidth=0.8 if c["country"] in outliers else 0.2, zorder=3)
        if c["country"] in outliers:
            ax.annotate(f"{c['country']} (pred. {c['predicted']})", (x, y), fontsize=7,
                        xytext=(5, 6 if i % 2 else -9), textcoords="offset points")
    ax.set_yscale("log")
    ax.set_xticks(range(len(ORDERED)), [TIER_NAMES[t] for t in ORDERED])
    ax.set_xlabel(f"TIP Report {result['report_year']} tier")
    ax.set_ylabel(f"GSI {result['edition']} prevalence per 1,000 (log scale)")
    ax.set_title("GSI prevalence vs TIP tier; labelled: official tier two or more steps from the "
                 "model's prediction", fontsize=9)
    ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _source(fig, f"{SOURCE_TIP}; {SOURCE_GSI} {result['edition']}.\nThe indicators do not "
                 "capture everything the statute weighs.")
    return fig


def world_map(values: dict[str, str], title: str, colours: dict[str, str] | None = None,
              legend: dict[str, str] | None = None, source: str = SOURCE_TIP):
    """Choropleth: ISO3 -> category. Countries without a value are drawn light grey."""
    plt = _plt()
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    from ..geo import shapes

    colours = colours or TIER_COLOURS
    legend = legend or TIER_NAMES
    polys, faces = [], []
    for iso3, country in shapes().items():
        colour = colours.get(values.get(iso3, ""), NO_DATA)
        for poly in country:
            ring = poly[0]  # outer ring; holes are too small to matter at this scale
            lons = [p[0] for p in ring]
            if max(lons) - min(lons) > 180:  # crosses the antimeridian (Chukotka, Fiji)
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
            polys.append(ring)
            faces.append(colour)
    fig, ax = plt.subplots(figsize=(11, 5.6))
    ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors="white",
                                     linewidths=0.2))
    ax.set_xlim(-170, 190)
    ax.set_ylim(-58, 85)
    ax.set_aspect(1.2)
    ax.axis("off")
    handles = [Patch(facecolor=colours[k], label=v) for k, v in legend.items() if k in colours]
    handles.append(Patch(facecolor=NO_DATA, edgecolor="#cccccc", label="no value"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_title(title)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    _source(fig, source + "; shapes: Natural Earth")
    return fig


def save(fig, path: str) -> str:
    fig.savefig(path, dpi=130)
    _plt().close(fig)
    return path
