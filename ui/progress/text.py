"""Text of the progress page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["PROGRESS_STRINGS"]

PROGRESS_STRINGS: dict[str, tuple[str, str]] = {
    "nav.progress": ("规划进度", "Plan progress"),
    "progress.caption": (
        "番府〔2015〕84号 2015–2017 年逐年进度：各项目标指标的实际与目标、镇街历年排名与名次变化、"
        "2015 年淘汰/搬迁候选企业的去向与腾出用地、园区循环化改造评分的变化。",
        "The plan's years 2015–2017: each target indicator's actual against its target, the "
        "towns' ranking every year and its change, where the 2015 phase-out candidates went and "
        "the land they freed, and the parks' retrofit scores across years.",
    ),
    "progress.where": ("范围", "Area"),
    "progress.district": ("全区", "District"),
    "progress.indicators": ("目标指标：实际与目标", "Target indicators: actual against target"),
    "progress.indicators_help": (
        "实线为实际，虚线为目标；没有调查数据的年度不画实际值。",
        "Solid: actual; dashed: target. A year without a survey has no actual.",
    ),
    "progress.table": ("逐年目标、实际与完成率", "Target, actual and completion by year"),
    "progress.ranking": ("镇街历年排名", "The towns' ranking by year"),
    "progress.ranking_help": (
        "按综合完成率排名；并列采用竞争排名（1、1、3……），其后的名次顺延。名次变化 = 上年名次 − "
        "本年名次，正数为上升。",
        "Ranked by overall completion; ties use competition ranking (1, 1, 3 …) and the next "
        "rank is skipped. Change = last year's rank − this year's: positive = moved up.",
    ),
    "progress.follow": ("2015 年淘汰/搬迁候选企业跟踪", "The 2015 phase-out candidates followed"),
    "progress.follow_help": (
        "按统一社会信用代码在以后年度的调查中查找：仍为候选、改善（不再是候选）、迁出（换了园区或"
        "镇街）、关停（不再调查）。腾出用地 = 关停与迁出企业 2015 年的用地。",
        "Looked up by USCC in the later surveys: still a candidate, improved, relocated (other "
        "park or town), closed (no longer surveyed). Land freed = the 2015 land of the closed "
        "and relocated firms.",
    ),
    "progress.follow_firms": ("候选企业明细", "The candidates"),
    "progress.parks": ("园区循环化改造评分（历年）", "Parks' retrofit scores by year"),
    "progress.parks_help": (
        "各年度按当年企业数据以同一设置评分；列出任一年进入前 {top} 名的园区。",
        "Each year scored on that year's firms with the same settings; the parks ranked in the "
        "top {top} in any year.",
    ),
    "progress.parks_button": ("计算历年园区评分", "Score the parks of every year"),
    "progress.download": ("下载进度表（Excel）", "Download progress (Excel)"),
    "col.p_town": ("镇街", "Town"),
    "col.p_year": ("年度", "Year"),
    "col.p_indicator": ("指标", "Indicator"),
    "col.p_target": ("目标", "Target"),
    "col.p_actual": ("实际", "Actual"),
    "col.p_completion": ("完成率（%）", "Completion (%)"),
    "col.p_rank": ("排名", "Rank"),
    "col.p_change": ("名次变化", "Rank change"),
    "col.p_value": ("数值", "Value"),
    "col.p_series": ("系列", "Series"),
    "col.p_status": ("状态", "Status"),
    "col.p_firms": ("企业数", "Firms"),
    "col.p_land": ("用地（亩）", "Land (mu)"),
    "col.p_freed": ("腾出用地（亩）", "Land freed (mu)"),
    "col.p_uscc": ("统一社会信用代码", "USCC"),
    "col.p_name": ("企业名称", "Name"),
    "col.p_park": ("所属园区", "Park"),
    "col.p_flags": ("标记数", "Flags"),
    "col.p_score": ("评分", "Score"),
    "progress.series_target": ("目标", "Target"),
    "progress.series_actual": ("实际", "Actual"),
    "progress.year_status": ("{year} 年状态", "Status {year}"),
    "progress.year_rank": ("{year} 年排名", "Rank {year}"),
    "progress.year_change": ("{year} 年名次变化", "Change {year}"),
    "progress.year_completion": ("{year} 年综合完成率（%）", "Overall {year} (%)"),
    "progress.year_score": ("{year} 年评分", "Score {year}"),
    "progress.year_freed": ("截至 {year} 年腾出用地（亩）", "Land freed by {year} (mu)"),
}
