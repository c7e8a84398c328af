"""Fixed tables: towns, hills, land-use classes, energy and emission factors.

Town centres are DOMAIN.md §4 [V] (东环, 大石 and 石碁 rough estimates [U]); town codes are the
2016 statistical codes [V]; park counts per town follow the industrial towns [G]; hill places
are approximate [U]; kgce factors are DOMAIN.md §2 [V]; SO₂ and NOx emission factors are
textbook values per unit of fuel [U].
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COAL",
    "DIESEL",
    "FUELS",
    "GAS",
    "HEAT",
    "HILLS",
    "KGCE",
    "LANDUSE_CLASSES",
    "LPG",
    "LU",
    "NOX_KG",
    "OIL",
    "SO2_KG",
    "SOUTH_EAST",
    "TOWNS",
    "TOWN_BY_NAME",
    "URBAN_STREETS",
    "Town",
]


@dataclass(frozen=True)
class Town:
    """One of the 16 towns and streets of 2015."""

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

GAS, COAL, DIESEL, OIL, LPG, HEAT = "gas", "coal", "diesel", "fuel_oil", "lpg", "heat"
FUELS = (GAS, COAL, DIESEL, OIL, LPG, HEAT)
# kgce per unit (DOMAIN.md §2): kWh, m³ of gas, kg of coal/diesel/fuel oil/LPG, GJ of heat [V]
KGCE = {
    "electricity": 0.1229,
    GAS: 1.2143,
    COAL: 0.7143,
    DIESEL: 1.4571,
    OIL: 1.4286,
    LPG: 1.7143,
    HEAT: 34.12,
}
# emission factors, kg per unit of fuel (m³ gas, t of the others, GJ heat) [U]
SO2_KG = {GAS: 0.0002, COAL: 12.0, DIESEL: 0.4, OIL: 19.0, LPG: 0.01, HEAT: 0.0}
NOX_KG = {GAS: 0.00187, COAL: 3.0, DIESEL: 3.2, OIL: 5.8, LPG: 2.0, HEAT: 0.0}
