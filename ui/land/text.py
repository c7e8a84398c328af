"""Text of the land page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["LAND_STRINGS"]

LAND_STRINGS: dict[str, tuple[str, str]] = {
    "nav.land": ("土地利用与连片改造", "Land & renewal areas"),
    "land.caption": (
        "规划要求通过厂房加层、厂区改造、内部土地整理提高土地利用效率（三(二)），对村级工业园"
        "连片规划（二(二)4），并调查企业用地需求（四(二)）。本页给出腾挪用地与用地需求的平衡、"
        "厂房加层潜力和连片改造区。",
        "The plan asks for higher land efficiency through 厂房加层 (adding floors), plant "
        "rebuilding and internal land consolidation (III.2), for contiguous planning of village "
        "parks (II.2.4), and surveys each firm's land demand (IV.2). This page weighs the land "
        "that can be freed against the land firms ask for, the plot-ratio potential and the "
        "contiguous renewal areas.",
    ),
    "land.no_survey": ("工作库中还没有企业调查数据。", "The workspace holds no survey yet."),
    "land.tab_balance": ("用地平衡", "Land balance"),
    "land.tab_potential": ("厂房加层潜力", "Plot-ratio potential"),
    "land.tab_renewal": ("连片改造区", "Renewal areas"),
    "land.ha_mu": ("{ha:,.1f} 公顷 · {mu:,.0f} 亩", "{ha:,.1f} ha · {mu:,.0f} mu"),
    "land.metric_mu": ("{mu:,.0f} 亩", "{mu:,.0f} mu"),
    "land.metric_label": ("{label}（{ha:,.1f} 公顷）", "{label} ({ha:,.1f} ha)"),
    # -- scope
    "land.year": ("调查年度", "Survey year"),
    "land.computing": ("正在测算……", "Computing…"),
    "land.scope": ("测算范围", "Scope"),
    "land.scope_district": ("全区", "The district"),
    "land.scope_scenario": ("已保存方案的园区", "A saved scenario's parks"),
    "land.scope_parks": ("选定园区", "Chosen parks"),
    "land.scenario": ("方案", "Scenario"),
    "land.no_scenarios": (
        "尚未保存方案：请在“循环化改造选园”页保存。",
        "No saved scenario yet: save one on the retrofit page.",
    ),
    "land.parks": ("园区", "Parks"),
    "land.parks_placeholder": ("选择园区", "Choose parks"),
    "land.pick_parks": ("请选择至少一个园区。", "Choose at least one park."),
    "land.scope_note": (
        "范围为选定园区时，只计入这些园区内企业与所压覆的全面改造三旧地块腾退的用地；"
        "用地需求仍为所涉镇街的全部需求。",
        "With chosen parks, only the firms in them and the 全面改造 parcels they overlap free "
        "land; the demand stays the whole demand of the towns concerned.",
    ),
    # -- balance
    "land.balance_caption": (
        "腾退用地 = 淘汰类企业（“五过”≥ 3 项）用地 + 全面改造三旧地块 + 其余企业厂房加层节约的"
        "用地，每块地只计一次（位于全面改造地块内的企业只按地块计；淘汰类企业不计加层）。各镇街的"
        "腾退用地在本镇街内按顺序安排给有用地需求的企业：规上企业优先，再按亩均税收从高到低。",
        "Freed land = the land of phase-out candidates (≥ 3 of the five excesses) + 三旧 parcels "
        "marked 全面改造 + the land the other firms would save by adding floors, each counted "
        "once (a firm inside a 全面改造 parcel counts only through the parcel; a candidate gets no "
        "加层 saving). Each town's freed land goes to its firms that ask for land, in order: "
        "above-scale firms first, then by tax per mu, highest first.",
    ),
    "land.freed": ("腾退用地", "Land freed"),
    "land.demanded": ("用地需求", "Land demanded"),
    "land.met": ("已满足", "Demand met"),
    "land.ratio": ("腾退/需求", "Freed ÷ demanded"),
    "land.ratio_none": ("无需求", "no demand"),
    "land.chart_title": ("各镇街腾退用地与用地需求（亩）", "Land freed and demanded by town (mu)"),
    "land.series_demand": ("用地需求", "Land demanded"),
    "land.chart_group": ("类别", "Kind"),
    "land.chart_mu": ("亩", "mu"),
    "land.towns_table": ("镇街平衡表", "Balance by town"),
    "land.unmet_title": ("未满足用地需求最大的企业", "Firms with the largest unmet demand"),
    "land.unmet_none": ("所有用地需求均已满足。", "Every demand is met."),
    "land.download": ("下载用地平衡（Excel）", "Download the land balance (Excel)"),
    # -- potential
    "land.potential_caption": (
        "目标容积率 = 行业最低容积率（《工业项目建设用地控制指标》，按 GB/T 4754 大类）+ 上调值 "
        "{uplift:g}，且不超过 {cap:g}（普通厂房上限）。加层潜力建筑面积 = max(0, 目标 − 现状) × "
        "用地面积；节约用地 = 潜力建筑面积 ÷ 目标容积率。缺少建筑面积或用地面积的企业不测算，单列"
        "说明，不计为 0。{year} 年调查数据。",
        "Target plot ratio = the industry minimum (《工业项目建设用地控制指标》, by GB/T 4754 "
        "division) + an uplift of {uplift:g}, at most {cap:g} (ordinary factories). Floor area "
        "that could be added = max(0, target − current) × land area; land saved = that floor "
        "area ÷ the target. Firms without floor or land area are not evaluated and are counted "
        "apart, never as 0. {year} survey.",
    ),
    "land.potential_floor": ("可增建筑面积", "Floor area that could be added"),
    "land.potential_saved": ("节约用地", "Land saved"),
    "land.potential_evaluated": ("已测算企业", "Firms evaluated"),
    "land.potential_missing": ("未测算企业", "Firms not evaluated"),
    "land.potential_missing_note": (
        "{n} 家企业未测算：缺少建筑面积 {floor} 家，缺少用地面积 {land} 家。",
        "{n} firms not evaluated: {floor} without floor area, {land} without land area.",
    ),
    "land.wan_m2": ("{v:,.1f} 万平方米", "{v:,.1f} × 10⁴ m²"),
    "land.potential_chart": (
        "各镇街厂房加层节约用地（亩）",
        "Land saved by adding floors, by town (mu)",
    ),
    "land.potential_towns": ("镇街加层潜力", "Potential by town"),
    "land.potential_parks": ("加层潜力最大的园区", "Parks with the largest potential"),
    # -- the park card and the park colouring
    "land.card_title": ("厂房加层潜力（{year} 年）", "Plot-ratio potential ({year})"),
    "land.card_line": (
        "可增建筑面积 {floor:,.0f} 平方米，节约用地 {mu:,.1f} 亩（{n} 家企业测算）",
        "Floor area that could be added {floor:,.0f} m², land saved {mu:,.1f} mu "
        "({n} firms evaluated)",
    ),
    "land.card_missing": (
        "{n} 家企业缺少建筑面积或用地面积，未测算",
        "{n} firms without floor or land area, not evaluated",
    ),
    "land.card_none": ("园区内没有可测算的企业。", "No firm in the park could be evaluated."),
    # -- renewal areas
    "land.renewal_caption": (
        "相距不超过 {gap:g} 米（设置项“连片间距”，默认 50 米；按 EPSG:4547 量算）的村级工业园与"
        "三旧地块连成一片（可经中间成员传递），每片合并为一个连片改造区；只含三旧地块、不含园区的不成片。"
        "按面积从大到小编号。企业与淘汰候选（≥ 3 项“五过”）为 {year} 年调查数据。",
        "Village parks and 三旧 parcels within {gap:g} m of each other ([land] renewal_gap_m, "
        "measured in EPSG:4547), directly or through other members, form one contiguous renewal "
        "area; parcels with no park form none. Numbered by area, largest first. Firms and "
        "phase-out candidates (≥ 3 of the five excesses) from the {year} survey.",
    ),
    "land.renewal_count": ("连片改造区", "Renewal areas"),
    "land.renewal_total": ("合计面积", "Total area"),
    "land.renewal_parks": ("涉及园区", "Parks in areas"),
    "land.renewal_none": ("工作库中没有园区，无法形成连片改造区。", "No parks: no renewal areas."),
    "land.renewal_map_hint": (
        "在“地图”页打开“连片改造区”图层可查看各片范围。",
        "Turn on the “Renewal areas” layer on the Map page to see each area's outline.",
    ),
    "land.renewal_export": ("导出给国土部门", "Export for the land bureau"),
    "land.renewal_choose": ("选择连片改造区", "Renewal areas to export"),
    "land.renewal_choose_placeholder": ("选择一个或多个片区", "Choose one or more areas"),
    "land.renewal_format": ("格式", "Format"),
    "land.renewal_pick": (
        "选择片区后生成文件；地块编号（DKBH）为片区编号。",
        "Choose areas to build the file; each polygon's DKBH is the area's code.",
    ),
    "land.renewal_town_only": (
        "镇街账户只能导出完全位于{town}的片区。",
        "A town account exports only the areas wholly inside {town}.",
    ),
    "land.renewal_build": ("生成文件", "Build the file"),
    "land.renewal_building": ("正在生成……", "Building…"),
    "land.renewal_download": ("下载 {name}", "Download {name}"),
    "land.format_zip": ("决策包（全部格式，ZIP）", "Pack (every format, ZIP)"),
    "land.format_gpkg": ("GeoPackage", "GeoPackage"),
    "land.format_shp": ("Shapefile（ZIP）", "Shapefile (ZIP)"),
    "land.format_xlsx": ("Excel", "Excel"),
    "land.format_csv": ("CSV（UTF-8 BOM）", "CSV (UTF-8 with BOM)"),
    "land.format_txt": ("界址点坐标 TXT", "Boundary-point TXT"),
    "land.col_area_id": ("片区编号", "Area"),
    "land.col_park_id": ("园区编号", "Park"),
    "land.col_park_name": ("园区名称", "Park name"),
    "land.col_name": ("名称", "Name"),
    "land.col_ha": ("面积（公顷）", "Area (ha)"),
    "land.col_mu": ("面积（亩）", "Area (mu)"),
    "land.col_parks": ("园区数", "Parks"),
    "land.col_parcels": ("三旧地块数", "三旧 parcels"),
    "land.col_towns": ("镇街", "Towns"),
    "land.col_owners": ("权属村集体", "Village collectives"),
    "land.col_firms": ("企业数", "Firms"),
    "land.col_phase_out_mu": ("淘汰候选企业用地（亩）", "Phase-out candidates' land (mu)"),
}
