"""Village parks (村级工业园) and the formal industrial zones [G, anchored on DOMAIN.md §8].

242 parks, areas lognormal with median 12 ha (σ 0.75, 3–80 ha), shapes unions of rotated
rectangles with a cut corner, 40 m apart, near their host village, outside village cores, hills
and urban cores. Counts per town follow the industrial towns (石碁 32 … 小谷围 1). Two named
parks: 旧水坑村工业园 (大龙, 45.63 ha, the renewal area named in §8 [V]) and 沙湾珠宝产业园
(沙湾, 35 ha, mostly jewellery [V]). Names come from the host village ("榄塘村工业园",
"…第二工业园"); ids are ``PY-<town abbreviation>-NNN``. Ownership ~80 % 集体 / 12 % 混合 / 8 %
国有; in_industrial_block ~60 % (likelier for larger parks); building coverage 0.35–0.58 (mode
0.38: old single-storey sheds with yards); roof area (85–100 % of the built footprint) given for
~70 % (else area × coverage is used); built 1985–2010. Each park has a dominant industry
(30–65 % of its firms); a few parks are dyeing, electroplating, paper, chemical, non-ferrous
or jewellery clusters [G].

Five unnamed formal industrial zones (化龙 石碁 大龙 石楼 东环) hold the larger firms [G].
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import Polygon

from .common import AREA_CRS, blob, choice, lognormal, rect_shape
from .sectors import SECTORS
from .tables import TOWN_BY_NAME, TOWNS
from .world import World, best_candidate

__all__ = ["AFFINITY", "make_parks", "make_zones", "sector_weights"]

log = logging.getLogger(__name__)

# sector affinities of the towns (multipliers of the base weights) [U]
AFFINITY: dict[str, dict[str, float]] = {
    "石碁": {"lighting": 2.0, "audio": 2.0, "auto_parts": 1.5, "electronics": 1.3, "metal": 1.2},
    "化龙": {"auto_parts": 1.5, "machinery": 1.8, "plastics": 1.3, "motors": 1.5},
    "石楼": {"building_eq": 3.0, "auto_parts": 1.5, "furniture": 1.2, "cable": 1.5},
    "大龙": {"lighting": 1.6, "audio": 1.6, "garments": 1.5, "metal": 1.3},
    "沙湾": {"jewellery": 4.0, "food": 1.5, "leather": 1.5},
    "钟村": {"furniture": 1.6, "lighting": 1.3, "garments": 1.3},
    "东环": {"electronics": 1.6, "lighting": 1.5, "audio": 1.6},
    "南村": {"garments": 1.5, "electronics": 1.3, "printing": 1.6, "food": 1.3},
    "大石": {"furniture": 2.0, "building_eq": 1.5, "metal": 1.3},
    "石壁": {"garments": 1.3, "metal": 1.3, "plastics": 1.3, "printing": 1.3},
    "新造": {"food": 2.0, "machinery": 1.4, "plastics": 1.3},
    "沙头": {"jewellery": 4.0, "garments": 1.5},
    "市桥": {"garments": 1.5, "printing": 1.5, "jewellery": 2.5},
    "桥南": {"electronics": 1.3, "lighting": 1.3},
    "洛浦": {"food": 1.5, "printing": 1.5, "garments": 1.3},
    "小谷围": {"electronics": 2.0, "machinery": 1.5},
}
# industries that dominate only the clusters named here, never a random park
CLUSTER_ONLY = ("dyeing", "electroplating", "tanning", "paper", "nonferrous", "chemicals")
_CLUSTERS = {
    ("石楼", 2): "dyeing",
    ("大龙", 3): "dyeing",
    ("石碁", 5): "dyeing",
    ("化龙", 2): "electroplating",
    ("石楼", 5): "electroplating",
    ("新造", 2): "paper",
    ("化龙", 6): "nonferrous",
    ("石碁", 9): "chemicals",
    ("沙湾", 1): "jewellery",
    ("沙湾", 3): "jewellery",
    ("市桥", 1): "jewellery",
    ("沙头", 4): "jewellery",
}


@dataclass(frozen=True)
class _Spec:
    village: str
    area_ha: float  # 0: drawn
    name: str  # "": from the village
    dominant: str  # "": drawn


_FIXED: dict[str, tuple[_Spec, ...]] = {
    "大龙": (_Spec("旧水坑村", 45.63, "旧水坑村工业园", ""),),
    "沙湾": (_Spec("福涌村", 35.0, "沙湾珠宝产业园", "jewellery"),),
    "沙头": (
        _Spec("大罗村", 0.0, "", "jewellery"),
        _Spec("大罗村", 0.0, "", "jewellery"),
        _Spec("小罗村", 0.0, "", "jewellery"),
    ),
}


def sector_weights(town: str, *, exclude: tuple[str, ...] = ()) -> np.ndarray:
    """Base sector weights times the town's affinities, zero for ``exclude``."""
    aff = AFFINITY.get(town, {})
    return np.array([0.0 if s.key in exclude else s.weight * aff.get(s.key, 1.0) for s in SECTORS])


