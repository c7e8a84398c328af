"""Labels of the screen's columns, Chinese first: export headers and the page's table.

The contract columns (:data:`scoring.screen.run.SCREEN_COLUMNS`) and the extra ones the page
filters by. Units are in the label where a column is not in 万元.
"""

from __future__ import annotations

__all__ = ["SCREEN_LABELS", "screen_label", "screen_labels"]

SCREEN_LABELS: dict[str, tuple[str, str]] = {
    "uscc": ("统一社会信用代码", "USCC"),
    "name": ("企业名称", "Name"),
    "labour_productivity": ("全员劳动生产率（万元/人）", "Labour productivity (10k yuan/person)"),
    "tax_per_mu": ("亩均税收（万元/亩）", "Tax per mu (10k yuan/mu)"),
    "va_per_mu": ("亩均增加值（万元/亩）", "Value added per mu (10k yuan/mu)"),
    "va_rate": ("增加值率", "Value-added rate"),
    "plot_ratio": ("容积率", "Plot ratio"),
    "energy_tce": ("综合能耗（tce）", "Energy (tce)"),
    "energy_per_va": ("单位增加值能耗（tce/万元）", "Energy per value added (tce/10k yuan)"),
    "emission_per_va": ("单位增加值排放（t/万元）", "Emissions per value added (t/10k yuan)"),
    "flag_labour": ("用工过多", "Too many workers"),
    "flag_land": ("占地过大", "Too much land"),
    "flag_low_va": ("附加值过低", "Too little value added"),
    "flag_energy": ("耗能过高", "Too much energy"),
    "flag_pollution": ("排污过量", "Too much pollution"),
    "flag_count": ("标记数", "Flags"),
    "phase_out": ("淘汰/搬迁候选", "Phase-out candidate"),
    "grade": ("亩均效益分级", "Grade"),
    "score": ("亩均效益得分", "Score"),
    "surcharge_yuan": ("差别价格加价（元/年）", "Surcharge (yuan/yr)"),
    "reasons": ("原因", "Reasons"),
    "record_id": ("记录编号", "Record id"),
    "survey_year": ("调查年度", "Survey year"),
    "industry_code": ("行业代码", "Industry code"),
    "division": ("行业大类", "Division"),
    "town": ("所在镇街", "Town"),
    "park_id": ("所属园区", "Park"),
    "above_scale": ("规模以上", "Above scale"),
    "employees": ("从业人员", "Employees"),
    "land_mu": ("用地（亩）", "Land (mu)"),
    "tax": ("税收（万元）", "Tax (10k yuan)"),
    "value_added": ("工业增加值（万元）", "Value added (10k yuan)"),
    "emissions_t": ("排放量（t）", "Emissions (t)"),
    "grade_group": ("分级组", "Grade group"),
    "grade_missing": ("评分缺项", "Grade terms missing"),
    "d_year": ("连续D类第几年", "Year in class D"),
    "d_year_source": ("连续D类年数来源", "Years in D from"),
    "surcharge_electricity_yuan": ("电价加价（元）", "Electricity surcharge (yuan)"),
    "surcharge_gas_yuan": ("气价加价（元）", "Gas surcharge (yuan)"),
    "surcharge_water_yuan": ("水价加价（元）", "Water surcharge (yuan)"),
}


def screen_label(column: str, lang: str = "zh") -> str:
    """The label of one column (the column name when it has none)."""
    text = SCREEN_LABELS.get(column)
    if text is None:
        return column
    return text[0] if lang == "zh" else text[1]


def screen_labels(lang: str = "zh") -> dict[str, str]:
    """Every column → its label, for ``exports.tables`` headers."""
    return {column: screen_label(column, lang) for column in SCREEN_LABELS}
