"""Sewage plants and heat sources (EPSG:4547).

Sewage plants [V/U]: Panyu had 6 plants with 61 万 t/d in 2019 [V]. DOMAIN.md §8 names 洛溪岛
(10 万 t/d, 洛浦街沙溪村 [V]) and expansions at 大石, 南村 and 化龙 [V]; its guess at the six
(前锋, 大石, 南村, 化龙, 石楼, 钟村 [U]) leaves out 洛溪岛. The sample keeps the six it can
support best: 前锋, 大石, 洛溪岛, 南村, 化龙, 石楼 (钟村 is dropped: the only one neither named
with a capacity nor expanded). The split of the 61 万 t/d and the places (300–600 m from the
named village) are estimates [U]; three plants supply reclaimed water [U].

Heat sources [U]: no combined heat-and-power plant in Panyu was found (§8). They are placed by a
rule that never looks at the parks' fuel demand: the 广州大学城 gas combined cooling-heat-power
station (approximate place), and an assumed 集中锅炉 beside each sewage plant of the six 镇
(sludge-drying boilers sit at sewage plants) [G]. All have ``assumed`` True and "（假设）" in
their name: they must not be presented as real.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import Point
from shapely.ops import nearest_points

from .common import AREA_CRS, STORE_CRS, to_wgs84
from .tables import TOWN_BY_NAME
from .world import World

__all__ = ["SEWAGE_PLANTS", "make_heat_sources", "make_sewage_plants"]

# (id, name, town, village, capacity m³/d, reclaimed water)
SEWAGE_PLANTS = (
    ("WWTP-01", "前锋净水厂", "石碁", "前锋村", 200_000, True),
    ("WWTP-02", "大石净水厂", "大石", "会江村", 120_000, True),
    ("WWTP-03", "洛溪岛净水厂", "洛浦", "沙溪村", 100_000, False),
    ("WWTP-04", "南村净水厂", "南村", "江南村", 80_000, False),
    ("WWTP-05", "化龙净水厂", "化龙", "莘汀村", 60_000, True),
    ("WWTP-06", "石楼净水厂", "石楼", "清流村", 50_000, False),
)
CCHP_LONLAT = (113.392, 23.042)  # 广州大学城分布式能源站, approximate [U]


def _nearest_inside(region, x: float, y: float) -> tuple[float, float]:
    p = Point(x, y)
    if region.contains(p):
        return x, y
    q = nearest_points(region.buffer(-50), p)[0]
    return q.x, q.y


def make_sewage_plants(rng: np.random.Generator, world: World) -> gpd.GeoDataFrame:
    """Six plants, 61 万 t/d in total (2019 [V]); split and places approximate [U]."""
    v = world.villages.set_index(["town", "name"])
    recs = []
    for pid, name, town, village, cap, reuse in SEWAGE_PLANTS:
        vx, vy = v.loc[(town, village), ["x", "y"]]
        ang, dist = rng.uniform(0, 2 * np.pi), rng.uniform(300, 600)
        x, y = _nearest_inside(
            world.town_inner[town], vx + dist * np.cos(ang), vy + dist * np.sin(ang)
        )
        recs.append(
            {
                "plant_id": pid,
                "name": name,
                "capacity_m3_d": float(cap),
                "reclaimed_water": reuse,
                "approximate": True,
                "geometry": Point(x, y),
                "town": town,
            }
        )
    return gpd.GeoDataFrame(recs, geometry="geometry", crs=AREA_CRS)


def make_heat_sources(
    rng: np.random.Generator, world: World, sewage: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """The University Town CCHP station and a boiler at each sewage plant of a 镇 (assumed)."""
    cchp = to_wgs84([Point(*CCHP_LONLAT)], crs=STORE_CRS).to_crs(AREA_CRS).iloc[0]
    x, y = _nearest_inside(world.town_inner["小谷围"], cchp.x, cchp.y)
    recs = [
        {
            "source_id": "HS-01",
            "name": "广州大学城分布式能源站（假设）",
            "kind": "热电联产",
            "capacity_t_h": 120.0,
            "assumed": True,
            "geometry": Point(x, y),
        }
    ]
    towns = sewage[[TOWN_BY_NAME[t].kind == "镇" for t in sewage["town"]]]
    for k, (town, plant) in enumerate(zip(towns["town"], towns.geometry, strict=True), start=2):
        ang, dist = rng.uniform(0, 2 * np.pi), rng.uniform(150, 300)
        x, y = _nearest_inside(
            world.town_inner[town], plant.x + dist * np.cos(ang), plant.y + dist * np.sin(ang)
        )
        recs.append(
            {
                "source_id": f"HS-{k:02d}",
                "name": f"{town}集中供热站（假设）",
                "kind": "集中锅炉",
                "capacity_t_h": 20.0 if town != "石碁" else 35.0,
                "assumed": True,
                "geometry": Point(x, y),
            }
        )
    return gpd.GeoDataFrame(recs, geometry="geometry", crs=AREA_CRS)