def _park_area_ha(rng: np.random.Generator) -> float:
    while True:
        a = float(lognormal(rng, 12.0, 0.75))
        if 3.0 <= a <= 80.0:
            return a


class _Placer:
    """Places parks one by one, keeping them apart and out of cores, hills and urban centres."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.placed: list[Polygon] = []
        self.cores = shapely.union_all(world.village_cores)
        self.hills = shapely.union_all(world.hills)
        shapely.prepare(self.cores)
        shapely.prepare(self.hills)

    def fits(self, g: Polygon, town: str) -> bool:
        inner = self.world.town_inner[town]
        if not inner.contains(g) or g.intersects(self.cores) or g.intersects(self.hills):
            return False
        c, (cx, cy) = g.centroid, self.world.centre[town]
        urban_km = TOWN_BY_NAME[town].urban_km
        if urban_km and np.hypot(c.x - cx, c.y - cy) < 650 * urban_km:
            return False
        return not (self.placed and np.any(shapely.dwithin(np.array(self.placed), g, 40.0)))

    def place(self, rng: np.random.Generator, town: str, hosts, used: dict, spec: _Spec | None):
        """(geometry, theta, host row) of one park, or None after 600 tries."""
        area_ha = spec.area_ha if spec and spec.area_ha else _park_area_ha(rng)
        w = np.array([1.0 / (1 + used.get(n, 0)) ** 2 for n in hosts["name"]])
        fixed = hosts[hosts["name"] == spec.village].iloc[0] if spec else None
        for attempt in range(600):
            host = (
                fixed if fixed is not None else hosts.iloc[int(rng.choice(len(w), p=w / w.sum()))]
            )
            if attempt and attempt % 40 == 0 and not (spec and spec.area_ha):
                area_ha = max(3.0, area_ha * 0.8)
            theta = float(rng.uniform(0, 180))
            shape = rect_shape(rng, area_ha * 1e4, theta)
            dist = rng.uniform(250, 1100 + 5 * attempt)
            ang = rng.uniform(0, 2 * np.pi)
            g = affinity.translate(
                shape, host["x"] + dist * np.cos(ang), host["y"] + dist * np.sin(ang)
            )
            if self.fits(g, town):
                self.placed.append(g)
                return g, theta, host
        return None


def _park_name(village: str, n_here: int, spec: _Spec | None) -> str:
    if spec and spec.name:
        return spec.name
    if n_here == 1:
        return f"{village}工业园"
    ordinal = "一二三四五六七八九十"[n_here - 1] if n_here <= 10 else str(n_here)
    return f"{village}第{ordinal}工业园"


def _town_parks(rng: np.random.Generator, placer: _Placer, town) -> list[dict]:
    vill = placer.world.villages
    hosts = vill[(vill["town"] == town.name) & (vill["kind"] == "村")]
    fixed = _FIXED.get(town.name, ())
    used: dict[str, int] = {}
    rows = []
    for k in range(town.n_parks):
        spec = fixed[k] if k < len(fixed) else None
        placed = placer.place(rng, town.name, hosts, used, spec)
        if placed is None:
            log.warning("could not place park %d of %s", k + 1, town.name)
            continue
        geom, theta, host = placed
        used[host["name"]] = used.get(host["name"], 0) + 1
        dominant = (spec.dominant if spec else "") or _CLUSTERS.get((town.name, k), "")
        if not dominant:
            w = sector_weights(town.name, exclude=CLUSTER_ONLY)
            dominant = SECTORS[int(rng.choice(len(SECTORS), p=w / w.sum()))].key
        rows.append(
            {
                "town": town.name,
                "village": host["name"],
                "name": _park_name(host["name"], used[host["name"]], spec),
                "theta": theta,
                "dominant": dominant,
                "geometry": geom,
            }
        )
    return rows


def _attributes(rng: np.random.Generator, parks: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    seq: dict[str, int] = {}
    cols: dict[str, list] = {k: [] for k in ("park_id", "land_ownership", "in_industrial_block")}
    cols |= {k: [] for k in ("has_operator", "building_coverage", "roof_area_m2", "built_year")}
    for town, name, geom in zip(parks["town"], parks["name"], parks.geometry, strict=True):
        abbr = TOWN_BY_NAME[town].abbr
        seq[abbr] = seq.get(abbr, 0) + 1
        cols["park_id"].append(f"PY-{abbr}-{seq[abbr]:03d}")
        ha = geom.area / 1e4
        special = name == "沙湾珠宝产业园"
        own = "国有" if special else choice(rng, ("集体", "混合", "国有"), (0.8, 0.12, 0.08))
        cols["land_ownership"].append(own)
        block = special or bool(rng.random() < min(0.9, 0.35 + 0.02 * ha))
        cols["in_industrial_block"].append(block)
        cols["has_operator"].append(special or bool(rng.random() < min(0.8, 0.2 + 0.012 * ha)))
        c = round(float(rng.triangular(0.35, 0.38, 0.58)), 3)
        cols["building_coverage"].append(c)
        roof = round(geom.area * c * float(rng.uniform(0.85, 1.0)), -1)
        cols["roof_area_m2"].append(roof if rng.random() < 0.7 else np.nan)
        year = int(np.clip(round(rng.triangular(1985, 1998, 2010)), 1985, 2010))
        cols["built_year"].append(2006 if special else year)
    return parks.assign(**cols)


def make_parks(rng: np.random.Generator, world: World) -> gpd.GeoDataFrame:
    """Village parks, non-overlapping, near their host villages (EPSG:4547)."""
    placer = _Placer(world)
    rows = [r for town in TOWNS for r in _town_parks(rng, placer, town)]
    parks = _attributes(rng, gpd.GeoDataFrame(rows, geometry="geometry", crs=AREA_CRS))
    log.info("placed %d parks, %.1f km²", len(parks), parks.area.sum() / 1e6)
    return parks


_ZONES = (("化龙", 1100), ("石碁", 900), ("大龙", 800), ("石楼", 1000), ("东环", 800))


def make_zones(rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame) -> list[dict]:
    """Five unnamed formal industrial zones where the larger firms sit (EPSG:4547)."""
    zones = []
    park_union = shapely.union_all(parks.geometry.values).buffer(30)
    hill_union = shapely.union_all(world.hills)
    core = shapely.union_all(world.village_cores)
    for town, radius in _ZONES:
        inner = world.town_inner[town]
        cx, cy = world.centre[town]
        best, best_free = None, -1.0
        for _ in range(60):
            x, y = best_candidate(rng, inner.buffer(-radius * 0.6), [], n_cand=1)
            if np.hypot(x - cx, y - cy) < 1200:
                continue
            disc = blob(rng, x, y, radius).intersection(inner)
            free = disc.difference(park_union).difference(hill_union)
            if free.area > best_free:
                best, best_free = free, free.area
        if best is None:
            raise RuntimeError(f"no room for the formal industrial zone of {town}")
        zones.append({"town": town, "geometry": best.difference(core)})
    return zones
