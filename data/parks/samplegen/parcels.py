"""三旧 parcels (标图入库) [G].

~5 500 parcels. 旧厂房: every village park built by 2007 is tiled by factory lots (图斑), one
per firm site, 0.2–3 ha (``lots.py``), plus 150 old factories outside parks; the few parks
built after 2007 are not in the inventory (land built on before 30 June 2007 only, 粤府〔2009〕
78号 [U]). A fifth of the parks are mostly
under 全面改造 (a run of lots covering 65–95 % of the park from one end: these fail the ≤ 50 %
demolition gate of DOMAIN.md §3), two fifths partly (5–40 %), the rest not at all; the other
lots are 微改造 (75 %) or 混合改造. A park's lots mostly share one inventory year (a village
enters its park in one batch). 旧村庄 at village cores, 旧城镇 in the urban streets (市桥 桥南
沙头 东环 洛浦 大石) and town centres, modes ~34 % 全面改造 / 51 % 微改造 / 15 % 混合改造;
across all parcels ~26 / 56 / 18 %. Land classes GB/T 21010-2017 (0601, 0701, 0702, 05H1);
inventory years 2009–2015; ids ``440113-<town abbreviation>-<year>-NNNN``.

No two parcels overlap (the land bureau rejects overlapping parcels): lots tile their park, the
parcels outside parks keep 10 m off the parks and are cut free of the parcels made before them.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box

from .common import AREA_CRS, blob, choice, largest, lognormal, rect_shape
from .lots import MIN_M2, demolition_lots, park_lots
from .tables import TOWN_BY_NAME, TOWNS, URBAN_STREETS
from .world import World

__all__ = ["make_parcels"]

log = logging.getLogger(__name__)

_PLANNED = {
    ("旧厂房", "全面改造"): (
        ("新型产业用地(M0)", 0.35),
        ("居住用地", 0.25),
        ("商业用地", 0.2),
        ("工业用地", 0.15),
        ("公共管理与公共服务用地", 0.05),
    ),
    ("旧厂房", "微改造"): (("工业用地", 0.8), ("新型产业用地(M0)", 0.2)),
    ("旧厂房", "混合改造"): (("工业用地", 0.4), ("新型产业用地(M0)", 0.4), ("商业用地", 0.2)),
    ("旧村庄", "全面改造"): (
        ("居住用地", 0.6),
        ("商住混合用地", 0.3),
        ("公共管理与公共服务用地", 0.1),
    ),
    ("旧村庄", "微改造"): (("村庄建设用地", 0.85), ("居住用地", 0.15)),
    ("旧村庄", "混合改造"): (("居住用地", 0.5), ("村庄建设用地", 0.5)),
    ("旧城镇", "全面改造"): (("居住用地", 0.45), ("商住混合用地", 0.35), ("商业用地", 0.2)),
    ("旧城镇", "微改造"): (("居住用地", 0.6), ("商业用地", 0.25), ("公园绿地", 0.15)),
    ("旧城镇", "混合改造"): (("商住混合用地", 0.6), ("居住用地", 0.4)),
}
_MODES = ("全面改造", "微改造", "混合改造")
_YEARS = np.arange(2009, 2016)
# 三旧 标图入库 takes land built on before 30 June 2007 (粤府〔2009〕78号) [U]
SANJIU_BUILT_BY = 2007
_P_YEAR = np.array([0.24, 0.2, 0.15, 0.13, 0.1, 0.1, 0.08])
_FACTORY_WORDS = (
    "五金", "农机", "塑料", "纺织", "食品", "印刷", "电器", "造纸", "纸箱", "制衣", "陶瓷", "机械",
    "糖", "砖",
)  # fmt: skip


class _Land:
    """The parcels made so far; cuts each new parcel free of them (and of parks and hills)."""

    def __init__(self, world: World, parks: gpd.GeoDataFrame) -> None:
        self.world = world
        self.recs: list[dict] = []
        self.occupied: list[Polygon] = []
        park_union = shapely.union_all(parks.geometry.values)
        self.static = shapely.union_all([park_union.buffer(10), shapely.union_all(world.hills)])
        shapely.prepare(self.static)

    def clear_of_parcels(self, g) -> Polygon:
        """The largest part of ``g`` that no earlier parcel covers."""
        occ = np.array(self.occupied, dtype=object)
        hits = occ[shapely.intersects(occ, g)] if len(occ) else occ
        if len(hits):
            g = g.difference(shapely.union_all(hits))
        return largest(shapely.make_valid(g))

    def free(self, g) -> Polygon:
        """The largest part of ``g`` clear of parks, hills and earlier parcels."""
        if shapely.intersects(self.static, g):
            g = g.difference(self.static.intersection(g.envelope.buffer(50)))
        return self.clear_of_parcels(g)

    def add(
        self,
        kind: str,
        town: str,
        mode: str,
        name: str,
        park,
        g: Polygon,
        *,
        year: int | None = None,
    ) -> None:
        """Record a parcel (``year``: its inventory year, drawn later when ``None``)."""
        self.recs.append(
            {
                "sanjiu_type": kind,
                "town": town,
                "mode": mode,
                "name": name,
                "park": park,
                "year": year,
                "geometry": g,
            }
        )
        self.occupied.append(g)


def _park_scenario(rng: np.random.Generator, name: str) -> str:
    if name == "旧水坑村工业园":
        return "heavy"
    if name == "沙湾珠宝产业园":
        return "partial"
    return choice(rng, ("heavy", "partial", "none"), (0.2, 0.42, 0.38))


def _factories_in_parks(
    rng: np.random.Generator, land: _Land, parks: gpd.GeoDataFrame, firm_xy: dict[str, np.ndarray]
) -> None:
    """旧厂房 lots tiling every park, one per firm site (``lots.py``); a fifth of the parks are
    mostly 全面改造 (65–95 % of their area), two fifths partly (5–40 %), the rest not at all.
    Parks built after 2007 are not in the inventory (``SANJIU_BUILT_BY``)."""
    for _, park in parks.iterrows():
        scenario = _park_scenario(rng, park["name"])
        if park["built_year"] > SANJIU_BUILT_BY:
            continue
        lots = park_lots(park.geometry, firm_xy.get(park["park_id"], np.empty((0, 2))))
        lots.sort(key=lambda g: (-g.centroid.y, g.centroid.x))  # numbered north to south
        share = {"heavy": rng.uniform(0.65, 0.95), "partial": rng.uniform(0.05, 0.4)}
        demolish = (
            set()
            if scenario == "none"
            else demolition_lots(
                lots,
                float(park["theta"]),
                float(share[scenario]),
                heavy=scenario == "heavy",
                from_start=bool(rng.random() < 0.5),
            )
        )
        year = int(rng.choice(_YEARS, p=_P_YEAR))  # a village enters its park in one batch
        for k, g in enumerate(lots):
            mode = "全面改造" if k in demolish else choice(rng, _MODES[1:], (0.75, 0.25))
            lot_year = year if rng.random() < 0.8 else int(rng.choice(_YEARS, p=_P_YEAR))
            name = f"{park['name']}{k + 1:02d}号地块"
            land.add("旧厂房", park["town"], mode, name, park["park_id"], g, year=lot_year)


def _factories_outside(rng: np.random.Generator, land: _Land, n_off: int = 150) -> None:
    """Old town and collective factories near town centres."""
    town_w = np.array([t.n_parks + 6 for t in TOWNS], dtype=float)
    made, tries = 0, 0
    used_names: set[str] = set()
    while made < n_off and tries < n_off * 30:
        tries += 1
        town = TOWNS[int(rng.choice(len(TOWNS), p=town_w / town_w.sum()))]
        cx, cy = land.world.centre[town.name]
        r = max(town.urban_km, 0.7) * 1000 * rng.uniform(0.6, 1.8)
        ang = rng.uniform(0, 2 * np.pi)
        theta = float(rng.uniform(0, 180))
        area = float(np.clip(lognormal(rng, 2.5e4, 0.7), 3e3, 2e5))
        shape = affinity.translate(
            rect_shape(rng, area, theta), cx + r * np.cos(ang), cy + r * np.sin(ang)
        )
        g = land.free(shape.intersection(land.world.town_inner[town.name]))
        if g.area < 3000:
            continue
        word = choice(rng, _FACTORY_WORDS)
        ordinal = "一二三四五六七八九"[int(rng.integers(9))]
        name = f"原{town.name}第{ordinal}{word}厂地块"
        if name in used_names:
            name = f"原{town.name}{word}厂第{ordinal}地块"
        if name in used_names:
            continue
        used_names.add(name)
        land.add("旧厂房", town.name, choice(rng, _MODES, (0.45, 0.35, 0.2)), name, None, g)
        made += 1


def _old_villages(rng: np.random.Generator, land: _Land) -> None:
    """旧村庄 at the cores of villages (one to three parts each)."""
    vill = land.world.villages
    for _, v in vill[vill["kind"] == "村"].iterrows():
        for part in range(int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))):
            area = float(np.clip(lognormal(rng, 3.5e4, 0.6), 3e3, 3e5))
            r = np.sqrt(area / np.pi)
            off = 0 if part == 0 else rng.uniform(1.6, 2.4) * r
            ang = rng.uniform(0, 2 * np.pi)
            shape = blob(rng, v["x"] + off * np.cos(ang), v["y"] + off * np.sin(ang), r)
            g = land.free(shape.intersection(land.world.town_inner[v["town"]]))
            if g.area < 3000:
                continue
            suffix = "" if part == 0 else f"{'一二三'[part]}区"
            mode = choice(rng, _MODES, (0.18, 0.72, 0.10))
            land.add("旧村庄", v["town"], mode, f"{v['name']}旧村{suffix}改造地块", None, g)


def _old_town_blocks(rng: np.random.Generator, land: _Land) -> None:
    """旧城镇 blocks on a street grid in the urban streets and town centres."""
    counts = {n: (60 if n == "市桥" else 40 if n in URBAN_STREETS else 10) for n in TOWN_BY_NAME}
    counts["小谷围"] = 0
    comm = land.world.villages[land.world.villages["kind"] == "社区"]
    for town in TOWNS:
        cx, cy = land.world.centre[town.name]
        grid = float(rng.uniform(0, 90))
        names = comm[comm["town"] == town.name]["name"].tolist() or [town.name]
        k, tries = 0, 0
        while k < counts[town.name] and tries < counts[town.name] * 25:
            tries += 1
            r = max(town.urban_km, 0.6) * 1000 * np.sqrt(rng.uniform(0, 1)) * 1.1
            ang = rng.uniform(0, 2 * np.pi)
            area = float(np.clip(lognormal(rng, 2.0e4, 0.7), 3e3, 1.5e5))
            aspect = rng.uniform(1, 2.2)
            w, h = np.sqrt(area * aspect), np.sqrt(area / aspect)
            shape = affinity.rotate(
                box(-w / 2, -h / 2, w / 2, h / 2), grid + rng.normal(0, 4), origin=(0, 0)
            )
            shape = affinity.translate(shape, cx + r * np.cos(ang), cy + r * np.sin(ang))
            g = land.free(shape.intersection(land.world.town_inner[town.name]))
            if g.area < 3000:
                continue
            k += 1
            mode = choice(rng, _MODES, (0.45, 0.38, 0.17))
            land.add("旧城镇", town.name, mode, f"{choice(rng, names)}旧城改造地块{k}", None, g)


def _status(rng: np.random.Generator, mode: str, year: int) -> str:
    age = 2015 - year
    p_done = min(0.5, 0.04 * age) if mode != "微改造" else min(0.6, 0.07 * age)
    weights = (1.0 - p_done - 0.25, 0.25 * (1 - p_done), 0.6 * p_done, 0.65 * p_done)
    return choice(rng, ("已入库", "已批复", "实施中", "已完成"), weights)


def _use(rng: np.random.Generator, kind: str, in_park: bool) -> tuple[str, str, str]:
    """(ownership, current use, land-class code) of one parcel."""
    if kind == "旧厂房":
        own = (
            "集体" if in_park and rng.random() < 0.85 else choice(rng, ("国有", "集体"), (0.6, 0.4))
        )
        return own, "工业", "0601"
    if kind == "旧村庄":
        return "集体", "住宅", "0702"
    u = choice(rng, ("住宅", "商业", "商住混合"), (0.55, 0.25, 0.2))
    return "国有", u, "05H1" if u == "商业" else "0701"


def _attributes(rng: np.random.Generator, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    drawn = rng.choice(_YEARS, size=len(frame), p=_P_YEAR)
    years = np.where(frame["year"].isna(), drawn, frame["year"].fillna(0)).astype(int)
    status, uses, planned = [], [], []
    for i, r in frame.iterrows():
        status.append(_status(rng, r["mode"], int(years[i])))
        uses.append(_use(rng, r["sanjiu_type"], bool(pd.notna(r["park"]))))
        planned.append(choice(rng, *zip(*_PLANNED[(r["sanjiu_type"], r["mode"])], strict=True)))
    seq: dict[str, int] = {}
    ids = []
    for town, year in zip(frame["town"], years, strict=True):
        abbr = TOWN_BY_NAME[town].abbr
        seq[abbr] = seq.get(abbr, 0) + 1
        ids.append(f"440113-{abbr}-{int(year)}-{seq[abbr]:04d}")
    use = pd.DataFrame(uses, columns=["ownership", "current_use", "land_class_code"])
    return frame.assign(
        parcel_id=ids,
        ownership=use["ownership"].to_numpy(),
        current_use=use["current_use"].to_numpy(),
        land_class_code=use["land_class_code"].to_numpy(),
        planned_use=planned,
        redevelopment_mode=frame["mode"],
        status=status,
        inventory_year=years.astype(int),
    )


def make_parcels(
    rng: np.random.Generator,
    world: World,
    parks: gpd.GeoDataFrame,
    firm_xy: dict[str, np.ndarray],
) -> gpd.GeoDataFrame:
    """三旧 parcels (EPSG:4547), none overlapping another; ``firm_xy`` maps a park id to the
    points (n × 2, EPSG:4547) of the firms inside it, which its factory lots follow."""
    land = _Land(world, parks)
    _factories_in_parks(rng, land, parks, firm_xy)
    _factories_outside(rng, land)
    _old_villages(rng, land)
    _old_town_blocks(rng, land)
    frame = gpd.GeoDataFrame(land.recs, geometry="geometry", crs=AREA_CRS)
    # 5 cm apart, so that no reprojection or snapping makes neighbours overlap
    shrunk = shapely.buffer(frame.geometry.values, -0.05, join_style="mitre")
    frame["geometry"] = shapely.set_precision(shrunk, 0.01)
    keep = frame.geometry.area >= np.where(frame["park"].notna(), MIN_M2 / 2, 3000)
    frame = frame[keep].reset_index(drop=True)
    frame = _attributes(rng, frame)
    counts = frame["sanjiu_type"].value_counts()
    log.info(
        "made %d 三旧 parcels (%s)", len(frame), ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return frame
