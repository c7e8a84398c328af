"""The two rasters [G].

* ``panyu_irradiance.tif``: float32 kWh/m²/yr, 50 m, EPSG:4547, a smooth field of about
  1 170–1 330 (class IV, 4 200–5 000 MJ/m² [V]), nodata −9999 outside the district.
* ``panyu_landuse.tif``: uint8, 30 m, EPSG:4547, 0 = nodata outside the district, classes in
  ``panyu_landuse_classes.csv`` (GB/T 21010-2017 codes). Industrial where parks, 旧厂房 and
  formal zones are; urban residential around street and town centres; rural residential at
  villages; fishponds and paddy in the south-east (石楼 化龙 石碁); hills (大夫山, 滴水岩, 莲花山,
  十八罗汉山; approximate places) as forest. Rivers and roads are **left out**: the outline is
  the land outline and the channels were not available.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import numpy as np
import rasterio
from rasterio.features import geometry_mask, rasterize
from rasterio.transform import from_origin

from .common import AREA_CRS, smooth_noise
from .tables import LANDUSE_CLASSES, LU, SOUTH_EAST, TOWNS
from .world import World

__all__ = ["make_irradiance", "make_landuse"]


def _grid(outline_m, res: float) -> tuple[rasterio.Affine, tuple[int, int]]:
    minx, miny, maxx, maxy = outline_m.bounds
    x0 = np.floor(minx / res) * res - 2 * res
    y1 = np.ceil(maxy / res) * res + 2 * res
    width = int(np.ceil((maxx - x0) / res)) + 2
    height = int(np.ceil((y1 - miny) / res)) + 2
    return from_origin(x0, y1, res, res), (height, width)


def _profile(transform, shape, dtype: str, nodata, predictor: int) -> dict:
    return {
        "driver": "GTiff",
        "height": shape[0],
        "width": shape[1],
        "count": 1,
        "dtype": dtype,
        "crs": AREA_CRS,
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
        "predictor": predictor,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }


def _centres(transform, shape) -> tuple[np.ndarray, np.ndarray]:
    cols = transform.c + (np.arange(shape[1]) + 0.5) * transform.a
    rows = transform.f + (np.arange(shape[0]) + 0.5) * transform.e
    return cols, rows


def make_irradiance(rng: np.random.Generator, world: World, path: Path) -> None:
    """Annual global horizontal irradiance, kWh/m²/yr: a smooth field of ~1 170–1 330."""
    transform, shape = _grid(world.outline_m, 50.0)
    noise = smooth_noise(rng, shape, sigma_px=70)
    fine = smooth_noise(rng, shape, sigma_px=15)
    north = np.linspace(1.0, -1.0, shape[0])[:, None]  # north → south
    field = 1250 + 28 * noise + 6 * fine - 12 * north  # slightly sunnier in the south
    cols, rows = _centres(transform, shape)
    cx, cy = world.centre["市桥"]
    d = np.hypot(cols[None, :] - cx, rows[:, None] - cy)
    field -= 15 * np.exp(-((d / 4000) ** 2))  # haze over the built-up centre of 市桥
    field = np.clip(field, 1165, 1335).astype("float32")
    inside = geometry_mask(
        [world.outline_m], out_shape=shape, transform=transform, all_touched=True, invert=True
    )
    field[~inside] = -9999.0
    with rasterio.open(path, "w", **_profile(transform, shape, "float32", -9999.0, 3)) as dst:
        dst.write(field, 1)
        dst.update_tags(
            units="kWh/m2/yr",
            source="synthetic (make_sample.py); class IV 4200-5000 MJ/m2/yr",
            crs_note="EPSG:4547",
        )


class _Canvas:
    """A land-use grid and the means to burn shapes into it."""

    def __init__(self, rng: np.random.Generator, world: World) -> None:
        self.transform, self.shape = _grid(world.outline_m, 30.0)
        self.n1 = smooth_noise(rng, self.shape, sigma_px=12)
        self.n2 = smooth_noise(rng, self.shape, sigma_px=8)
        self.n3 = smooth_noise(rng, self.shape, sigma_px=20)
        self.lu = np.full(self.shape, LU["0101"], dtype="uint8")

    def burn(self, geoms) -> np.ndarray:
        geoms = [g for g in geoms if g is not None and not g.is_empty]
        if not geoms:
            return np.zeros(self.shape, bool)
        return rasterize(
            [(g, 1) for g in geoms],
            out_shape=self.shape,
            transform=self.transform,
            fill=0,
            dtype="uint8",
        ).astype(bool)

    def town_index(self, world: World) -> np.ndarray:
        return rasterize(
            [(g, i + 1) for i, g in enumerate(world.town_poly.values())],
            out_shape=self.shape,
            transform=self.transform,
            fill=0,
            dtype="uint8",
        )


def _countryside(c: _Canvas, world: World, town_idx: np.ndarray) -> None:
    names = list(world.town_poly)
    se = np.isin(town_idx, [names.index(n) + 1 for n in SOUTH_EAST])
    c.lu[c.n2 > -0.3] = LU["0201"]
    c.lu[c.n2 > 0.7] = LU["0810"]
    c.lu[c.n1 > 1.0] = LU["1104"]
    c.lu[se & (c.n1 > -0.35)] = LU["1104"]
    c.lu[se & (c.n1 <= -0.35) & (c.n2 < 0.2)] = LU["0101"]
    c.lu[c.burn(world.hills)] = LU["0301"]


def _settlements(c: _Canvas, world: World, town_idx: np.ndarray) -> None:
    kinds = world.villages["kind"].tolist()
    villages = [g for g, k in zip(world.village_cores, kinds, strict=True) if k != "社区"]
    c.lu[c.burn(villages)] = LU["0702"]
    cols, rows = _centres(c.transform, c.shape)
    xx, yy = np.meshgrid(cols, rows)
    for town in TOWNS:
        if not town.urban_km:
            continue
        cx, cy = world.centre[town.name]
        d = np.hypot(xx - cx, yy - cy) / (town.urban_km * 1000)
        urban = d < 1.0 + 0.25 * c.n3
        c.lu[urban] = LU["0701"]
        c.lu[urban & (c.n2 > 1.1)] = LU["0810"]
        c.lu[d < 0.3 + 0.08 * c.n2] = LU["05H1"]
    communities = [g for g, k in zip(world.village_cores, kinds, strict=True) if k == "社区"]
    c.lu[c.burn(communities)] = LU["0701"]
    ut = town_idx == list(world.town_poly).index("小谷围") + 1  # University Town
    c.lu[ut] = LU["08H2"]
    c.lu[ut & (c.n2 > 0.6)] = LU["0810"]


def make_landuse(
    rng: np.random.Generator,
    world: World,
    layers: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, list[dict]],
    path: Path,
    classes_path: Path,
) -> None:
    """Land use at 30 m from (parks, parcels, zones); 0 = outside the district."""
    parks, parcels, zones = layers
    c = _Canvas(rng, world)
    town_idx = c.town_index(world)
    _countryside(c, world, town_idx)
    _settlements(c, world, town_idx)
    for t, code in (("旧村庄", "0702"), ("旧城镇", "0701")):
        c.lu[c.burn(parcels.loc[parcels["sanjiu_type"] == t, "geometry"])] = LU[code]
    c.lu[c.burn(parcels.loc[parcels["current_use"] == "商业", "geometry"])] = LU["05H1"]
    c.lu[c.burn([z["geometry"] for z in zones]) & (c.n2 > -0.8)] = LU["0601"]
    c.lu[c.burn(parcels.loc[parcels["sanjiu_type"] == "旧厂房", "geometry"])] = LU["0601"]
    c.lu[c.burn(parks.geometry)] = LU["0601"]
    inside = geometry_mask(
        [world.outline_m], out_shape=c.shape, transform=c.transform, all_touched=True, invert=True
    )
    c.lu[~inside] = 0
    with rasterio.open(path, "w", **_profile(c.transform, c.shape, "uint8", 0, 2)) as dst:
        dst.write(c.lu, 1)
        dst.update_tags(classes=classes_path.name, source="synthetic (make_sample.py)")
    with classes_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["value", "code", "name_zh", "name_en", "color"])
        w.writerows(LANDUSE_CLASSES)
