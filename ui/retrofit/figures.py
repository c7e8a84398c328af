"""The retrofit page's "原始指标与参考值" table: each raw indicator of the picks under its
label and unit in the page's language, numbers rounded to what a planner reads.

Plain functions of frames (no Streamlit), so the table can be checked without a page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

__all__ = ["INDICATORS", "REFERENCES", "format_figure", "indicator_table"]

# field → ((中文, English) label with its unit, kind): kind "share" is shown in per cent,
# "count" as a whole number, "text" as it is (a chain key is named), "number" rounded
INDICATORS: dict[str, tuple[tuple[str, str], str]] = {
    "thermal_gj_per_km2": (("用热密度（GJ/km²）", "Thermal demand (GJ/km²)"), "number"),
    "fuel_firms": (("自备燃料企业数", "Firms burning fuel on site"), "count"),
    "heat_km": (("距最近热源（km）", "Nearest heat source (km)"), "number"),
    "wastewater_t_per_km2": (("废水排放密度（t/km²）", "Wastewater (t/km²)"), "number"),
    "cod_t_per_km2": (("COD 排放密度（t/km²）", "COD (t/km²)"), "number"),
    "pollution_share": (("重污染行业企业占比", "Pollution-intensive firms"), "share"),
    "water_m3_per_km2": (("用水密度（m³/km²）", "Water use (m³/km²)"), "number"),
    "sewage_km": (("距最近污水处理厂（km）", "Nearest sewage plant (km)"), "number"),
    "solid_waste_t_per_km2": (("固废产生密度（t/km²）", "Solid waste (t/km²)"), "number"),
    "recycling_pairs": (("园内废料—原料配对数", "Waste-to-input pairs in the park"), "count"),
    "pv_kwh": (("屋顶光伏年发电潜力（kWh）", "Rooftop PV potential (kWh/yr)"), "number"),
    "pv_coverage": (("光伏可覆盖用电比例", "Electricity PV could cover"), "share"),
    "chain_share": (("最佳产业链补齐度", "Best chain completion"), "share"),
    "best_chain": (("最佳产业链", "Best chain"), "text"),
    "diversity": (("行业多样性（Shannon 指数）", "Industry diversity (Shannon index)"), "number"),
    "area_ha": (("园区面积（公顷）", "Park area (ha)"), "number"),
    "firms": (("企业数", "Firms"), "count"),
}
# the key industry chains of [park_score.chains] (a chain added there is shown by its key)
CHAINS: dict[str, tuple[str, str]] = {
    "auto": ("汽车及零部件", "cars and parts"),
    "lighting_audio": ("灯光音响", "lighting and audio"),
    "jewellery": ("珠宝首饰", "jewellery"),
    "custom_furniture": ("定制家居", "custom furniture"),
    "electronics": ("电子信息", "electronics"),
}
REFERENCES: dict[str, tuple[str, str]] = {  # DOMAIN §7, shown beside the raw indicators
    "pv_coverage": ("5–40 %", "rooftop PV in real parks (DOMAIN §3)"),
    "recycling_pairs": ("≥ 70 % 固废综合利用", "HJ 274-2015 solid-waste reuse ≥ 70 %"),
    "water_m3_per_km2": ("中水回用 ≥ 85 %", "water reuse ≥ 85 % (low-carbon park)"),
}


def format_figure(value: object, kind: str = "number", *, lang: str = "zh") -> str:
    """A figure as a planner reads it: thousands separators, 2–3 significant digits below
    100, per cent for shares, whole numbers for counts; "—" when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "—"
    if kind == "text":
        key = str(value)
        return CHAINS[key][0 if lang == "zh" else 1] if key in CHAINS else key or "—"
    x = float(value)  # type: ignore[arg-type]
    if kind == "count":
        return f"{round(x):,}"
    if kind == "share":
        return f"{x * 100:.1f} %" if abs(x) < 0.1 else f"{x * 100:.0f} %"
    size = abs(x)
    if size >= 100:
        return f"{x:,.0f}"
    if size >= 10:
        return f"{x:.1f}"
    if size >= 1:
        return f"{x:.2f}"
    if size == 0:
        return "0"
    return f"{x:.2g}" if size >= 0.01 else f"{x:.2e}"


def indicator_table(
    indicators: pd.DataFrame,
    parks: Sequence[str],
    columns: Mapping[str, str],
    *,
    reference: str,
    lang: str = "zh",
) -> pd.DataFrame:
    """Rows: the indicators (labelled); columns: the parks ``parks`` (headed ``columns[id]``)
    and the reference values (headed ``reference``); every cell a formatted text."""
    zh = lang == "zh"
    rows = indicators.set_index("park_id").loc[list(parks)]
    labels = [label[0 if zh else 1] for label, _kind in INDICATORS.values()]
    out = pd.DataFrame(index=pd.Index(labels, name="指标" if zh else "Indicator"))
    for pid in parks:
        out[columns[pid]] = [
            format_figure(rows.at[pid, field], kind, lang=lang)
            for field, (_label, kind) in INDICATORS.items()
        ]
    out[reference] = [REFERENCES[f][0 if zh else 1] if f in REFERENCES else "" for f in INDICATORS]
    return out
