"""Where the firms are and what kind of firm each is: sector, tier, quality, age, size, land.

~6 000 distinct firms [G, anchored on DOMAIN.md §8]. Each park is filled with firms until their
land reaches 60–88 % of its area; 30–65 % of a park's firms are in its dominant industry, the
rest follow the town's industries, with ~6 % in the pollution-intensive classes of DOMAIN.md
§3 so that most parks hold one or two. The rest (~15 %) are outside parks: larger firms in five
formal industrial zones, and small and medium firms scattered near villages.

Three **tiers** scale an industry's medians (``TIERS``) [U]: firms in village parks are older,
smaller, less productive, land-hungry and pay little tax per 亩 (about 5 万元/亩 [V]); firms on
formal industrial land pay 15–64 万元/亩 [V]. Every firm draws one latent **quality** q ~ N(0, 1)
and a founding year; q moves every indicator a little (``indicators.py``), so flags are
correlated without a planted group of bad firms. Two fictional anchors stand for the district's
car plant (化龙) and lift maker (石楼).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .common import choice
from .parks import CLUSTER_ONLY, sector_weights
from .sectors import SECTOR_BY_KEY, SECTORS, Sector
from .tables import TOWNS
from .world import World

__all__ = ["ANCHORS", "TIERS", "Tier", "make_firms"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tier:
    """Multipliers of an industry's medians for one kind of location [U]."""

    emp: float
    gopw: float
    m2w: float
    plot: float
    epv: float
    tax: float
    founded_mode: int  # mode of the founding year (triangular 1985–2014)


TIERS = {
    "park": Tier(emp=0.45, gopw=1.0, m2w=1.8, plot=1.0, epv=2.0, tax=1.0, founded_mode=2003),
    "sme": Tier(emp=1.2, gopw=1.5, m2w=0.8, plot=1.3, epv=1.2, tax=1.3, founded_mode=2007),
    "large": Tier(emp=1.0, gopw=3.3, m2w=0.75, plot=1.5, epv=1.3, tax=1.4, founded_mode=2007),
}

# (sector, class, employees, gross output 2014 万元, value-added rate, land m², plot, zone)
ANCHORS = (
    ("auto_parts", "3611", 4500, 7.5e5, 0.21, 1.1e6, 0.7, 0),  # car plant, 化龙 zone [G]
    ("building_eq", "3435", 2800, 5.6e5, 0.26, 3.8e5, 0.9, 3),  # lift maker, 石楼 zone [G]
)


def _skeleton(rng: np.random.Generator, sector: Sector, tier: str) -> dict:
    """Sector, class, tier, quality, founding year, employees and land per worker of one firm."""
    t = TIERS[tier]
    q = float(rng.standard_normal())
    founded = int(np.floor(rng.triangular(1985, t.founded_mode, 2015)))
    age = 2014 - founded
    if tier == "large":
        emp = 120 + float(np.exp(np.log(220) + 0.2 * q + 0.7 * rng.standard_normal()))
    else:
        emp = sector.emp * t.emp * float(np.exp(0.2 * q + 0.75 * rng.standard_normal()))
    m2w = sector.m2w * t.m2w * float(np.exp(-0.12 * q + 0.012 * (age - 12)))
    return {
        "sector": sector.key,
        "industry_code": choice(rng, *zip(*sector.classes, strict=True)),
        "tier": tier,
        "q": q,
        "founded_year": founded,
        "emp": max(3.0, emp),
        "m2w": m2w * float(np.exp(0.3 * rng.standard_normal())),
    }


def _points_in(rng: np.random.Generator, region, n: int) -> list[tuple[float, float]]:
    """``n`` random points inside ``region`` (rejection sampling)."""
    if region.is_empty:
        return []
    shapely.prepare(region)
    minx, miny, maxx, maxy = region.bounds
    out: list[tuple[float, float]] = []
    while len(out) < n:
        xs = rng.uniform(minx, maxx, 4 * n + 10)
        ys = rng.uniform(miny, maxy, 4 * n + 10)
        ok = shapely.contains_xy(region, xs, ys)
        out.extend(zip(xs[ok].tolist(), ys[ok].tolist(), strict=True))
    return out[:n]


def _park_batch(rng: np.random.Generator, park) -> list[dict]:
    """Firms of one park until their land fills 60–88 % of it."""
    capacity = park.geometry.area * rng.uniform(0.6, 0.88)
    dom = SECTOR_BY_KEY[park["dominant"]]
    jewellery_park = park["name"] == "沙湾珠宝产业园"
    share = 0.88 if jewellery_park else 0.6 if dom.key in CLUSTER_ONLY else rng.uniform(0.3, 0.65)
    w = sector_weights(park["town"], exclude=CLUSTER_ONLY) + np.array(
        [s.weight if s.key in CLUSTER_ONLY else 0.0 for s in SECTORS]
    )
    land, batch = 0.0, list[dict]()
    while land < capacity or not batch:
        pick = rng.random() < share
        sector = dom if pick else SECTORS[int(rng.choice(len(SECTORS), p=w / w.sum()))]
        f = _skeleton(rng, sector, "park")
        if jewellery_park and sector.key == "jewellery":
            f["m2w"] *= 0.6  # multi-storey jewellery blocks
        f_land = f["emp"] * f["m2w"]
        if batch and land + f_land > capacity * 1.05:
            break
        land += f_land
        batch.append(f)
    for f, (x, y) in zip(batch, _points_in(rng, park.geometry.buffer(-8), len(batch)), strict=True):
        f.update(x=x, y=y)
    return batch


