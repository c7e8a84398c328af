"""Text of the briefing PDF as ``key: (中文, English)`` (plain Python: exports never import the UI).

:data:`REFERENCES` are DOMAIN.md §7's reference values, each with its source, shown beside the
parks' own figures.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MEASURES", "REFERENCES", "TEXT", "Reference", "text"]

TEXT: dict[str, tuple[str, str]] = {
    "title": ("循环化改造园区决策简报", "Circular-retrofit parks: decision briefing"),
    "subtitle": (
        "番禺区工业转型升级攻坚战三年行动（番府〔2015〕84号）二(五)1",
        "Panyu industrial upgrading plan (番府〔2015〕84号), clause II.5.1",
    ),
    "scenario": ("方案", "Scenario"),
    "no_scenario": ("（未保存方案：按园区编号导出）", "(no saved scenario: parks given by id)"),
    "parks": ("选定园区", "Chosen parks"),
    "col.no": ("序", "#"),
    "col.park": ("园区", "Park"),
    "col.town": ("镇街", "Town"),
    "col.area_ha": ("面积(公顷)", "Area (ha)"),
    "col.firms": ("企业数", "Firms"),
    "col.employees": ("从业人员", "Employees"),
    "col.output": ("总产值(万元)", "Output (10k yuan)"),
    "col.sanjiu": ("三旧占比", "三旧 share"),
    "col.parcels": ("三旧地块", "三旧 parcels"),
    "map.overview": (
        "区位：番禺区、镇街（近似边界）与选定园区",
        "Location: Panyu, towns (approximate), chosen parks",
    ),
    "map.north": ("北", "N"),
    "map.parcels": ("园区与三旧地块", "park and 三旧 parcels"),
    "map.legend": (
        "三旧类型：橙 旧城镇 · 紫 旧厂房 · 绿 旧村庄；灰色为其他园区",
        "三旧 type: orange 旧城镇 (old town) · purple 旧厂房 (old factory) · green 旧村庄 "
        "(old village); grey: other parks",
    ),
    "scores": ("六项措施得分（0–1）与排名", "Six measure scores (0–1) and rank"),
    "scores.missing": (
        "未提供循环化改造评分：本简报不含六项措施得分、综合得分与排名（按已保存方案导出时自动加入）。",
        "No retrofit scores were provided: this briefing has no measure scores, overall score "
        "or rank (they are added when a saved scenario is exported).",
    ),
    "indicators": ("园区指标与参考值（DOMAIN §7）", "Park indicators and reference values"),
    "indicators.note": (
        "指标按园区内企业（{year}年调查）汇总：税收/用地亩数、增加值/从业人员、综合能耗/增加值、"
        "建筑面积/用地面积。“—”为无数据。",
        "Summed over the park's firms (survey {year}): tax / land mu, value added / employees, "
        "energy / value added, floor area / land area. “—”: no data.",
    ),
    "col.indicator": ("指标", "Indicator"),
    "col.reference": ("参考值", "Reference"),
    "col.source": ("来源", "Source"),
    "rank": ("排序可接受度（SMAA-2）", "Rank acceptability (SMAA-2)"),
    "rank.missing": (
        "未提供稳健性分析结果（各名次概率）：无法绘制排序可接受度图。",
        "No robustness results (rank probabilities) were provided: no rank-acceptability chart.",
    ),
    "rank.axis": ("概率", "Probability"),
    "rank.label": ("第{k}名", "rank {k}"),
    "params": ("评价方法、门槛与权重", "Method, gate and weights"),
    "params.missing": (
        "未保存方案，无评价参数记录。",
        "No saved scenario, so no scoring parameters are on record.",
    ),
    "col.parameter": ("参数", "Parameter"),
    "col.value": ("取值", "Value"),
    "totals": ("涉及三旧地块汇总", "三旧 parcels involved"),
    "totals.by_type": ("按三旧类型", "By 三旧 type"),
    "totals.by_mode": ("按改造方式", "By redevelopment mode"),
    "col.group": ("类别", "Group"),
    "col.count": ("地块数", "Parcels"),
    "col.mu": ("面积(亩)", "Area (mu)"),
    "col.ha": ("面积(公顷)", "Area (ha)"),
    "col.overlap_ha": ("与园区重叠(公顷)", "In parks (ha)"),
    "total": ("合计", "Total"),
    "totals.note": (
        "面积按 CGCS2000 / 3度带（EPSG:4547）计算；1 公顷 = 15 亩。"
        "地块清单坐标为 EPSG:4526（第38带）。",
        "Areas in CGCS2000 / 3-degree GK (EPSG:4547); 1 ha = 15 mu. Parcel-list coordinates "
        "are EPSG:4526 (zone 38).",
    ),
    "footer": (
        "方案：{scenario} · 数据版本：{version} · 生成：{time} · 第{page}/{pages}页\n"
        "地块清单 SHA-256：{checksum}",
        "Scenario: {scenario} · data version: {version} · made: {time} · page {page}/{pages}\n"
        "Parcel list SHA-256: {checksum}",
    ),
    "sample_note": (
        "注：示例数据为模拟生成，仅区界为真实数据；镇街边界为近似。",
        "Note: sample data are simulated; only the district outline is real; towns approximate.",
    ),
}

MEASURES: dict[str, tuple[str, str]] = {
    "m_heat": ("集中供热", "Heating"),
    "m_treatment": ("集中治污", "Treatment"),
    "m_water": ("中水回用", "Water reuse"),
    "m_recycling": ("循环利用", "Recycling"),
    "m_pv": ("分布式光伏", "Rooftop PV"),
    "m_chain": ("产业补链", "Chain"),
    "score": ("综合得分", "Score"),
    "rank": ("排名", "Rank"),
    "p_top3": ("前三概率", "P(top 3)"),
}


@dataclass(frozen=True)
class Reference:
    """A reference value of DOMAIN.md §7 and where it comes from."""

    key: str
    label_zh: str
    label_en: str
    unit: str
    value: str
    source: str


REFERENCES: tuple[Reference, ...] = (
    Reference(
        "tax_per_mu", "亩均税收", "Tax per mu", "万元/亩", "≈ 64", "广东开发区 2019 (966 万元/公顷)"
    ),
    Reference("plot_ratio", "容积率", "Plot ratio", "–", "1.12", "广东开发区 2019"),
    Reference(
        "labour_productivity", "全员劳动生产率", "Value added per worker", "万元/人", "≥ 15",
        "HJ 274-2015",
    ),
    Reference(
        "energy_per_va", "单位增加值能耗", "Energy per value added", "tce/万元", "≤ 0.35",
        "低碳园区参考",
    ),
    Reference("waste_reuse", "固废综合利用率", "Solid-waste reuse", "%", "≥ 70", "HJ 274-2015"),
    Reference("water_reuse", "水重复利用率", "Water reuse", "%", "≥ 85", "低碳园区参考"),
)  # fmt: skip


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The briefing string ``key`` in ``lang`` (``zh`` or ``en``), formatted with ``values``."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)
