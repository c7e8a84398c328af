"""Text of the map page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["MAP_STRINGS"]

MAP_STRINGS: dict[str, tuple[str, str]] = {
    "map.caption": (
        "村级工业园、三旧地块与企业一张图。点击园区查看卡片；最多 4 个园区并排比较，"
        "所选园区在其他页面保留。离线可用。",
        "Village parks, 三旧 parcels and enterprises on one map. Click a park for its card; "
        "compare up to 4 parks side by side; the selection follows you to the other pages. "
        "Works offline.",
    ),
    "map.settings": ("图层与底图", "Layers & basemap"),
    "map.year": ("企业调查年度", "Survey year of enterprises"),
    "map.layers": ("图层", "Layers"),
    "map.colour_parks": ("园区着色", "Colour parks by"),
    "map.colour_parcels": ("三旧地块着色", "Colour 三旧 parcels by"),
    "map.colour_firms": ("企业着色", "Colour enterprises by"),
    "map.colour_towns": ("镇街着色", "Colour towns by"),
    "map.colour_renewal": ("连片改造区着色", "Colour renewal areas by"),
    "map.colour_plain": ("仅边界", "Outlines only"),
    "map.basemap": ("底图", "Basemap"),
    "map.tianditu_missing": (
        "天地图需在环境变量 TIANDITU_KEY 中设置密钥后可选。",
        "Tianditu becomes available once a key is set in $TIANDITU_KEY.",
    ),
    "map.tile_url": ("本地瓦片地址", "Local tile URL"),
    "map.tile_url_help": (
        "例如 http://10.0.0.5/tiles/{z}/{x}/{y}.png；也可设置环境变量 PARKPLAN_TILE_URL。",
        "e.g. http://10.0.0.5/tiles/{z}/{x}/{y}.png; or set $PARKPLAN_TILE_URL.",
    ),
    "map.tile_url_missing": (
        "请填写本地瓦片地址；在此之前地图不显示底图。",
        "Enter the local tile URL; until then the map has no basemap.",
    ),
    "map.opacity": ("栅格透明度", "Raster opacity"),
    "map.search": ("搜索", "Search"),
    "map.search_placeholder": (
        "园区名称、企业名称或统一社会信用代码",
        "Park name, enterprise name or USCC",
    ),
    "map.search_results": ("搜索结果（{n}）", "Results ({n})"),
    "map.search_none": ("未找到“{q}”。", "Nothing found for “{q}”."),
    "map.kind_park": ("园区", "Park"),
    "map.kind_firm": ("企业", "Firm"),
    "map.filter_town": ("镇街", "Towns"),
    "map.filter_industry": ("行业（大类）", "Industries (division)"),
    "map.filter_all": ("全部", "All"),
    "map.shown": (
        "显示 {parks} 个园区、{parcels} 个三旧地块、{firms} 家企业（{year}年）",
        "Showing {parks} parks, {parcels} 三旧 parcels, {firms} enterprises ({year})",
    ),
    "map.card_hint": (
        "点击地图上的园区，或搜索园区名称，查看园区卡片。",
        "Click a park on the map, or search for it, to see its card.",
    ),
    "map.card_id": ("编号 {id} · {town}{village}", "Id {id} · {town}{village}"),
    "map.area": ("面积", "Area"),
    "map.firms": ("企业", "Firms"),
    "map.firms_help": ("其中规模以上 {n} 家", "{n} above designated size"),
    "map.employees": ("从业人员", "Employees"),
    "map.output": ("工业总产值", "Gross output"),
    "map.energy": ("综合能耗", "Energy use"),
    "map.energy_help": (
        "GB/T 2589 当量值，按配置中的折标系数计算",
        "GB/T 2589 (calorific equivalent), factors from the configuration",
    ),
    "map.water": ("新鲜水用量", "Fresh water"),
    "map.sanjiu": ("三旧地块占地", "Land in 三旧 parcels"),
    "map.industries": ("主要行业（{year}年）", "Top industries ({year})"),
    "map.no_firms": ("{year}年园区内无企业。", "No firms in the park in {year}."),
    "map.parcels": ("重叠的三旧地块（{n}）", "Overlapping 三旧 parcels ({n})"),
    "map.parcel_count": ("{n} 个地块", "{n} parcels"),
    "map.no_parcels": ("无重叠的三旧地块。", "No 三旧 parcel overlaps the park."),
    "map.overlap_mu": ("重叠面积（亩）", "Overlap (mu)"),
    "map.add_compare": ("加入比较", "Add to comparison"),
    "map.remove_compare": ("移出比较", "Remove from comparison"),
    "map.compare_full": ("最多比较 4 个园区。", "At most 4 parks can be compared."),
    "map.compare": ("园区比较", "Compare parks"),
    "map.compare_pick": ("比较的园区（最多 4 个）", "Parks to compare (up to 4)"),
    "map.compare_hint": (
        "在园区卡片上点“加入比较”，或在此选择园区。",
        "Use “Add to comparison” on a park card, or pick parks here.",
    ),
    "map.measure": ("指标", "Measure"),
    "map.clear": ("清空", "Clear"),
    "map.assets_missing": (
        "地图脚本未安装：缺少 {files}。"
        "请运行 scripts/setup_static.py（scripts/run.sh 会自动运行）。",
        "The map's scripts are missing: {files}. Run scripts/setup_static.py "
        "(scripts/run.sh does).",
    ),
    "map.unit.tce": ("吨标煤", "tce"),
    "map.unit.wan_m3": ("万立方米", "10k m³"),
    "map.unit.wan_yuan": ("万元", "10k yuan"),
    "map.unit.firms": ("家", ""),
    "map.m.area_ha": ("面积（公顷）", "Area (ha)"),
    "map.m.area_mu": ("面积（亩）", "Area (mu)"),
    "map.m.firms": ("企业数", "Firms"),
    "map.m.above_scale": ("规上企业数", "Above-scale firms"),
    "map.m.employees": ("从业人员（人）", "Employees"),
    "map.m.gross_output": ("工业总产值（万元）", "Gross output (10k yuan)"),
    "map.m.energy_tce": ("综合能耗（吨标准煤）", "Energy (tce)"),
    "map.m.water_m3": ("新鲜水用量（立方米）", "Fresh water (m³)"),
    "map.m.parcels": ("三旧地块数", "三旧 parcels"),
    "map.m.sanjiu_share": ("三旧占地比例（%）", "Land in 三旧 parcels (%)"),
}