def _zone_firms(rng: np.random.Generator, zones: list[dict], regions: list, n: int) -> list[dict]:
    """``n`` large firms spread over the formal zones, plus the two anchors."""
    out = []
    for zi, zone in enumerate(zones):
        aff = sector_weights(zone["town"], exclude=CLUSTER_ONLY)
        k = len(range(zi, n, len(zones)))
        for x, y in _points_in(rng, regions[zi], k):
            f = _skeleton(rng, SECTORS[int(rng.choice(len(SECTORS), p=aff / aff.sum()))], "large")
            out.append(f | {"x": x, "y": y})
    for i, (key, code, emp, go, va, land, plot, zi) in enumerate(ANCHORS):
        f = _skeleton(rng, SECTOR_BY_KEY[key], "large")
        ((x, y),) = _points_in(rng, regions[zi], 1)
        f.update(industry_code=code, emp=float(emp), m2w=land / emp, q=1.0, x=x, y=y)
        f.update(founded_year=2006 + 2 * i, anchor_go=go, anchor_va=va, anchor_plot=plot)
        out.append(f)
    return out


def _scattered_points(rng: np.random.Generator, world: World, town: str, n: int, avoid) -> list:
    """``n`` points 80–900 m from the town's villages, outside parks and hills."""
    vv = world.villages.loc[world.villages["town"] == town, ["x", "y"]].to_numpy()
    inner = world.town_inner[town]
    out: list[tuple[float, float]] = []
    while len(out) < n:
        v = vv[rng.integers(len(vv), size=4 * n)]
        r, ang = rng.uniform(80, 900, 4 * n), rng.uniform(0, 2 * np.pi, 4 * n)
        x, y = v[:, 0] + r * np.cos(ang), v[:, 1] + r * np.sin(ang)
        ok = shapely.contains_xy(inner, x, y) & ~shapely.contains_xy(avoid, x, y)
        out.extend(zip(x[ok].tolist(), y[ok].tolist(), strict=True))
    return out[:n]


def _sme_firms(rng, world: World, zones: list[dict], regions: list, n: int, avoid) -> list[dict]:
    """Small and medium firms outside parks: 30 % in the zones, the rest near villages."""
    town_w = np.array([t.n_parks + 4 for t in TOWNS], dtype=float)
    in_zone = rng.random(n) < 0.3
    zone_i = rng.integers(len(zones), size=n)
    town_i = rng.choice(len(TOWNS), size=n, p=town_w / town_w.sum())
    places: list[tuple[str, float, float]] = []
    for zi, zone in enumerate(zones):
        k = int((in_zone & (zone_i == zi)).sum())
        places += [(zone["town"], x, y) for x, y in _points_in(rng, regions[zi], k)]
    for ti, t in enumerate(TOWNS):
        k = int((~in_zone & (town_i == ti)).sum())
        places += [(t.name, x, y) for x, y in _scattered_points(rng, world, t.name, k, avoid)]
    out = []
    for town, x, y in places:
        aff = sector_weights(town)
        f = _skeleton(rng, SECTORS[int(rng.choice(len(SECTORS), p=aff / aff.sum()))], "sme")
        out.append(f | {"x": x, "y": y})
    return out


def make_firms(
    rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame, zones: list[dict]
) -> pd.DataFrame:
    """Firm skeletons with locations (EPSG:4547), one row per firm."""
    firms = [f for _, park in parks.iterrows() for f in _park_batch(rng, park)]
    n_park = len(firms)
    park_block = shapely.union_all(parks.geometry.values).buffer(15)
    avoid = shapely.union_all([park_block, *world.hills])
    shapely.prepare(avoid)
    regions = [z["geometry"].difference(park_block) for z in zones]
    n_large = 110
    firms += _zone_firms(rng, zones, regions, n_large)
    n_sme = round(n_park * 0.22 / 0.78) - n_large - len(ANCHORS)
    firms += _sme_firms(rng, world, zones, regions, n_sme, avoid)
    frame = pd.DataFrame(firms)
    frame["anchor"] = frame["anchor_go"].notna()
    log.info("drew %d firms: %d in parks, %d outside", len(frame), n_park, len(frame) - n_park)
    return frame
