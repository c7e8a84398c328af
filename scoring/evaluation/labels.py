"""The words of the evaluation: cohorts, vetoes, exemptions, rules and the table's columns."""

from __future__ import annotations

__all__ = [
    "COHORT_LABELS",
    "COLUMN_LABELS",
    "EXEMPTION_LABELS",
    "TERM_LABELS",
    "VETO_LABELS",
    "cohort_label",
    "column_label",
    "field_label",
    "rule_text",
    "text",
]

Text = tuple[str, str]

COHORT_LABELS: dict[str, Text] = {
    "above_scale": ("规上企业", "above-scale firms"),
    "below_scale_large": (
        "规下企业（自有用地 ≥ {mu:g} 亩）",
        "below-scale firms, own land ≥ {mu:g} mu",
    ),
    "below_scale_small": (
        "规下企业（自有用地 < {mu:g} 亩）",
        "below-scale firms, own land < {mu:g} mu",
    ),
    "renting": ("租赁厂房企业（无自有工业用地）", "renting firms (no own industrial land)"),
}
VETO_LABELS: dict[str, Text] = {
    "safety_accident": ("重大安全生产事故", "major safety accident"),
    "environmental_penalty": ("环境违法受行政处罚", "environmental violation with a penalty"),
    "illegal_land": ("违法用地", "illegal land use"),
}
EXEMPTION_LABELS: dict[str, Text] = {
    "young": ("成立未满规定年限", "younger than the minimum age"),
    "utility": ("公用事业（电力、燃气、水的生产和供应）", "utility (power, gas, water supply)"),
    "key_retrofit": ("当年完成重点技改项目", "key retrofit project completed this year"),
}
TERM_LABELS: dict[str, Text] = {
    "tax_per_mu": ("亩均税收", "tax per mu"),
    "va_per_mu": ("亩均增加值", "value added per mu"),
    "labour_productivity": ("全员劳动生产率", "labour productivity"),
    "va_rate": ("增加值率", "value-added rate"),
    "plot_ratio": ("容积率", "plot ratio"),
    "energy_per_va": ("单位增加值能耗", "energy per value added"),
    "emission_per_va": ("单位增加值排放", "emissions per value added"),
    "va_per_energy": ("单位能耗增加值", "value added per energy"),
    "va_per_emission": ("单位排放增加值", "value added per emission"),
    "rd_share": ("研发经费占比", "R&D share"),
    "tax_per_kwh": ("单位电耗税收", "tax per kWh"),
    "tax_per_rented_mu": ("租赁厂房亩均税收", "tax per mu of rented floor area"),
}
COLUMN_LABELS: dict[str, Text] = {
    "uscc": ("统一社会信用代码", "USCC"),
    "name": ("企业名称", "firm"),
    "town": ("所在镇街", "town"),
    "cohort": ("评价组别", "cohort"),
    "cohort_label": ("评价组别", "cohort"),
    "score": ("综合得分", "score"),
    "rank": ("组内排名", "rank in cohort"),
    "cohort_n": ("组内参评企业数", "ranked firms in cohort"),
    "grade": ("评价类别", "grade"),
    "rule": ("判定规则", "rule"),
    "rule_text": ("判定依据", "deciding rule"),
    "missing": ("缺项（按基准计）", "missing terms (scored at the benchmark)"),
    "surcharge_electricity_yuan": ("差别电价加价（元）", "electricity surcharge (yuan)"),
    "surcharge_gas_yuan": ("差别气价加价（元）", "gas surcharge (yuan)"),
    "surcharge_water_yuan": ("差别水价加价（元）", "water surcharge (yuan)"),
    "surcharge_yuan": ("加价合计（元）", "surcharges, total (yuan)"),
    **TERM_LABELS,
}


def text(pair: Text, lang: str) -> str:
    """The Chinese or English half of ``pair``."""
    return pair[0] if lang == "zh" else pair[1]


def cohort_label(key: str, lang: str = "zh", *, own_land_min_mu: float = 3.0) -> str:
    """A cohort's name, with the own-land boundary of the settings."""
    return text(COHORT_LABELS[key], lang).format(mu=own_land_min_mu)


def field_label(name: str, lang: str = "zh") -> str:
    """What an objection names, in words: a term, or a survey field of the enterprises layer."""
    if name in TERM_LABELS:
        return text(TERM_LABELS[name], lang)
    from geo.schema import label

    return label("enterprises", name, lang)


def column_label(column: str, lang: str = "zh") -> str:
    """A column's heading (the column itself when it has none)."""
    pair = COLUMN_LABELS.get(column)
    return text(pair, lang) if pair else column


def rule_text(
    rule: str,
    *,
    grade: str,
    lang: str = "zh",
    score: float | None = None,
    rank: int | None = None,
    n: int | None = None,
    detail: str = "",
) -> str:
    """The rule that decided a grade, in words (e.g. ``一票否决：违法用地（文号 X）→ D``)."""
    kind, _, key = rule.partition(":")
    if kind == "veto":
        what = text(VETO_LABELS.get(key, (key, key)), lang)
        extra = f"（{detail}）" if detail and lang == "zh" else (f" ({detail})" if detail else "")
        return f"一票否决：{what}{extra} → D" if lang == "zh" else f"veto: {what}{extra} → D"
    if kind == "exempt":
        what = text(EXEMPTION_LABELS.get(key, (key, key)), lang)
        return f"不参评：{what} → T" if lang == "zh" else f"exempt: {what} → T"
    shown = "" if score is None else f"{score:.1f}"
    if kind == "threshold":
        return (
            f"得分 {shown} 按分数线定为 {grade}"
            if lang == "zh"
            else f"score {shown} by the score thresholds → {grade}"
        )
    place = f"{rank}/{n}" if rank is not None and n else "?"
    return (
        f"得分 {shown}，组内排名 {place}，按比例定为 {grade}"
        if lang == "zh"
        else f"score {shown}, rank {place} in the cohort, by quota → {grade}"
    )
