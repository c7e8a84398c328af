"""Text of the targets page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["TARGETS_STRINGS"]

TARGETS_STRINGS: dict[str, tuple[str, str]] = {
    "targets.caption": (
        "番府〔2015〕84号将区年度目标分解到 16 个镇街（一(三)、四(一)），以年度企业调查计算完成"
        "情况，对完成较好的镇街通报表扬，对未完成且排名靠后的镇街约谈（四(三)）。",
        "The plan (番府〔2015〕84号) splits the district's yearly targets across the 16 towns "
        "(I.3, IV.1), measures them from the yearly survey, praises the towns that meet them and "
        "calls in the leaders of those that lag (IV.3).",
    ),
    "targets.year": ("目标年度", "Target year"),
    "targets.method": ("默认分解方法与区目标", "How the default split is made"),
    "targets.method_text": (
        "规划附件中的镇街分解表未公开，本工具提供可编辑的默认分解：\n\n"
        "- **工业基础** = 各镇街规模以上工业企业工业总产值占全区的比重（{base} 年调查数据）；\n"
        "- 工业投资、技改投资按工业基础比例分配（精确到 {unit} 亿元），完成技改与机器换人企业"
        "数按同一比例分配为整数（最大余数法，各镇街之和恰等于区目标）；\n"
        "- {y1}–{y2} 年：工业投资增长 8%、7%，技改投资增长 22%、20%（一(二)）；企业家数按技改"
        "投资增速增长（假设：规划只给出 2015 年家数，技改投资为其资金来源）；研发机构比例保持 "
        "13%（假设：规划只给出 2015 年目标）；\n"
        "- 清洁生产审核：各镇街由 {start} 年（基年前一年）实际比例线性提高到 {y2} 年的 100%"
        "（二(五)2），因此 {base} 年目标不等于其当年实际；\n"
        "- 综合完成率 = 各项完成率（每项封顶 {cap:.0f}%）的平均值；目标为 0 的指标不参评。",
        "The plan's attachment with the per-town split is not public; this is an editable "
        "default:\n\n"
        "- **Industrial base** = each town's share of the gross output of above-scale firms "
        "({base} survey);\n"
        "- investment and retrofit investment are shared by it (to {unit} 100 M yuan); the "
        "counts of retrofit and 机器换人 firms likewise, in whole firms (largest remainder: the "
        "towns add up to the district figure exactly);\n"
        "- {y1}–{y2}: investment +8 %, +7 %; retrofit investment +22 %, +20 % (I.2); firm counts "
        "grow with retrofit investment (assumption: the plan gives 2015 counts only and retrofit "
        "investment funds them); the R&D share stays at 13 % (assumption: set for 2015 only);\n"
        "- clean-production audits: each town from its {start} actual share (the year before the "
        "base year) linearly to 100 % in {y2} (II.5.2), so the {base} target is not its own "
        "actual;\n"
        "- overall completion = mean of the indicator completions, each capped at {cap:.0f} %; "
        "an indicator with a zero target is not evaluated.",
    ),
    "targets.base": ("工业基础（%）", "Industrial base (%)"),
    "targets.district": ("区目标", "District figures"),
    "targets.editor": ("镇街目标（可编辑）", "Town targets (editable)"),
    "targets.editor_help": (
        "直接修改单元格；下方完成情况即时预览，保存后记录操作人与时间。",
        "Edit the cells; completion below is previewed at once; saving records who and when.",
    ),
    "targets.default_note": (
        "当前为默认分解（尚未保存任何修改）。",
        "This is the default split (no edit saved yet).",
    ),
    "targets.stored_note": (
        "已保存的分解；最近修改：{who}，{when}。",
        "Saved split; last edit by {who} at {when}.",
    ),
    "targets.unsaved": (
        "有未保存的修改，下表为预览。",
        "Unsaved edits: the tables below preview them.",
    ),
    "targets.user": ("操作人", "Edited by"),
    "targets.save": ("保存修改", "Save edits"),
    "targets.reset": ("恢复默认分解", "Restore the default split"),
    "targets.saved": ("已保存 {n} 处修改。", "Saved {n} change(s)."),
    "targets.sum_warning": (
        "各镇街目标与区目标不一致：",
        "The towns no longer add up to the district figure:",
    ),
    "targets.no_survey": ("无调查数据", "No survey data"),
    "targets.ranking": ("完成情况与排名（{year} 年）", "Completion and rank ({year})"),
    "targets.behind_note": (
        "红色底纹：综合完成率低于 100% 的镇街（{n} 个）。",
        "Shaded red: towns whose overall completion is below 100 % ({n}).",
    ),
    "targets.tie_note": (
        "并列采用竞争排名（1、1、3……）：综合完成率相同的镇街名次相同，其后的名次顺延。",
        "Ties use competition ranking (1, 1, 3 …): towns with the same overall completion share "
        "a rank and the next rank is skipped.",
    ),
    "targets.town": ("查看镇街", "Town"),
    "targets.yes": ("是", "Yes"),
    "targets.no": ("否", "No"),
    "targets.retrofit_source": ("技改实际值来源", "Retrofit actuals from"),
    "targets.retrofit_survey": ("企业调查", "the survey"),
    "targets.retrofit_projects": (
        "技改项目库（当年投产项目）",
        "the project library (completed that year)",
    ),
    "targets.retrofit_title": (
        "各镇街技改实际值（来源：{source}）",
        "Retrofit actuals by town (from {source})",
    ),
    "targets.retrofit_firms": ("完成技改企业数（家）", "Firms with a completed retrofit"),
    "targets.retrofit_investment": ("技改投资（亿元）", "Retrofit investment (亿元)"),
    "targets.clean": (
        "清洁生产审核（重点行业单列）",
        "Clean-production audits (key industries apart)",
    ),
    "targets.clean_help": (
        "重点行业：建材（C30 非金属矿物制品业）、化工（C26）、石化（C25）、有色金属（C32）。",
        "Key industries: building materials (C30), chemicals (C26), petrochemicals (C25), "
        "non-ferrous metals (C32) (GB/T 4754-2017 divisions).",
    ),
    "targets.chart": ("各镇街逐年目标与实际", "Target and actual by town and year"),
    "targets.chart_indicator": ("指标", "Indicator"),
    "targets.series_target": ("目标", "Target"),
    "targets.series_actual": ("实际", "Actual"),
    "targets.panel": (
        "区级 2017 年目标（调查可测部分）",
        "District goals for 2017 (what the survey can measure)",
    ),
    "targets.no_data": ("暂无数据", "No data"),
    "targets.download": ("下载 Excel 报表", "Download the Excel report"),
    "targets.log": ("修改记录", "Edit log"),
    "col.year": ("年度", "Year"),
    "col.completion": ("综合完成率（%）", "Overall completion (%)"),
    "col.rank": ("排名", "Rank"),
    "col.behind": ("未完成", "Behind"),
    "col.indicators": ("参评指标数", "Indicators evaluated"),
    "col.target": ("目标", "Target"),
    "col.actual": ("实际", "Actual"),
    "col.goal": ("指标", "Goal"),
    "col.unit": ("单位", "Unit"),
    "col.note": ("说明", "Note"),
    "col.clean_all": ("全部规上企业（%）", "All above-scale firms (%)"),
    "col.clean_key": ("重点行业（%）", "Key industries (%)"),
    "col.key_firms": ("重点行业规上企业数", "Key-industry firms"),
    "col.when": ("时间", "When"),
    "col.who": ("操作人", "Who"),
    "col.indicator": ("指标", "Indicator"),
    "col.old": ("原值", "Old"),
    "col.new": ("新值", "New"),
    "col.completion_of": ("{name}完成率（%）", "{name} completion (%)"),
}
