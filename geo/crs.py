"""Coordinate reference systems and area units (DOMAIN.md §4).

Everything is stored in EPSG:4326. Areas and distances are measured in EPSG:4547
(CGCS2000 / 3-degree Gauss-Krüger CM 114E); land-bureau coordinates use EPSG:4526 (zone 38
with the zone number written in front of the easting).

These are the data contract, not settings: a workspace stores EPSG:4326 and every area in it
is measured in EPSG:4547, so they are constants here and not keys of ``config/defaults.toml``
(a user file naming ``[crs]`` is refused as an unknown key).
"""

from __future__ import annotations

from typing import TypeVar

import geopandas as gpd
import pandas as pd

from errors import Problem, ValidationError

__all__ = [
    "AREA_CRS",
    "LAND_CRS",
    "M2_PER_HA",
    "M2_PER_MU",
    "MU_PER_HA",
    "STORE_CRS",
    "area_m2",
    "m2_to_ha",
    "m2_to_mu",
    "mu_to_m2",
    "require_crs",
    "to_area_crs",
    "to_store_crs",
]

_Geo = TypeVar("_Geo", gpd.GeoDataFrame, gpd.GeoSeries)
_Num = TypeVar("_Num", float, pd.Series)

STORE_CRS = "EPSG:4326"
AREA_CRS = "EPSG:4547"
LAND_CRS = "EPSG:4526"

M2_PER_HA = 10_000.0
MU_PER_HA = 15.0
M2_PER_MU = M2_PER_HA / MU_PER_HA  # 666.67 m²


def require_crs(gdf: _Geo, *, source: str = "layer") -> _Geo:
    """Return ``gdf`` unchanged, or raise when it has no CRS (never guess one silently)."""
    if gdf.crs is None:
        problem = Problem(source, None, "crs", None, "a coordinate reference system is required")
        raise ValidationError([problem], source=source)
    return gdf


def to_store_crs(gdf: gpd.GeoDataFrame, *, source: str = "layer") -> gpd.GeoDataFrame:
    """Reproject to the storage CRS (EPSG:4326)."""
    require_crs(gdf, source=source)
    return gdf if gdf.crs.equals(STORE_CRS) else gdf.to_crs(STORE_CRS)


def to_area_crs(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """Reproject to the measuring CRS (EPSG:4547)."""
    return require_crs(gdf).to_crs(AREA_CRS)


def area_m2(gdf: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Planar area in m², measured in EPSG:4547, as a Series on the input's index."""
    return pd.Series(to_area_crs(gdf).area.to_numpy(), index=gdf.index, name="area_m2")


def m2_to_mu(m2: _Num) -> _Num:
    """Square metres to 亩 (1 亩 = 10000/15 m²)."""
    return m2 / M2_PER_MU


def m2_to_ha(m2: _Num) -> _Num:
    """Square metres to 公顷."""
    return m2 / M2_PER_HA


def mu_to_m2(mu: _Num) -> _Num:
    """亩 to square metres."""
    return mu * M2_PER_MU
