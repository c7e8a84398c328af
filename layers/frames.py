"""The map page's data without Streamlit: the display frames of one survey year
(:func:`prepare_frames`), and those frames after the town, industry and grade filters as the
map's :class:`~layers.compose.MapData` (:func:`filtered`, :func:`map_data`).

The page caches :func:`prepare_frames` per workspace and year (``ui/loaders.py``); filtering
makes new frames and never mutates the cached ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.summary import park_measures
from layers import enterprises as enterprises_layer
from layers import heat_sources as heat_layer
from layers import parcels as parcels_layer
from layers import parks as parks_layer
from layers import renewal as renewal_layer
from layers import sewage_plants as sewage_layer
from layers import towns as towns_layer
from layers.compose import MapData
from layers.rasters import RasterImage

__all__ = [
    "RASTER_LAYERS",
    "Filters",
    "Frames",
    "filtered",
    "map_data",
    "needs_rasters",
    "prepare_frames",
    "survey_years",
]

RASTER_LAYERS = frozenset({"irradiance", "landuse"})


@dataclass(frozen=True)
class Frames:
    """Display frames of one survey year (never mutated: filters make new frames)."""

    year: int
    towns: gpd.GeoDataFrame
    parks: gpd.GeoDataFrame
    parcels: gpd.GeoDataFrame
    enterprises: pd.DataFrame
    heat_sources: pd.DataFrame | None
    sewage_plants: pd.DataFrame | None
    measures: pd.DataFrame  # park_measures, indexed by park_id


@dataclass(frozen=True)
class Filters:
    """The filter bar: towns and industries (GB/T 4754 divisions); empty = all."""

    towns: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()


def survey_years(enterprises: pd.DataFrame) -> list[int]:
    """Survey years of ``enterprises``, oldest first."""
    return sorted(int(y) for y in enterprises["survey_year"].dropna().unique())


def prepare_frames(
    *,
    towns: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    enterprises: gpd.GeoDataFrame,
    year: int,
    heat_sources: gpd.GeoDataFrame | None = None,
    sewage_plants: gpd.GeoDataFrame | None = None,
) -> Frames:
    """The display frames of ``year`` from the stored layers: each layer's ``prepare``, the
    enterprises of that year only, and the parks' measures (:func:`geo.summary.park_measures`)."""
    measures = park_measures(parks, enterprises, parcels, year=year)
    return Frames(
        year=year,
        towns=towns_layer.prepare(towns),
        parks=parks_layer.prepare(parks, measures),
        parcels=parcels_layer.prepare(parcels),
        enterprises=enterprises_layer.prepare(enterprises[enterprises["survey_year"] == year]),
        heat_sources=None if heat_sources is None else heat_layer.prepare(heat_sources),
        sewage_plants=None if sewage_plants is None else sewage_layer.prepare(sewage_plants),
        measures=measures.set_axis(parks["park_id"].astype(str).to_numpy()),
    )


def filtered(
    f: Frames,
    *,
    towns: Sequence[str] = (),
    divisions: Sequence[str] = (),
    with_rasters: Mapping[str, RasterImage] | None = None,
    renewal: gpd.GeoDataFrame | None = None,
) -> MapData:
    """The map's data after the town and industry filters; fits the chosen towns.

    Towns filter parks, parcels (when they carry a town), renewal areas (those reaching into a
    chosen town) and firms; industries filter firms only. Town outlines, heat sources and
    sewage plants are always shown whole.
    """
    parks, parcels, firms = f.parks, f.parcels, f.enterprises
    extent = f.towns
    if towns:
        parks = parks[parks["town"].isin(towns)]
        parcels = parcels[parcels["town"].isin(towns)] if "town" in parcels else parcels
        firms = firms[firms["town"].isin(towns)]
        extent = f.towns[f.towns["name"].isin(towns)]
    if divisions:
        firms = firms[firms["division"].isin(divisions)]
    w, s, e, n = (extent if len(extent) else f.towns).total_bounds
    return MapData(
        towns=f.towns,
        parks=parks,
        parcels=parcels,
        enterprises=firms,
        heat_sources=f.heat_sources,
        sewage_plants=f.sewage_plants,
        renewal=None if renewal is None else renewal_layer.in_towns(renewal, tuple(towns)),
        rasters=dict(with_rasters or {}),
        bounds=((float(s), float(w)), (float(n), float(e))),
    )


def needs_rasters(layers: Iterable[str]) -> bool:
    """Whether any of ``layers`` is a raster overlay (so the rasters must be rendered)."""
    return bool(RASTER_LAYERS & set(layers))


def map_data(
    f: Frames,
    filters: Filters,
    *,
    rasters: Mapping[str, RasterImage] | None = None,
    renewal: gpd.GeoDataFrame | None = None,
) -> MapData:
    """The map's data after ``filters``, with ``rasters`` (when a raster layer is on) and the
    renewal areas' display frame (when that layer is on)."""
    return filtered(
        f,
        towns=filters.towns,
        divisions=filters.divisions,
        with_rasters=rasters,
        renewal=renewal,
    )
