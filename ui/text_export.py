"""Text of the export page as ``key: (中文, English)``; merged into ``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["EXPORT_STRINGS"]

EXPORT_STRINGS: dict[str, tuple[str, str]] = {
    "export.caption": (
        "把选定园区涉及的三旧地块交给区国土规划部门（CGCS2000，默认 EPSG:4526 第38带），"
        "并生成给区政府的决策简报。重叠或几何无效的地块会先列出，修正后才能导出。",
        "Hand the 三旧 parcels of the chosen parks to the land bureau (CGCS2000, EPSG:4526 "
        "zone 38 by default) and make the briefing for the district government. Overlapping "
        "or invalid parcels are listed first; nothing is exported until they are fixed.",
    ),
    "export.source": ("选择方式", "Choose by"),
    "export.by_scenario": ("已保存方案", "Saved scenario"),
    "export.by_parks": ("园区", "Parks"),
    "export.scenario": ("方案", "Scenario"),
    "export.no_scenarios": (
        "尚无已保存方案：请按园区选择，或在“循环化改造选园”页保存方案。",
        "No saved scenario yet: choose parks, or save one on the retrofit page.",
    ),
    "export.stale": (
        "该方案基于旧版本数据（{version}），当前数据已更新，导出结果可能与当时不同。",
        "This scenario was computed on older data ({version}); the export uses today's data.",
    ),
    "export.parks": ("园区", "Parks"),
    "export.from_retrofit": (
        "已带入“循环化改造选园”页的选择。",
        "Picked up the selection of the retrofit page.",
    ),
    "export.pick_parks": ("请至少选择一个园区。", "Choose at least one park."),
    "export.preview": ("地块清单预览", "Parcel list preview"),
    "export.summary": (
        "{n} 个三旧地块，合计 {mu:,.2f} 亩（{ha:,.4f} 公顷）",
        "{n} 三旧 parcels, {mu:,.2f} mu ({ha:,.4f} ha) in total",
    ),
    "export.map": ("园区与三旧地块", "Parks and 三旧 parcels"),
    "export.north": ("北", "N"),
    "export.options": ("导出选项", "Options"),
    "export.crs": ("坐标系（GeoPackage / Shapefile）", "CRS (GeoPackage / Shapefile)"),
    "export.encoding": ("文字编码（Shapefile / TXT）", "Text encoding (Shapefile / TXT)"),
    "export.encoding_default": (
        "默认：Shapefile 用 UTF-8，界址点 TXT 用 GBK",
        "Default: Shapefile UTF-8, boundary TXT GBK",
    ),
    "export.build": ("生成导出文件", "Make the files"),
    "export.building": ("正在生成……", "Making the files…"),
    "export.downloads": ("下载", "Downloads"),
    "export.zip": ("全部文件（zip，含清单 manifest）", "Everything (zip, with manifest)"),
    "export.pdf": ("决策简报 PDF", "Briefing PDF"),
    "export.manifest": ("清单 manifest.json", "Manifest JSON"),
    "export.scores_missing": (
        "按园区清单导出时，简报不含六项措施得分与排序可接受度（它们属于某个已保存方案）；"
        "请在“循环化改造选园”页保存方案后按方案导出。",
        "Exported from a list of parks, the briefing has no measure scores or rank "
        "acceptability (they belong to a saved scenario): save one on the retrofit page and "
        "export by scenario.",
    ),
    "export.town_only": (
        "镇街账户只可导出本镇街（{town}）园区的地块清单；所选园区中有属于 {others} 的，"
        "请只选本镇街的园区。",
        "A town account exports the parcel lists of its own town's ({town}) parks only; some "
        "chosen parks are in {others}: choose parks of your town.",
    ),
    "export.role_cannot": (
        "您的角色不能导出这些清单（国土/城市更新、规划与管理员可导出全区的决策包）。",
        "Your role may not export these lists (land, planner and admin accounts export the "
        "district's pack).",
    ),
}
