"""World map as SVG paths (equirectangular), built once from the packaged shapes.

Server-side SVG keeps the map working without JavaScript; small countries that vanish at this
scale get a dot so that they can still be seen, hovered and clicked.
"""

from __future__ import annotations

from functools import lru_cache

WIDTH, HEIGHT = 1000, 420  # 360 x 151 degrees (85N to 66S; Antarctica is not rated)
SCALE = WIDTH / 360
TOP = 85.0


def _xy(lon: float, lat: float) -> tuple[int, int]:
    return round((lon + 180) * SCALE), round((TOP - lat) * SCALE)


@lru_cache(maxsize=1)
def country_paths() -> dict[str, dict]:
    """ISO3 -> {"d": path data} or {"dot": (x, y)} for countries too small to draw."""
    from ..geo import shapes

    out: dict[str, dict] = {}
    for iso3, polys in shapes().items():
        parts = []
        biggest = None
        for poly in polys:
            ring = poly[0]
            lons = [p[0] for p in ring]
            if max(lons) - min(lons) > 180:
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
            pts: list[tuple[int, int]] = []
            for lon, lat in ring:
                p = _xy(lon, lat)
                if not pts or p != pts[-1]:
                    pts.append(p)
            if biggest is None or len(ring) > len(biggest):
                biggest = ring
            if len(set(pts)) >= 3:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
        if parts:
            out[iso3] = {"d": "".join(parts)}
        elif biggest:
            lon = sum(p[0] for p in biggest) / len(biggest)
            lat = sum(p[1] for p in biggest) / len(biggest)
            out[iso3] = {"dot": _xy(lon, lat)}
    return out
