"""Checks run before anything is written: the contract, the place, and no overlapping parcels."""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import shapely

from geo.schema import LAYERS

from .common import AREA_CRS, GPKG_NAME, STORE_CRS, as_multi

__all__ = ["check_layers", "layer_frame", "parcel_overlaps", "validate_layers"]

log = logging.getLogger(__name__)


def layer_frame(gdf: gpd.GeoDataFrame, layer: str) -> gpd.GeoDataFrame:
    """Exactly the schema's columns, in its order, plus geometry (EPSG:4326)."""
    names = LAYERS[layer].names
    out = gdf.to_crs(STORE_CRS)
    out = gpd.GeoDataFrame(out[names].copy(), geometry=out.geometry.values, crs=STORE_CRS)
    if LAYERS[layer].geometry == "Polygon":
        out["geometry"] = [as_multi(g) for g in out.geometry.values]
    return out


def parcel_overlaps(parcels: gpd.GeoDataFrame, *, min_m2: float = 1.0) -> list[tuple]:
    """(id, id, m²) of every pair of parcels that overlap by more than ``min_m2``."""
    metric = parcels.to_crs(AREA_CRS).reset_index(drop=True)
    geoms = metric.geometry.values
    left, right = metric.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    area = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    ids = metric["parcel_id"].to_numpy()
    big = np.flatnonzero(area > min_m2)
    return [(ids[left[k]], ids[right[k]], float(area[k])) for k in big]


def check_layers(layers: dict[str, gpd.GeoDataFrame], outline) -> None:
    """Fail loudly when an output breaks the contract, leaves the district or overlaps."""
    problems = []
    shapely.prepare(outline)
    for name, gdf in layers.items():
        if list(gdf.columns[:-1]) != LAYERS[name].names:
            problems.append(f"{name}: columns differ from geo/schema.py")
        if not gdf.is_valid.all():
            problems.append(f"{name}: {int((~gdf.is_valid).sum())} invalid geometries")
        outside = ~shapely.covers(outline, gdf.geometry.values)
        if outside.any():
            problems.append(f"{name}: {int(outside.sum())} geometries outside the outline")
        id_field = LAYERS[name].id_field
        if gdf[id_field].duplicated().any():
            problems.append(f"{name}: duplicate {id_field}")
    overlaps = parcel_overlaps(layers["parcels"])
    if overlaps:
        problems.append(f"parcels: {len(overlaps)} pairs overlap by > 1 m², e.g. {overlaps[0]}")
    if problems:
        raise RuntimeError("sample breaks the contract:\n  " + "\n  ".join(problems))


def validate_layers(layers: dict[str, gpd.GeoDataFrame], outline) -> None:
    """Run the app's own validator on every layer."""
    from geo.validate import validate_layer

    for name, gdf in layers.items():
        validate_layer(gdf, name, source=f"{GPKG_NAME}:{name}", district=outline, row_offset=1)
    log.info("geo.validate.validate_layer passed on %d layers", len(layers))
