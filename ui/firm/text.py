"""Text of the firm profile page and its search box (``key: (中文, English)``), registered in
``ui/i18n.py``."""

from __future__ import annotations

__all__ = ["FIRM_STRINGS"]

FIRM_STRINGS: dict[str, tuple[str, str]] = {
    "nav.firm": ("企业档案", "Firm profile"),
    "firm.caption": (
        "一企一档：一家企业在工作库每个调查年度的指标、“五过”标记及原因、亩均效益分级、差别价格、"
        "技改与机器换人、清洁生产审核、用地需求、所在园区与镇街（按位置判定）和技改项目。"
        "筛查阈值为当前设置（“五过”企业筛查页）。",
        "One firm over every survey year of the workspace: indicators, five-excess flags with "
        "their reasons, grade, surcharge, retrofit and robots, clean-production audit, land "
        "demand, park and town (from its location) and its retrofit projects. The screen uses "
        "the thresholds in force (five-excess screen page).",
    ),
    "firm.search": ("查找企业", "Find a firm"),
    "firm.search_placeholder": ("企业名称或统一社会信用代码", "Name or USCC"),
    "firm.search_none": ("未找到“{query}”", "No firm matches “{query}”"),
    "firm.search_more": ("仅列出前 {n} 家，请输入更多字", "First {n} only: type more"),
    "firm.start": (
        "在上方或左侧输入企业名称（部分即可）或统一社会信用代码，打开该企业的档案。",
        "Type a firm's name (or part of it) or its USCC above or in the sidebar to open its "
        "profile.",
    ),
    "firm.unknown": (
        "工作库中没有统一社会信用代码为 {uscc} 的企业。",
        "No surveyed firm has the USCC {uscc}.",
    ),
    "firm.near": ("相近的代码：", "Near matches:"),
    "firm.uscc": ("统一社会信用代码：{uscc}", "USCC: {uscc}"),
    "firm.years": ("调查年度", "Survey years"),
    "firm.years_value": ("{n} / {total} 年", "{n} of {total}"),
    "firm.latest_grade": ("最新分级（{year}年）", "Latest grade ({year})"),
    "firm.town": ("所在镇街", "Town"),
    "firm.park": ("所属园区", "Park"),
    "firm.outside": ("园区外", "Outside parks"),
    "firm.charts": ("指标历年变化", "Indicators across the years"),
    "firm.no_projects": ("没有技改项目", "No retrofit projects"),
    "firm.not_surveyed": ("未调查的年度：{years}", "Years not surveyed: {years}"),
    "firm.download": ("下载企业档案（Excel）", "Download the profile (Excel)"),
    "firm.open": ("打开企业档案", "Open the firm's profile"),
    "firm.open_named": ("企业档案：{name}", "Profile: {name}"),
    "firm.card_title": ("园区企业档案", "Profiles of the park's firms"),
    "firm.card_pick": ("园区内企业", "Firm in the park"),
    "firm.table_pick": ("选中表中一行即可打开该企业档案", "Select a row to open its profile"),
    "firm.popup_link": ("企业档案", "Firm profile"),
    "firm.chart_year": ("调查年度", "Survey year"),
    "firm.yes": ("是", "yes"),
    "firm.no": ("否", "no"),
}
