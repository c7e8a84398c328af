"""Find a park (by name or id) or an enterprise (by name or USCC) to fly to on the map."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

__all__ = ["Hit", "park_at", "search"]


@dataclass(frozen=True)
class Hit:
    """A search result: what it is, where it is, and the park it belongs to."""

    kind: str  # "park" or "enterprise"
    id: str  # park_id or uscc
    name: str
    detail: str  # town, or the USCC of a firm
    lon: float
    lat: float
    bbox: tuple[float, float, float, float] | None = None  # parks: (west, south, east, north)
    park_id: str | None = None


def _rank(text: pd.Series, query: str) -> pd.Series:
    """0 exact, 1 prefix, 2 contains, NaN no match (case-insensitive)."""
    low = text.astype("string").str.lower()
    rank = pd.Series(float("nan"), index=text.index)
    rank[low.str.contains(query, regex=False, na=False)] = 2.0
    rank[low.str.startswith(query, na=False)] = 1.0
    rank[low == query] = 0.0
    return rank


def search(
    query: str,
    *,
    parks: gpd.GeoDataFrame,
    enterprises: gpd.GeoDataFrame | pd.DataFrame | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Parks whose name or id, then firms whose name or USCC, contain ``query`` (best first).

    ``enterprises`` is one survey year (a GeoDataFrame, or a frame with ``x``/``y``).
    """
    q = query.strip().lower()
    if not q:
        return []
    hits: list[Hit] = []
    rank = pd.concat([_rank(parks["name"], q), _rank(parks["park_id"], q)], axis=1).min(axis=1)
    found = parks.loc[rank.dropna().sort_values(kind="stable").index]
    if len(found):
        boxes = found.geometry.bounds
        points = found.geometry.representative_point()
        for idx, row in found.iterrows():
            b = boxes.loc[idx]
            hits.append(
                Hit(
                    "park",
                    str(row["park_id"]),
                    str(row["name"]),
                    str(row.get("town", "")),
                    float(points.loc[idx].x),
                    float(points.loc[idx].y),
                    (float(b.minx), float(b.miny), float(b.maxx), float(b.maxy)),
                    str(row["park_id"]),
                )
            )
    if enterprises is not None and len(hits) < limit and len(enterprises):
        rank = pd.concat(
            [_rank(enterprises["name"], q), _rank(enterprises["uscc"], q)], axis=1
        ).min(axis=1)
        found_firms = enterprises.loc[rank.dropna().sort_values(kind="stable").index]
        found_firms = found_firms.drop_duplicates("uscc").head(limit - len(hits))
        if isinstance(found_firms, gpd.GeoDataFrame):
            xs, ys = found_firms.geometry.x, found_firms.geometry.y
        else:
            xs, ys = found_firms["x"], found_firms["y"]
        for (_, row), x, y in zip(found_firms.iterrows(), xs, ys, strict=True):
            park = row.get("park_id")
            hits.append(
                Hit(
                    "enterprise",
                    str(row["uscc"]),
                    str(row["name"]),
                    str(row["uscc"]),
                    float(x),
                    float(y),
                    None,
                    None if pd.isna(park) else str(park),
                )
            )
    return hits[:limit]


def park_at(parks: gpd.GeoDataFrame, lon: float, lat: float) -> str | None:
    """The id of the park containing the point (lon, lat), or ``None``."""
    import shapely

    if parks.empty:
        return None
    point = shapely.Point(lon, lat)
    idx = parks.sindex.query(point, predicate="intersects")
    if len(idx) == 0:
        return None
    return str(parks["park_id"].iloc[int(idx[0])])
