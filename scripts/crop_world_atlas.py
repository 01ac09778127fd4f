"""Crop world-atlas's countries TopoJSON to Africa and its neighbours, for the maps' outlines.

    python scripts/crop_world_atlas.py package/countries-50m.json OUT.json

The input is `countries-50m.json` from the world-atlas npm tarball (Natural Earth, public
domain; see facts/static/facts/vendor/README.md). A country's polygon is kept when its
bounding box meets WINDOW; the arcs those polygons use are kept as they are (same
quantisation, same transform), renumbered, and nothing else changes, so topojson-client
reads the output exactly as it reads the original. Only the `countries` object is kept
(`land` is the union of the same shapes, which the maps do not draw).
"""

import json
import sys
from pathlib import Path

# west, south, east, north (degrees): Africa with enough of Europe, the Atlantic and Arabia
# that a wide screen centred on the Sahel never shows an empty edge at zoom 3.
WINDOW = (-40.0, -40.0, 75.0, 50.0)


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as absolute longitude/latitude pairs (arcs are delta-encoded integers)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_index(ref: int) -> int:
    # A negative reference ~i means arc i walked backwards.
    return ref if ref >= 0 else ~ref


def polygon_meets_window(polygon: list[list[int]], arcs: list) -> bool:
    west, south, east, north = WINDOW
    points = [p for ring in polygon for ref in ring for p in arcs[arc_index(ref)]]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south


def crop(topology: dict) -> dict:
    arcs = decoded_arcs(topology)
    kept = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:  # a country with no shape at this scale
            continue
        polygons = [p for p in polygons if polygon_meets_window(p, arcs)]
        if polygons:
            kept.append({**geometry, "type": "MultiPolygon", "arcs": polygons})

    used = sorted({arc_index(ref) for g in kept for p in g["arcs"] for ring in p for ref in ring})
    new_index = {old: new for new, old in enumerate(used)}

    def renumber(ref: int) -> int:
        return new_index[ref] if ref >= 0 else ~new_index[~ref]

    for geometry in kept:
        geometry["arcs"] = [
            [[renumber(ref) for ref in ring] for ring in polygon] for polygon in geometry["arcs"]
        ]
        if len(geometry["arcs"]) == 1:
            geometry["type"], geometry["arcs"] = "Polygon", geometry["arcs"][0]
    points = [p for old in used for p in arcs[old]]
    return {
        "type": "Topology",
        "bbox": [
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        ],
        "transform": topology["transform"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
        "arcs": [topology["arcs"][old] for old in used],
    }


def main(source: str, target: str) -> None:
    cropped = crop(json.loads(Path(source).read_text(encoding="utf-8")))
    Path(target).write_text(json.dumps(cropped, separators=(",", ":")), encoding="utf-8")
    print(f"{len(cropped['objects']['countries']['geometries'])} countries -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:])
