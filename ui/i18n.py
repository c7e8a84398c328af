"""Chinese-first UI text with an English switch.

Every visible string of the pages lives here as ``key: (中文, English)``. The language is kept in
``st.session_state["lang"]`` (a non-widget key, so it survives page switches).
"""

from __future__ import annotations

import streamlit as st

from geo.schema import LAYERS
from ui.data.text import DATA_STRINGS
from ui.evaluation.text import EVALUATION_STRINGS
from ui.firm.text import FIRM_STRINGS
from ui.land.text import LAND_STRINGS
from ui.progress.text import PROGRESS_STRINGS
from ui.projects.text import PROJECTS_STRINGS
from ui.retrofit.text import RETROFIT_STRINGS
from ui.screen.text import SCREEN_STRINGS
from ui.targets.text import TARGETS_STRINGS
from ui.text_auth import AUTH_STRINGS
from ui.text_export import EXPORT_STRINGS
from ui.text_map import MAP_STRINGS

__all__ = ["LANGS", "STRINGS", "lang", "layer_label", "t"]

LANGS = {"zh": "中文", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("ParkPlan · 园区升级规划台", "ParkPlan · Park upgrade planner"),
    "app.subtitle": (
        "番禺区村级工业园升级改造、三旧改造与“五过”企业整治的规划工具（番府〔2015〕84号）",
        "Planning tool for Panyu's village industrial parks, 三旧 redevelopment and "
        "the “five excesses” screen (番府〔2015〕84号)",
    ),
    "nav.home": ("首页", "Home"),
    "nav.map": ("地图", "Map"),
    "nav.retrofit": ("循环化改造选园", "Retrofit parks"),
    "nav.screen": ("“五过”企业筛查", "Five-excess screen"),
    "nav.export": ("地块清单导出", "Parcel export"),
    "nav.targets": ("镇街目标", "Town targets"),
    "nav.data": ("数据与导入", "Data & import"),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    "sidebar.workspace": ("工作库", "Workspace"),
    "sidebar.version": ("数据版本", "Data version"),
    "sidebar.sample_note": (
        "示例数据为模拟生成，仅区界为真实数据；镇街边界为近似。",
        "Sample data are simulated; only the district outline is real; town outlines are "
        "approximate.",
    ),
    "home.figures": ("全区概况", "District at a glance"),
    "home.district_area": ("区域面积", "District area"),
    "home.towns": ("镇街", "Towns"),
    "home.parks": ("村级工业园", "Village parks"),
    "home.parks_area": ("园区用地", "Park land"),
    "home.parcels": ("三旧地块", "三旧 parcels"),
    "home.parcels_area": ("三旧用地", "三旧 land"),
    "home.enterprises": ("企业（{year}年）", "Enterprises ({year})"),
    "home.employees": ("从业人员", "Employees"),
    "home.output": ("工业总产值", "Gross output"),
    "home.in_parks": ("园区内企业占比", "Firms inside parks"),
    "home.by_town": ("各镇街企业数（{year}年）", "Firms by town ({year})"),
    "home.by_mode": ("三旧地块改造方式", "三旧 parcels by redevelopment mode"),
    "home.by_industry": (
        "企业行业构成（{year}年，按大类）",
        "Firms by industry ({year}, division)",
    ),
    "home.jobs": ("规划任务", "What the plan asks"),
    "home.jobs_text": (
        "- 村级工业园升级改造，借助三旧改造释放用地（二(二)4）\n"
        "- 选取 **3 个园区** 开展循环化改造：集中供热、集中治污、中水回用、循环利用、"
        "分布式光伏、产业补链（二(五)1）\n"
        "- 淘汰“五过”企业：用工过多、占地过大、附加值过低、耗能过高、排污过量（二(五)4）\n"
        "- 每年开展企业调查，按目标对镇街排名督办（四）",
        "- Upgrade village industrial parks and free land through 三旧 redevelopment (II.2.4)\n"
        "- Pick **3 parks** for circular retrofit: central heating, central treatment, water "
        "reuse, recycling, rooftop PV, industry-chain completion (II.5.1)\n"
        "- Phase out “five excess” firms: too many workers, too much land, too little value "
        "added, too much energy, too much pollution (II.5.4)\n"
        "- Survey enterprises yearly and rank towns against their targets (IV)",
    ),
    "unit.km2": ("平方公里", "km²"),
    "unit.ha": ("公顷", "ha"),
    "unit.mu": ("亩", "mu"),
    "unit.yi": ("亿元", "100 M yuan"),
    "unit.people": ("人", "people"),
    "unit.count": ("个", ""),
    "col.town": ("镇街", "Town"),
    "chart.park": ("园区", "Park"),
    "chart.rank": ("名次", "Rank"),
    "chart.probability": ("概率", "Probability"),
    "chart.measure": ("措施", "Measure"),
    "chart.score": ("得分", "Score"),
    "chart.value": ("数值", "Value"),
    "chart.series": ("系列", "Series"),
    "chart.ring": ("刻度", "Grid ring"),
    "chart.order": ("顺序", "Order"),
    "col.parks": ("园区数", "Parks"),
    "col.firms": ("企业数", "Firms"),
    "col.mode": ("改造方式", "Mode"),
    "col.parcels": ("地块数", "Parcels"),
    "col.area_ha": ("面积（公顷）", "Area (ha)"),
    "col.industry": ("行业", "Industry"),
    "coming.title": ("即将上线", "Coming soon"),
    "coming.map": (
        "园区、三旧地块与企业一张图：图层开关与图例、园区卡片、搜索定位、最多 4 个园区并排比较；"
        "离线可用（脚本与样式由本应用提供）。",
        "Parks, 三旧 parcels and enterprises on one offline-first map: layer switches and "
        "legends, park cards, search, side-by-side comparison of up to 4 parks.",
    ),
    "coming.retrofit": (
        "按六项循环化改造措施为园区打分：准入门槛、权重（滑块、AHP、熵权）、加权和与 TOPSIS、"
        "稳健性（入选前三的概率）、选定 3 个园区并保存方案。",
        "Score parks on the six circular-retrofit measures: eligibility gate, weights (sliders, "
        "AHP, entropy), weighted sum and TOPSIS, robustness (probability of a top-3 place), pick "
        "three and save the scenario.",
    ),
    "coming.screen": (
        "逐企业计算“五过”标志及理由、亩均效益 A/B/C/D 分级、差别化电价气价测算与可腾退用地。",
        "Per-firm five-excess flags with reasons, 亩均效益 grades A/B/C/D, differentiated-price "
        "surcharges and the land that would be freed.",
    ),
    "coming.export": (
        "按园区导出三旧地块清单：GeoPackage、Shapefile（UTF-8/GBK）、Excel、带 BOM 的 CSV、"
        "界址点坐标 TXT（CGCS2000 3 度带 38 带）。",
        "Parcel lists per park for the land bureau: GeoPackage, Shapefile (UTF-8/GBK), Excel, CSV "
        "with BOM, 界址点 TXT (CGCS2000 3-degree zone 38).",
    ),
    "coming.targets": (
        "各镇街目标分解（可编辑）、依据调查数据计算完成情况、排名与落后镇街提示。",
        "Editable per-town targets, completion from survey data, ranking and towns behind target.",
    ),
    "data.title": ("数据与导入", "Data & import"),
    "data.layers": ("工作库图层", "Workspace layers"),
    "data.layer": ("图层", "Layer"),
    "data.count": ("要素数", "Features"),
    "data.layer_code": ("图层名（文件与命令行）", "Layer name (files and CLI)"),
    "data.contract": ("数据规范（字段）", "Data contract (fields)"),
    "data.check": ("检查文件（不写入工作库）", "Check a file (nothing is stored)"),
    "data.check_help": (
        "上传 CSV、Excel、GeoPackage 或 GeoJSON，按数据规范检查并一次列出全部问题。",
        "Upload a CSV, Excel, GeoPackage or GeoJSON file; it is checked against the contract and "
        "every problem is listed at once.",
    ),
    "data.coords": ("经纬度坐标系", "Coordinate system of lon/lat"),
    "data.ok": ("{name}：{n} 行全部通过检查。", "{name}: all {n} rows pass."),
    "data.survey_years": ("调查年度", "Survey years"),
    "field.name": ("字段", "Field"),
    "field.label": ("名称", "Label"),
    "field.kind": ("类型", "Type"),
    "field.unit": ("单位", "Unit"),
    "field.required": ("必填", "Required"),
    "kind.text": ("文本", "Text"),
    "kind.int": ("整数", "Integer"),
    "kind.float": ("数值", "Number"),
    "kind.bool": ("是/否", "Yes/no"),
    "kind.uscc": ("统一社会信用代码", "USCC"),
    "kind.industry_code": ("国民经济行业代码", "GB/T 4754 industry code"),
    "kind.choice": ("选项", "One of"),
    "error.title": ("输入有误，未写入任何数据：", "The input has problems; nothing was stored:"),
    "error.unexpected": (
        "意外失败（{kind}: {first}），未写入任何数据；详情已记录在 {log}。",
        "An unexpected failure ({kind}: {first}); nothing was stored. Details are in {log}.",
    ),
    "error.file": ("文件", "File"),
    "error.row": ("行", "Row"),
    "error.field": ("字段", "Field"),
    "error.value": ("值", "Value"),
    "error.allowed": ("要求", "What is allowed"),
    "error.count": ("问题数", "Problems"),
    "error.first_rows": ("前几行", "First rows"),
    "error.summary": (
        "问题较多，先按字段与规则汇总；下方列出前若干条，完整清单请下载。",
        "Many problems: counted by field and rule first; the first ones are listed below, "
        "download the full list.",
    ),
}

