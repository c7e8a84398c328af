"""Text of the screen page (``key: (中文, English)``), registered in ``ui/i18n.py``."""

from __future__ import annotations

__all__ = ["SCREEN_STRINGS"]

SCREEN_STRINGS: dict[str, tuple[str, str]] = {
    "screen.caption": (
        "按 DOMAIN §2 的文档化方案逐企业判定“五过”、亩均效益分级与差别价格加价；每项标记给出数值、"
        "阈值与比较组。“五过”无官方量化定义，阈值均可调整。",
        "Per-firm five-excess flags, 亩均效益 grades and differentiated-price surcharges "
        "(DOMAIN §2); every flag states its value, threshold and comparison group. No official "
        "quantitative definition of the five excesses exists: every threshold is a setting.",
    ),
    "screen.year": ("调查年度", "Survey year"),
    "screen.basis": ("能耗口径：{basis}", "Energy basis: {basis}"),
    "screen.settings": ("筛查阈值", "Thresholds"),
    "screen.mode": ("方式", "Mode"),
    "screen.mode.relative": ("相对（× 行业中位数）", "Relative (× division median)"),
    "screen.mode.absolute": ("绝对阈值", "Absolute threshold"),
    "screen.factor": ("倍数", "Factor"),
    "screen.threshold": ("阈值（{unit}）", "Threshold ({unit})"),
    "screen.flagged": ("标记企业", "Flagged firms"),
    "screen.min_flags": ("≥ 几项列为淘汰/搬迁候选", "Flags for a phase-out candidate"),
    "screen.group_min_size": (
        "行业企业数少于此值时与全区比较",
        "Divisions smaller than this compare with the district",
    ),
    "screen.firms": ("企业", "Firms"),
    "screen.candidates": ("淘汰/搬迁候选", "Phase-out candidates"),
    "screen.candidates_share": ("占 {share:.1%}", "{share:.1%} of firms"),
    "screen.land_freed": ("候选企业用地", "Candidates' land"),
    "screen.flag_counts": ("按标记数的企业数", "Firms by number of flags"),
    "screen.flag_count_axis": ("标记数", "Flags"),
    "screen.firm_count_axis": ("企业数", "Firms"),
    "screen.distribution": ("指标分布与阈值", "Indicator distributions and thresholds"),
    "screen.division": ("行业（大类）", "Industry (division)"),
    "screen.division_all": ("全部行业", "All divisions"),
    "screen.chart_threshold": ("阈值 {value}", "threshold {value}"),
    "screen.chart_district": (
        "全部行业：竖线为全区中位数的参考阈值；各行业按本行业中位数比较，选择行业查看其阈值。",
        "All divisions: the line is the district-median reference; each division compares with "
        "its own median — choose a division to see its threshold.",
    ),
    "screen.chart_caption": (
        "{label}：阈值 {value}（{group}）",
        "{label}: threshold {value} ({group})",
    ),
    "screen.chart_clip": ("（横轴截至第 99 百分位）", "(x axis cut at the 99th percentile)"),
    "screen.table": ("筛查结果", "Screen results"),
    "screen.f_town": ("镇街", "Town"),
    "screen.f_park": ("园区", "Park"),
    "screen.f_industry": ("行业", "Industry"),
    "screen.f_grade": ("分级", "Grade"),
    "screen.f_min_flags": ("标记数 ≥", "Flags ≥"),
    "screen.f_all": ("全部", "All"),
    "screen.shown": ("显示 {n:,} / {total:,} 家", "{n:,} of {total:,} firms shown"),
    "screen.grades": ("亩均效益分级", "亩均效益 grades"),
    "screen.grades_help": (
        "规上、规下分组排名：A 前 20%，B 至 60%，C 至 95%，D 末 5%；"
        "成立不足 2 年与公用事业为 T（不参评）。",
        "Ranked within above- and below-scale firms: A top 20 %, B to 60 %, C to 95 %, D the "
        "bottom 5 %; firms under 2 years old and utilities are T (not graded).",
    ),
    "screen.surcharge": ("差别价格加价（D 类企业，元/年）", "D-class surcharges (yuan/yr)"),
    "screen.surcharge_total": ("合计", "Total"),
    "screen.surcharge_electricity": ("电价", "Electricity"),
    "screen.surcharge_gas": ("气价", "Gas"),
    "screen.surcharge_water": ("水价", "Water"),
    "screen.surcharge_years": (
        "D 类企业 {n} 家：连续第 1 年 {y1} 家，第 2 年 {y2} 家，第 3 年及以上 {y3} 家。"
        "连续年数按调查历史（同一统一社会信用代码的往年分级）计，首次调查之前的年数取填报值"
        "（表中“连续D类年数来源”）。",
        "{n} D-class firms: {y1} in their 1st year, {y2} in their 2nd, {y3} in their 3rd or "
        "later. Consecutive years come from the survey history (the same USCC's grades in "
        "earlier years); years before a firm's first survey from the typed field (see the "
        "table's source column).",
    ),
    "screen.what_if": ("淘汰候选后的镇街亩均效益（假设）", "Towns after the phase-out (what-if)"),
    "screen.download": ("下载", "Download"),
    "screen.only_candidates": ("仅淘汰/搬迁候选", "Phase-out candidates only"),
    "screen.download_csv": ("下载 CSV", "Download CSV"),
    "screen.download_xlsx": ("下载 Excel", "Download Excel"),
    "screen.config": ("配置文件", "Settings file"),
    "screen.upload": ("上传配置（TOML）", "Upload settings (TOML)"),
    "screen.upload_ok": ("已载入 {name}", "Loaded {name}"),
    "screen.diff": ("与默认值的差异", "Difference from the defaults"),
    "screen.diff_none": ("与默认值相同。", "Same as the defaults."),
    "screen.diff_key": ("配置项", "Key"),
    "screen.diff_default": ("默认值", "Default"),
    "screen.diff_value": ("当前值", "Current"),
    "screen.download_config": ("下载当前配置", "Download these settings"),
    "screen.reset": ("恢复默认", "Reset to defaults"),
    "screen.map": ("在地图上查看", "Show on map"),
    "screen.map_colour": ("企业着色", "Colour firms by"),
    "screen.colour.flags": ("标记数", "Number of flags"),
    "screen.colour.grade": ("亩均效益分级", "Grade"),
    "screen.map_help": (
        "打开地图：企业按所选方式着色，沿用本页的镇街与行业筛选。",
        "Opens the map with firms coloured as chosen and this page's town and industry filters.",
    ),
    "screen.card_title": ("“五过”筛查（{year}年）", "Five-excess screen ({year})"),
    "screen.card_grades": ("分级", "Grades"),
    "screen.card_candidates": (
        "淘汰/搬迁候选 {n} 家（{share:.0%}）",
        "{n} phase-out candidates ({share:.0%})",
    ),
    "screen.card_none": ("园区内无企业。", "No firms in this park."),
}
