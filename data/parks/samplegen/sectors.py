"""Industry table: GB/T 4754-2017 classes and the distributions each industry draws from.

Industries are those the district names (DOMAIN.md §8 [V]): lighting and audio (声光), jewellery,
auto, lifts and building equipment, electronics, garments, custom furniture, electrical
machinery; plus the pollution-intensive classes of DOMAIN.md §3 (dyeing in six classes,
electroplating 3360, tanning 1910, paper 2211/2212/2221, chemicals division 26, non-ferrous
metals division 32) in small numbers, as in any Pearl River Delta district [U].

Every number is a **median for a firm in a village park** [U] unless said otherwise; firms on
formal industrial land scale it (``firms.TIERS``). Anchors:

* value-added rate 22–26 % for most industry [U]; jewellery 5–12 % (gold passes through at
  cost) [U]; cable and metals lower (material-heavy) [U];
* gross output per worker is set so that value added per worker is ~5–9 万元 in village
  parks and ~20–35 万元 on formal land (Guangdong above-scale 18.2 万元/人, textiles ~7) [V];
* energy per value added (formal firms; village firms × 1.3): electronics, auto, jewellery
  0.15–0.3; metal, furniture 0.45–0.55; plastics 0.7; dyeing, paper, smelting 1.2–1.4 tce/万元
  [U]; set so that above-scale industry lands near Guangdong's ≈ 0.5 tce/万元 [V];
* water per value added 6–40 m³/万元 for most industry [U]; dyeing, paper, tanning and
  electroplating 80–180; the **wastewater share** of water and the **COD** of what is
  discharged depend on the industry (dyeing and electroplating discharge ~90 % of their water;
  electronics, jewellery, furniture and plastics little: cooling water evaporates, what they
  discharge is mostly domestic sewage) [U];
* tax / value added 13–15 % (small-scale VAT plus surcharges and income tax) [U];
* jewellery firms differ less from each other in output per worker and value-added rate
  (``spread`` 0.6: output follows the gold that passes through) [U];
* ``hitech`` is a relative propensity to hold a high-tech enterprise certificate [G];
  ``audit`` marks the plan's priority industries for clean-production audits (二(五)2) and
  the heavy polluters [V].
"""

from __future__ import annotations

from dataclasses import dataclass

from .tables import COAL, DIESEL, GAS, HEAT, LPG, OIL

__all__ = [
    "CLASS_WORDS",
    "POLLUTING_CLASSES",
    "SECTORS",
    "SECTOR_BY_KEY",
    "Sector",
    "is_polluting",
]


@dataclass(frozen=True)
class Sector:
    """One industry: its classes, names and the medians of its firms' indicators."""

    key: str
    weight: float  # share of firms before town affinities
    classes: tuple[tuple[str, float], ...]  # (GB/T 4754-2017 class, weight)
    words: tuple[str, ...]  # trade words in names
    emp: float  # employees
    gopw: float  # gross output per worker, 万元/人
    va: float  # value-added rate
    m2w: float  # land per worker, m²
    plot: float  # plot ratio
    epv: float  # energy per value added, tce/万元 (formal firms)
    fuel_p: float  # share of firms burning fuel on site
    fuel_share: float  # mean share of fuel in their energy
    fuels: tuple[tuple[str, float], ...]  # main fuel weights
    wpv: float  # fresh water per value added, m³/万元
    ww: float  # wastewater discharged / fresh water
    cod: float  # COD in discharged wastewater, mg/L
    nh3: float  # NH3-N in discharged wastewater, mg/L
    swg: float  # general solid waste per gross output, t/万元
    tax: float  # tax / value added
    hitech: float  # relative propensity to be a high-tech enterprise
    audit: bool = False  # priority industry for clean-production audits
    spread: float = 1.0  # multiplier of the firm-level noise of output per worker and VA rate


_LIGHT = ((GAS, 0.6), (LPG, 0.3), (DIESEL, 0.1))
_BOILER = ((GAS, 0.45), (COAL, 0.2), (OIL, 0.1), (DIESEL, 0.1), (HEAT, 0.15))
_KILN = ((GAS, 0.6), (OIL, 0.2), (COAL, 0.2))


def _s(key: str, weight: float, classes, words, *nums, fuels=_LIGHT, audit=False, spread=1.0):
    emp, gopw, va, m2w, plot, epv, fuel_p, fuel_share, wpv, ww, cod, nh3, swg, tax, ht = nums
    return Sector(
        key, weight, classes, words, emp, gopw, va, m2w, plot, epv, fuel_p, fuel_share,
        fuels, wpv, ww, cod, nh3, swg, tax, ht, audit, spread,
    )  # fmt: skip


