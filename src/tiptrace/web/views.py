"""What every chart or table page shares: the download links (CSV and SVG of exactly what is
shown), the permalink, the embed address and the citation. The page's query string is its
state, so the permalink is the page's own address."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from .charts import Chart

TEXT_CSV = "text/csv; charset=utf-8"
SVG = "image/svg+xml"
FORMATS = ("html", "csv", "svg")


def _query(request: Request, **change: Any) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in change]
    items += [(k, v) for k, v in change.items() if v is not None]
    q = urlencode(items)
    return "?" + q if q else ""


def permalink(request: Request) -> str:
    path = request.url.path.removeprefix("/embed")
    return str(request.base_url).rstrip("/") + path + _query(request, format=None)


def tools(request: Request, web, name: str, title: str, *, svg: bool = True,
          embed: bool = True) -> dict[str, Any]:
    """Links and citation texts for one chart or table (see templates/_tools.html)."""
    path = request.url.path.removeprefix("/embed")
    link = permalink(request)
    today = dt.date.today()
    from ..services.record import cite

    version = cite()["data_version"]  # a digest of the tables: the same wherever it is cited
    author = "tiptrace"
    apa_date = f"{today:%B} {today.day}, {today.year}"
    key = "tiptrace_" + "".join(ch for ch in name if ch.isalnum())[:40] + f"_{today:%Y%m%d}"
    return {
        "name": name, "title": title,
        "csv": path + _query(request, format="csv"),
        "svg": path + _query(request, format="svg") if svg else None,
        "permalink": link,
        "embed": "/embed" + path + _query(request, format=None) if embed else None,
        "version": version, "date": today.isoformat(),
        "plain": f"{author}, \"{title}\", data version {version}, {link} (retrieved "
                 f"{today.isoformat()}). Sources: US State Department Trafficking in Persons "
                 "Reports; Walk Free Global Slavery Index.",
        "apa": f"{author}. ({today.year}). {title} (Data version {version}) [Data set]. "
               f"Retrieved {apa_date}, from {link}",
        "bibtex": (f"@misc{{{key},\n  author = {{{{{author}}}}},\n  title = {{{title}}},\n"
                   f"  year = {{{today.year}}},\n  note = {{Data version {version}; retrieved "
                   f"{today.isoformat()}}},\n  howpublished = {{\\url{{{link}}}}}\n}}"),
    }


def table_chart(name: str, title: str, columns: list[str], rows: list[list[Any]]) -> Chart:
    """A table with no drawing: only its CSV is downloadable."""
    return Chart(name, title, "", columns, rows)


def download(chart: Chart, fmt: str) -> Response:
    if fmt == "csv":
        return Response(chart.csv(), media_type=TEXT_CSV, headers={
            "Content-Disposition": f'attachment; filename="{chart.name}.csv"'})
    return Response(chart.svg.encode("utf-8"), media_type=SVG, headers={
        "Content-Disposition": f'attachment; filename="{chart.name}.svg"'})


_RANKS: dict[tuple[str, int, int], dict[str, int]] = {}


def rank_by_number(store, edition: int) -> dict[str, int]:
    """ISO3 -> rank by estimated number in one GSI edition, kept until the data change (a
    country page asks for every edition; ranking an edition costs ~10 ms)."""
    from ..record import queries as rq

    key = (str(getattr(store, "url", id(store))), store.data_version(), edition)
    if key not in _RANKS:
        if len(_RANKS) > 64:
            _RANKS.clear()
        _RANKS[key] = {x["country"]: x["rank"] for x in rq.gsi_rank(store, edition, "number")}
    return _RANKS[key]


def map_tools(request: Request, web, title: str, csv: str, query: str) -> dict[str, Any]:
    """The map's tools: its CSV is the API table of the year; SVG and PNG are made in the
    browser from the map as drawn (the year can change without a reload). The permalink names
    the year even when the page was opened without one."""
    t = tools(request, web, "map", title, svg=False, embed=False)
    link = str(request.base_url).rstrip("/") + "/" + query
    return {**t, "csv": csv, "js_svg": True, "permalink": link, "embed": "/embed/map" + query,
            **{k: t[k].replace(t["permalink"], link) for k in ("plain", "apa", "bibtex")}}
