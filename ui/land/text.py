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