# columns: emp gopw va m2w plot epv fuel_p fuel_share wpv ww cod nh3 swg tax hitech
SECTORS: tuple[Sector, ...] = (
    _s("lighting", 0.12, (("3872", 0.55), ("3871", 0.12), ("3873", 0.23), ("3879", 0.10)),
       ("照明电器", "灯饰", "照明科技", "光电科技", "灯具"),
       36, 30, 0.24, 140, 1.2, 0.35, 0.10, 0.2, 12, 0.35, 120, 15, 0.010, 0.14, 1.0),
    _s("audio", 0.06, (("3952", 0.7), ("3984", 0.3)),
       ("音响设备", "电声科技", "音响科技", "电声器材"),
       36, 32, 0.25, 140, 1.2, 0.30, 0.05, 0.2, 10, 0.35, 120, 15, 0.008, 0.14, 1.0),
    _s("jewellery", 0.07, (("2438", 1.0),), ("珠宝首饰", "首饰", "珠宝", "金银首饰"),
       200, 34, 0.115, 30, 2.4, 0.15, 0.30, 0.2, 15, 0.30, 100, 10, 0.001, 0.10, 0.15,
       fuels=((GAS, 0.5), (LPG, 0.5)), spread=0.6),
    _s("auto_parts", 0.045, (("3670", 1.0),), ("汽车零部件", "汽车配件", "汽车部件"),
       48, 42, 0.23, 130, 1.1, 0.30, 0.20, 0.3, 10, 0.40, 150, 15, 0.030, 0.15, 1.2,
       fuels=((GAS, 0.8), (DIESEL, 0.2))),
    _s("building_eq", 0.03, (("3435", 0.6), ("3464", 0.4)),
       ("电梯部件", "机电设备", "制冷设备", "空调设备"),
       56, 50, 0.25, 130, 1.1, 0.28, 0.15, 0.25, 10, 0.35, 120, 15, 0.030, 0.15, 1.0,
       fuels=((GAS, 0.8), (DIESEL, 0.2))),
    _s("electronics", 0.10, (("3982", 0.35), ("3981", 0.25), ("3989", 0.25), ("3922", 0.15)),
       ("电子科技", "电子", "电子元件", "电路科技"),
       40, 34, 0.24, 110, 1.4, 0.28, 0.03, 0.15, 14, 0.45, 100, 12, 0.010, 0.15, 1.5),
    _s("garments", 0.10, (("1819", 0.55), ("1829", 0.35), ("1830", 0.10)),
       ("服装", "制衣", "服饰", "时装"),
       36, 28, 0.23, 100, 1.3, 0.25, 0.15, 0.3, 8, 0.30, 200, 20, 0.010, 0.14, 0.1,
       fuels=((GAS, 0.4), (LPG, 0.3), (DIESEL, 0.3))),
    _s("dyeing", 0.028,
       (("1713", 0.3), ("1752", 0.25), ("1762", 0.25), ("1743", 0.1), ("1723", 0.05),
        ("1733", 0.05)),
       ("印染", "漂染", "染整"),
       48, 26, 0.20, 170, 0.9, 1.40, 0.95, 0.6, 180, 0.90, 220, 18, 0.050, 0.13, 0.05,
       fuels=_BOILER, audit=True),
    _s("furniture", 0.08, (("2110", 0.5), ("2190", 0.3), ("2130", 0.2)),
       ("家具", "家居", "木业", "家私"),
       36, 22, 0.24, 160, 0.95, 0.45, 0.20, 0.25, 6, 0.25, 150, 15, 0.080, 0.14, 0.1,
       fuels=((GAS, 0.7), (LPG, 0.3))),
    _s("metal", 0.09, (("3311", 0.3), ("3389", 0.45), ("3351", 0.25)),
       ("五金制品", "金属制品", "五金"),
       32, 24, 0.23, 150, 1.05, 0.55, 0.25, 0.3, 12, 0.45, 150, 15, 0.060, 0.14, 0.15,
       fuels=((GAS, 0.7), (DIESEL, 0.2), (LPG, 0.1))),
    _s("electroplating", 0.026, (("3360", 1.0),), ("电镀", "表面处理", "金属表面处理"),
       28, 20, 0.22, 130, 1.0, 1.10, 0.70, 0.4, 120, 0.90, 90, 12, 0.030, 0.13, 0.05,
       fuels=_BOILER, audit=True),
    _s("plastics", 0.08, (("2922", 0.25), ("2927", 0.35), ("2929", 0.4)),
       ("塑料制品", "塑胶制品", "塑料科技", "塑胶"),
       32, 26, 0.22, 150, 1.0, 0.70, 0.40, 0.3, 8, 0.20, 150, 12, 0.040, 0.14, 0.15,
       fuels=((GAS, 0.6), (COAL, 0.1), (DIESEL, 0.3))),
    _s("motors", 0.03, (("3812", 0.7), ("3813", 0.3)), ("电机", "微电机", "电机科技"),
       44, 34, 0.24, 120, 1.15, 0.30, 0.10, 0.2, 10, 0.35, 120, 15, 0.020, 0.15, 1.0,
       fuels=((GAS, 1.0),)),
    _s("cable", 0.02, (("3831", 1.0),), ("电线电缆", "线缆"),
       40, 60, 0.15, 140, 1.0, 0.40, 0.15, 0.2, 8, 0.30, 120, 15, 0.020, 0.15, 0.4,
       fuels=((GAS, 1.0),)),
    _s("food", 0.03, (("1411", 0.4), ("1499", 0.6)), ("食品", "饼业", "食品科技"),
       32, 24, 0.26, 130, 1.0, 0.60, 0.80, 0.5, 40, 0.75, 350, 30, 0.030, 0.14, 0.1,
       fuels=((GAS, 0.5), (LPG, 0.2), (COAL, 0.15), (DIESEL, 0.15))),
    _s("printing", 0.035, (("2319", 0.6), ("2231", 0.4)), ("印刷", "包装印刷", "纸品包装", "彩印"),
       28, 22, 0.24, 130, 1.05, 0.35, 0.10, 0.2, 10, 0.35, 180, 15, 0.050, 0.14, 0.2,
       fuels=((GAS, 0.7), (LPG, 0.3))),
    _s("leather", 0.02, (("1922", 1.0),), ("皮具", "皮具制品", "箱包"),
       40, 26, 0.22, 100, 1.3, 0.20, 0.05, 0.2, 8, 0.30, 150, 15, 0.020, 0.14, 0.05),
    _s("tanning", 0.006, (("1910", 1.0),), ("皮革", "制革", "皮革鞣制"),
       40, 30, 0.20, 170, 0.9, 0.90, 0.80, 0.5, 80, 0.90, 300, 40, 0.060, 0.13, 0.02,
       fuels=_BOILER, audit=True),
    _s("chemicals", 0.026, (("2641", 0.4), ("2682", 0.3), ("2662", 0.2), ("2614", 0.1)),
       ("化工", "精细化工"),
       24, 50, 0.24, 170, 0.8, 0.80, 0.40, 0.3, 25, 0.60, 300, 25, 0.030, 0.15, 0.6,
       fuels=((GAS, 0.7), (DIESEL, 0.3)), audit=True),
    _s("nonferrous", 0.02, (("3252", 0.45), ("3251", 0.3), ("3240", 0.25)),
       ("铝业", "铜业", "有色金属", "金属材料"),
       40, 70, 0.15, 180, 0.9, 1.20, 0.80, 0.6, 15, 0.50, 120, 10, 0.080, 0.14, 0.3,
       fuels=_KILN, audit=True),
    _s("paper", 0.013, (("2221", 0.7), ("2212", 0.2), ("2211", 0.1)), ("纸业", "造纸", "纸品"),
       36, 35, 0.20, 180, 0.9, 1.30, 0.90, 0.6, 120, 0.85, 250, 15, 0.100, 0.13, 0.05,
       fuels=_BOILER, audit=True),
    _s("machinery", 0.03, (("3484", 1.0),), ("机械", "精密机械", "机械设备"),
       32, 30, 0.25, 140, 1.1, 0.35, 0.15, 0.2, 10, 0.35, 120, 15, 0.040, 0.15, 0.8,
       fuels=((GAS, 0.8), (DIESEL, 0.2))),
)  # fmt: skip
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
    "2130": ("金属家具", "钢木家具"),
    "2641": ("涂料", "化工", "漆业"),
    "2682": ("化妆品", "日化"),
    "2231": ("纸品包装", "纸箱", "包装制品"),
    "3812": ("电机", "电机科技"),
    "3813": ("微电机", "微特电机"),
    "3252": ("铝业", "铝型材"),
    "3251": ("铜业", "铜材"),
}

# pollution-intensive classes of DOMAIN.md §3 (divisions 26 and 32 as a whole)
POLLUTING_CLASSES = frozenset(
    {"3360", "1713", "1723", "1733", "1743", "1752", "1762", "1910", "2211", "2212", "2221"}
)


def is_polluting(code: str) -> bool:
    """True for a GB/T 4754 class of DOMAIN.md §3's pollution-intensive list."""
    return code in POLLUTING_CLASSES or code[:2] in ("26", "32")
