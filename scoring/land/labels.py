"""Labels of the land tables' columns (:mod:`scoring.land.potential`,
:mod:`scoring.land.balance`), Chinese first: export headers and the land page's tables.

Every area column ``<x>_m2`` has ``<x>_mu`` and ``<x>_ha`` beside it; their labels are made
from the m² label (``(平方米)`` → ``(亩)`` / ``(公顷)``).
"""

from __future__ import annotations

from scoring.screen.labels import SCREEN_LABELS

__all__ = ["LAND_LABELS", "land_label", "land_labels"]

# area columns, labelled once with "(平方米)" / "(m²)"
_AREAS: dict[str, tuple[str, str]] = {
    "land_area_m2": ("用地面积", "Land area"),
    "floor_area_m2": ("建筑面积", "Floor area"),
    "potential_floor_m2": ("加层潜力建筑面积", "Floor area that could be added"),
    "land_saved_m2": ("加层节约用地", "Land saved by adding floors"),
    "freed_phase_out_m2": ("腾退用地：淘汰类企业", "Freed: phase-out candidates"),
    "freed_parcel_m2": ("腾退用地：全面改造三旧地块", "Freed: 三旧 parcels rebuilt (全面改造)"),
    "freed_plot_ratio_m2": ("腾退用地：厂房加层", "Freed: adding floors (厂房加层)"),
    "freed_m2": ("腾退用地合计", "Freed in total"),
    "demand_m2": ("用地需求", "Land demanded"),
    "allocated_m2": ("已安排用地", "Land allocated"),
    "met_m2": ("已满足需求", "Demand met"),
    "unmet_m2": ("未满足需求", "Demand unmet"),
    "left_m2": ("剩余腾退用地", "Freed land left over"),
    "area_m2": ("面积", "Area"),
}
_UNITS = {"m2": ("平方米", "m²"), "mu": ("亩", "mu"), "ha": ("公顷", "ha")}

LAND_LABELS: dict[str, tuple[str, str]] = {
    **{k: SCREEN_LABELS[k] for k in ("uscc", "name", "town", "park_id", "industry_code")},
    **{k: SCREEN_LABELS[k] for k in ("division", "above_scale", "phase_out")},
    "area_id": ("连片改造区编号", "Renewal area"),
    "current_plot_ratio": ("现状容积率", "Current plot ratio"),
    "plot_ratio_min": ("行业最低容积率", "Industry minimum plot ratio"),
    "target_plot_ratio": ("目标容积率", "Target plot ratio"),
    "evaluated": ("已测算加层", "Potential evaluated"),
    "reason": ("未测算原因", "Why not evaluated"),
    "in_scope": ("在范围内", "In scope"),
    "parcel_id": ("全面改造地块编号", "全面改造 parcel"),
    "tax_per_mu": ("亩均税收（万元/亩）", "Tax per mu (10k yuan/mu)"),
    "rank": ("安排顺序", "Order served"),
    "met": ("满足情况", "Met"),
    "park_ids": ("所属园区", "Parks"),
    "firms": ("企业数", "Firms"),
    "not_evaluated": ("未测算企业数", "Firms not evaluated"),
    "no_floor_area": ("缺建筑面积企业数", "Firms without floor area"),
    "no_land_area": ("缺用地面积企业数", "Firms without land area"),
    "firms_in_scope": ("范围内企业数", "Firms in scope"),
    "phase_out_firms": ("淘汰类企业数", "Phase-out candidates"),
    "parcels": ("全面改造地块数", "全面改造 parcels"),
    "firms_in_parcels": ("位于全面改造地块的企业数", "Firms in 全面改造 parcels"),
    "plot_ratio_not_evaluated": ("未测算加层企业数", "Firms whose 加层 was not evaluated"),
    "demand_firms": ("有用地需求企业数", "Firms demanding land"),
    "freed_to_demand": ("腾退/需求比", "Freed ÷ demanded"),
    "met_full": ("全部满足企业数", "Firms met in full"),
    "met_partial": ("部分满足企业数", "Firms met in part"),
    "met_none": ("未满足企业数", "Firms not met"),
}
for _key, (_zh, _en) in _AREAS.items():
    _stem = _key.removesuffix("_m2")
    for _unit, (_uz, _ue) in _UNITS.items():
        LAND_LABELS[f"{_stem}_{_unit}"] = (f"{_zh}({_uz})", f"{_en} ({_ue})")


def land_label(column: str, lang: str = "zh") -> str:
    """The label of one column (the column name when it has none)."""
    text = LAND_LABELS.get(column)
    if text is None:
        return column
    return text[0] if lang == "zh" else text[1]


def land_labels(lang: str = "zh") -> dict[str, str]:
    """Every column → its label, for ``exports.tables`` headers."""
    return {column: land_label(column, lang) for column in LAND_LABELS}
