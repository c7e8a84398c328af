"""Spatial joins: which town and which park a point lies in."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from errors import CRSMismatchError

__all__ = ["locate"]


def _first_containing(
    points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, column: str
) -> pd.Series:
    joined = gpd.sjoin(
        points[["geometry"]], polygons[[column, "geometry"]], how="left", predicate="intersects"
    )
    first = joined[~joined.index.duplicated(keep="first")]
    return first[column].reindex(points.index)


def locate(
    points: gpd.GeoDataFrame, towns: gpd.GeoDataFrame, parks: gpd.GeoDataFrame
) -> pd.DataFrame:
    """The town name and park id of each point (``None`` outside every park), on its index."""
    for name, gdf in (("points", points), ("towns", towns), ("parks", parks)):
        if gdf.crs is None or not gdf.crs.equals(points.crs):
            msg = (
                f"locate: {name} have CRS {gdf.crs}; towns and parks must share the points' "
                f"CRS ({points.crs})"
            )
            raise CRSMismatchError(msg)
    town = _first_containing(points, towns, "name").astype(object)
    park = _first_containing(points, parks, "park_id").astype(object)
    return pd.DataFrame(
        {"town": town.where(town.notna(), None), "park_id": park.where(park.notna(), None)},
        index=points.index,
    )
