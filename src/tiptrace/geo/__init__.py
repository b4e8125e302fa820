"""World map shapes (Natural Earth 1:50m via world-atlas), keyed by ISO3, for offline maps."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

Ring = list[tuple[float, float]]

NAME_ONLY = {"Kosovo": "XKX"}  # features without an ISO numeric id


@lru_cache(maxsize=1)
def topology() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("countries-50m.json").read_bytes())


def topojson_bytes() -> bytes:
    return resources.files(__name__).joinpath("countries-50m.json").read_bytes()


@lru_cache(maxsize=1)
def numeric_to_iso3() -> dict[str, str]:
    import pycountry

    return {c.numeric: c.alpha_3 for c in pycountry.countries}


def _decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """Undo TopoJSON's quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    out: Ring = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)  # consecutive arcs share an end point
    return out


@lru_cache(maxsize=1)
def shapes() -> dict[str, list[list[Ring]]]:
    """ISO3 -> polygons, each polygon a list of rings (outer first) of (lon, lat) points."""
    topo = topology()
    arcs = _decode_arcs(topo)
    codes = numeric_to_iso3()
    out: dict[str, list[list[Ring]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        iso3 = codes.get(g.get("id", "")) or NAME_ONLY.get(g["properties"]["name"])
        if not iso3:
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out.setdefault(iso3, []).extend([_ring(r, arcs) for r in poly] for poly in polys)
    return out
