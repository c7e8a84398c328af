"""Factory lots (旧厂房 图斑) of a village park, following the firms inside it [G].

A village park in the 三旧 inventory is not one parcel: each factory compound is its own 图斑.
The park is cut into the Voronoi cells of its firms' points, clipped to the park outline; cells
smaller than ``min_m2`` (0.2 ha) or thinner than ``min_width_m`` (mean width 2 × area /
perimeter, 12 m) are merged into the neighbour they share the longest border with, and cells
larger than ``max_m2`` (3 ha: a vacant or cleared compound) are halved across their long axis
until they fit. So a lot holds one firm site (sometimes two or three small workshops, sometimes
none), lots tile the park without overlapping, and every firm's point lies inside its lot.

:func:`demolition_lots` picks the lots of a park marked 全面改造 (demolition): a run of lots
from one end of the park along its long axis, so that the redeveloped part is contiguous, as a
village redeveloping half its park would draw it.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import MultiPoint, Polygon, box

__all__ = ["demolition_lots", "park_lots", "width_m"]

MIN_M2 = 2_000.0  # merge cells smaller than 0.2 ha
MAX_M2 = 30_000.0  # halve cells larger than 3 ha
MIN_WIDTH_M = 12.0  # merge cells thinner than this (mean width)


def width_m(g) -> float:
    """Mean width of a polygon, 2 × area / perimeter (m): the width of a long strip."""
    return 2.0 * g.area / g.length if g.length else 0.0


def _polygons(g) -> list[Polygon]:
    parts = shapely.get_parts(shapely.make_valid(g))
    return [p for p in parts if isinstance(p, Polygon) and p.area > 1.0]


def _cells(park: Polygon, xy: np.ndarray) -> list[Polygon]:
    """The firms' Voronoi cells clipped to the park, every part apart."""
    if len(np.unique(xy, axis=0)) < 2:
        return _polygons(park)
    frame = park.envelope.buffer(100)
    cells = shapely.get_parts(shapely.voronoi_polygons(MultiPoint(xy), extend_to=frame))
    return [p for c in cells for p in _polygons(shapely.intersection(c, park))]


def _halves(g: Polygon) -> list[Polygon]:
    """``g`` cut in two across its long axis, through its centroid."""
    rect = g.minimum_rotated_rectangle
    (x0, y0), (x1, y1), (x2, y2) = list(rect.exterior.coords)[:3]
    a, b = np.hypot(x1 - x0, y1 - y0), np.hypot(x2 - x1, y2 - y1)
    dx, dy = (x1 - x0, y1 - y0) if a >= b else (x2 - x1, y2 - y1)
    theta = float(np.degrees(np.arctan2(dy, dx)))
    c = g.centroid
    local = affinity.rotate(g, -theta, origin=c)
    minx, miny, maxx, maxy = local.bounds
    out = []
    for lo, hi in ((minx - 1, c.x), (c.x, maxx + 1)):
        half = local.intersection(box(lo, miny - 1, hi, maxy + 1))
        out += _polygons(affinity.rotate(half, theta, origin=c))
    return out


def _split_large(pieces: list[Polygon], max_m2: float) -> list[Polygon]:
    out, todo = [], list(pieces)
    while todo:
        g = todo.pop()
        if g.area > max_m2:
            todo.extend(_halves(g))
        else:
            out.append(g)
    return out


def _bad(g: Polygon, min_m2: float, min_width: float) -> bool:
    return g.area < min_m2 or width_m(g) < min_width


def _merge_small(
    pieces: list[Polygon], min_m2: float, max_m2: float, min_width: float
) -> list[Polygon]:
    """Merge every too-small or too-thin piece into the neighbour with the longest shared border
    (one whose union stays within ``max_m2`` when there is one)."""
    groups = list(pieces)
    stuck: set[int] = set()
    while True:
        bad = [i for i, g in enumerate(groups) if i not in stuck and _bad(g, min_m2, min_width)]
        if not bad:
            return groups
        i = min(bad, key=lambda k: groups[k].area)
        others = np.array(groups, dtype=object)
        shared = shapely.length(
            shapely.intersection(groups[i].boundary, shapely.buffer(others, 0.05))
        )
        shared[i] = 0.0
        if shared.max() < 0.5:  # an island of the park: nothing to merge with
            stuck.add(i)
            continue
        fits = shapely.area(others) + groups[i].area <= max_m2
        j = int(np.argmax(np.where(fits & (shared >= 0.5), shared, -1.0)))
        if shared[j] < 0.5:
            j = int(np.argmax(shared))
        merged = _polygons(shapely.union_all([groups[i], groups[j]]).buffer(0.01).buffer(-0.01))
        groups[j] = max(merged, key=lambda p: p.area)
        del groups[i]
        stuck = {k - (k > i) for k in stuck if k != i}


def park_lots(
    park: Polygon,
    xy: np.ndarray,
    *,
    min_m2: float = MIN_M2,
    max_m2: float = MAX_M2,
    min_width_m: float = MIN_WIDTH_M,
) -> list[Polygon]:
    """Factory lots tiling ``park``, about one per firm point of ``xy`` (n × 2, metres)."""
    pieces = _split_large(_cells(park, np.asarray(xy, dtype=float).reshape(-1, 2)), max_m2)
    return _merge_small(pieces, min_m2, max_m2, min_width_m)


def demolition_lots(
    lots: list[Polygon], theta: float, share: float, *, heavy: bool, from_start: bool
) -> set[int]:
    """Indices of the lots marked 全面改造: a run from one end of the park along its long axis
    (``theta``, degrees) covering about ``share`` of the lots' area. A heavy park takes lots
    until the share is reached; a partial one stops before passing it (and takes at least its
    smallest lot when that alone stays under ``share``)."""
    if not lots:
        return set()
    areas = np.array([g.area for g in lots])
    c = [g.centroid for g in lots]
    t = np.radians(theta)
    along = np.array([p.x * np.cos(t) + p.y * np.sin(t) for p in c])
    order = np.argsort(along if from_start else -along, kind="stable")
    total, taken, chosen = areas.sum(), 0.0, set()
    for k in order:
        if heavy and taken / total >= share:
            break
        if not heavy and (taken + areas[k]) / total > share:
            break
        chosen.add(int(k))
        taken += areas[k]
    if not chosen and not heavy and areas.min() / total <= share:
        chosen.add(int(np.argmin(areas)))
    return chosen