STRINGS.update(MAP_STRINGS)
STRINGS.update(EXPORT_STRINGS)
STRINGS.update(RETROFIT_STRINGS)
STRINGS.update(TARGETS_STRINGS)
STRINGS.update(DATA_STRINGS)
STRINGS.update(SCREEN_STRINGS)
STRINGS.update(AUTH_STRINGS)
STRINGS.update(LAND_STRINGS)
STRINGS.update(PROJECTS_STRINGS)
STRINGS.update(FIRM_STRINGS)
STRINGS.update(EVALUATION_STRINGS)
STRINGS.update(PROGRESS_STRINGS)


def lang() -> str:
    """The current language code (``zh`` by default)."""
    return str(st.session_state.get("lang", "zh"))


def t(key: str, **kwargs: object) -> str:
    """The text of ``key`` in the current language, formatted with ``kwargs``."""
    zh, en = STRINGS[key]
    text = zh if lang() == "zh" else en
    return text.format(**kwargs) if kwargs else text


def layer_label(name: str) -> str:
    """A layer's name in the current language (``heat_sources`` → 热源 / Heat sources); a name
    outside the data model is shown as it is."""
    if name not in LAYERS:
        return name
    return LAYERS[name].label_zh if lang() == "zh" else LAYERS[name].label_en
