"""Text of the project library page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["PROJECTS_STRINGS"]

PROJECTS_STRINGS: dict[str, tuple[str, str]] = {
    "nav.projects": ("技改项目库", "Retrofit projects"),
    "proj.caption": (
        "规划要求滚动调查技术改造项目、建立市区联动的项目库，对市重点及 5 000 万元以上先进"
        "制造业项目落地、开工、投产全过程跟踪服务（二(一)1）；区财政对省、市技改资金按项目"
        "配套，省、市、区合计不超过企业自身投资的 50%，一事一议（三(一)）。",
        "The plan asks for a rolling survey of technical retrofits and a city–district project "
        "library, following every key project (市重点, or ≥ 5 000 万元 advanced manufacturing) "
        "from 落地 through 开工 to 投产 (II.1.1); the district matches provincial and city "
        "subsidies case by case, province + city + district at most 50 % of the firm's own "
        "investment (III.1).",
    ),
    "proj.none": (
        "工作库中还没有技改项目；可在下方导入各镇街的项目表。",
        "The workspace holds no project yet; import the towns' project tables below.",
    ),
    "proj.year": ("项目年度", "Library year"),
    "proj.as_of": ("跟踪日期", "Follow-up as of"),
    "proj.count": ("项目数", "Projects"),
    "proj.key": ("重点项目", "Key projects"),
    "proj.late": ("逾期重点项目", "Late key projects"),
    "proj.remaining": ("区配套剩余预算（万元）", "District budget left (万元)"),
    "proj.budget": ("区配套资金：各镇街申请、核准与拨付", "District matching by town"),
    "proj.budget_caption": (
        "{year} 年区配套预算 {budget:,.0f} 万元（设置项“区配套年度预算”，为假设值），已核准 "
        "{approved:,.0f} 万元，剩余 {remaining:,.0f} 万元；已拨付 = 已投产项目的核准额。",
        "The district's matching budget for {year} is {budget:,.0f} 万元 (a setting; an "
        "assumption), {approved:,.0f} approved, {remaining:,.0f} left; paid = approved amounts "
        "of projects in production.",
    ),
    "proj.chart_title": ("各镇街区配套（万元）", "District matching by town (万元)"),
    "proj.series": ("类别", "Kind"),
    "proj.list": ("项目清单", "Projects"),
    "proj.filter_town": ("镇街", "Towns"),
    "proj.filter_town_placeholder": ("全部镇街", "Every town"),
    "proj.late_title": ("逾期重点项目（全过程跟踪）", "Late key projects (follow-up)"),
    "proj.late_none": ("没有逾期的重点项目。", "No key project is late."),
    "proj.download": ("下载项目清单（Excel）", "Download the projects (Excel)"),
    "proj.approve": ("核准区配套", "Approve district matching"),
    "proj.approve_project": ("项目", "Project"),
    "proj.approve_placeholder": (
        "选择申请了区配套的项目",
        "Choose a project that asked for matching",
    ),
    "proj.approve_rule": (
        "上限 = 50% × 总投资 {total:,.1f} − 省级 {province:,.1f} − 市级 {city:,.1f} = "
        "**{cap:,.1f} 万元**；申请 {requested:,.1f} 万元，已核准 {approved:,.1f} 万元；"
        "本年度剩余预算 {remaining:,.1f} 万元。",
        "Cap = 50 % × total {total:,.1f} − province {province:,.1f} − city {city:,.1f} = "
        "**{cap:,.1f} 万元**; requested {requested:,.1f}, approved {approved:,.1f}; "
        "budget left this year {remaining:,.1f}.",
    ),
    "proj.approve_zero": (
        "省、市补助已达总投资的 50%，区里不能再配套。",
        "Province and city already reach 50 % of the investment: the district may add nothing.",
    ),
    "proj.amount": ("核准金额（万元）", "Amount approved (万元)"),
    "proj.date": ("日期", "Date"),
    "proj.approve_button": ("核准", "Approve"),
    "proj.approved": (
        "已核准 {project} 区配套 {amount:,.1f} 万元。",
        "Approved {amount:,.1f} 万元 for {project}.",
    ),
    "proj.role_cannot": ("您的角色不能核准区配套。", "Your role may not approve matching."),
    "proj.stage": ("更新项目阶段", "Update a project's stage"),
    "proj.stage_new": ("新阶段", "New stage"),
    "proj.stage_button": ("保存阶段", "Save the stage"),
    "proj.stage_saved": ("{project} 已更新为“{stage}”。", "{project} is now at {stage}."),
    "proj.history": ("阶段记录", "Stage history"),
    "proj.history_none": ("该项目还没有阶段记录。", "No stage change recorded for this project."),
    "proj.card_title": ("技改项目（{n} 个）", "Retrofit projects ({n})"),
    "proj.card_none": (
        "园区企业没有入库的技改项目。",
        "No project of the park's firms in the library.",
    ),
    "proj.card_line": (
        "{id} {name}：{stage}（{state}），{wan:,.0f} 万元",
        "{id} {name}: {stage} ({state}), {wan:,.0f} 万元",
    ),
    "proj.card_more": (
        "另有 {n} 个，见“技改项目库”页。",
        "{n} more on the Retrofit projects page.",
    ),
    "proj.import": ("导入项目表", "Import a project table"),
    "proj.import_help": (
        "Excel 或 CSV，中文表头（项目编号、统一社会信用代码、项目名称、项目类型、"
        "总投资（万元）……），一次列出全部问题，确认后整体写入并可撤销。",
        "Excel or CSV with Chinese headers (项目编号, 统一社会信用代码, 项目名称, 项目类型, "
        "总投资（万元）…); every problem is listed at once; stored in one write after you "
        "confirm, and can be undone.",
    ),
    "proj.file": ("项目表文件", "Project table"),
    "proj.checking": ("正在检查 {name}……", "Checking {name}…"),
    "proj.preview": (
        "{name}：{rows} 行，新增 {new} 个、变更 {changed} 个、删除 {removed} 个项目。",
        "{name}: {rows} rows, {new} new, {changed} changed, {removed} removed projects.",
    ),
    "proj.confirm": ("确认导入", "Confirm the import"),
    "proj.imported": (
        "已导入 {rows} 行（导入记录第 {entry} 条）。",
        "Imported {rows} rows (history entry {entry}).",
    ),
}
