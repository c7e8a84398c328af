"""Text of the data page (import, preview, history, undo) as ``key: (中文, English)``; merged into
``ui.i18n.STRINGS``."""

from __future__ import annotations

__all__ = ["CHANGE_LABELS", "DATA_STRINGS", "HISTORY_LABELS"]

DATA_STRINGS: dict[str, tuple[str, str]] = {
    "coords.wgs84": ("WGS 84（GPS 经纬度）", "WGS 84 (GPS lon/lat)"),
    "coords.cgcs2000": ("CGCS2000 经纬度", "CGCS2000 lon/lat"),
    "coords.gcj02": ("GCJ-02（高德、腾讯地图）", "GCJ-02 (Amap, Tencent)"),
    "coords.bd09": ("BD-09（百度地图）", "BD-09 (Baidu)"),
    "data.import": ("导入文件", "Import a file"),
    "data.import_help": (
        "上传镇街调查表（CSV/Excel，中文或英文表头）或园区、三旧地块边界（压缩的 Shapefile、"
        "GeoJSON、GeoPackage）。先完整检查并预览变化，确认后才写入工作库；可撤销最近一次导入。",
        "Upload a town survey (CSV/Excel, Chinese or English headers) or park / 三旧 parcel "
        "boundaries (zipped Shapefile, GeoJSON, GeoPackage). The file is checked in full and "
        "the changes previewed; nothing is stored until you confirm, and the last import can "
        "be undone.",
    ),
    "data.no_import_role": (
        "您的角色只可查看数据，不能导入、撤销或恢复。",
        "Your role may read the data but not import, undo or restore.",
    ),
    "data.year": ("调查年度（表中无此列时）", "Survey year (when the file has no such column)"),
    "data.file": ("文件", "File"),
    "data.checking": ("正在检查 {name} …", "Checking {name} …"),
    "data.problems_download": ("下载问题清单（Excel）", "Download the problems (Excel)"),
    "data.problems_csv": ("下载问题清单（CSV）", "Download the problems (CSV)"),
    "data.warnings": ("请注意", "Please note"),
    "data.preview": ("导入预览：与工作库相比的变化", "Preview: what changes against the workspace"),
    "data.preview_caption": (
        "{name} → {layer}：{rows} 行{years}。确认前不会写入任何数据。",
        "{name} → {layer}: {rows} rows{years}. Nothing is stored before you confirm.",
    ),
    "data.years": (
        "，调查年度 {years}（替换这些年度的已存数据）",
        "; survey years {years} (replaces the stored rows of these years)",
    ),
    "data.replaces_layer": ("（替换整个图层）", " (replaces the whole layer)"),
    "data.new": ("新增", "New"),
    "data.changed": ("变更", "Changed"),
    "data.removed": ("删除", "Removed"),
    "data.unchanged": ("不变", "Unchanged"),
    "data.no_changes": (
        "与工作库完全相同，无需导入。",
        "Identical to the workspace: nothing to import.",
    ),
    "data.map": (
        "新增（绿）、移动（橙）与删除（红）的要素",
        "New (green), moved (orange) and removed (red) features",
    ),
    "data.map_none": ("没有新增、移动或删除的要素。", "No feature is new, moved or removed."),
    "data.confirm": ("确认导入", "Confirm the import"),
    "data.importing": ("正在导入 …", "Importing …"),
    "data.imported": (
        "已导入 {name} → {layer}：新增 {new}、变更 {changed}、删除 {removed}（记录 {entry}）。",
        "Imported {name} → {layer}: {new} new, {changed} changed, {removed} removed "
        "(entry {entry}).",
    ),
    "data.history": ("导入记录", "Import history"),
    "data.history_none": ("尚无导入。", "No imports yet."),
    "data.undo": ("撤销最近一次导入", "Undo the last import"),
    "data.restore": ("恢复到某一条记录", "Restore to an entry of the history"),
    "data.restore_help": (
        "把各图层恢复为该条记录完成后的样子，作为一次写入记入导入记录（可再次恢复）。",
        "Brings the layers back to what they were after that entry, as one write recorded in "
        "the history (which can itself be restored).",
    ),
    "data.restore_start": (
        "**记录 0** · 第一次导入之前的数据",
        "**Entry 0** · the data before the first import",
    ),
    "data.restore_row": (
        "**记录 {entry}** · {when} · {action} · {file}",
        "**Entry {entry}** · {when} · {action} · {file}",
    ),
    "data.restore_button": ("恢复", "Restore"),
    "data.restored": (
        "已恢复到记录 {entry}（{rows} 行），记为第 {new} 条记录。",
        "Restored to entry {entry} ({rows} rows), recorded as entry {new}.",
    ),
    "data.action_import": ("导入", "import"),
    "data.action_undo": ("撤销", "undo"),
    "data.action_restore": ("恢复", "restore"),
    "data.action_approve_matching": ("核准区配套", "matching approved"),
    "data.action_set_stage": ("更新项目阶段", "project stage set"),
    "data.undo_help": (
        "恢复最近一次导入之前该图层的内容（原子操作）。",
        "Restores the layer as it was before the last import (atomically).",
    ),
    "data.undone": (
        "已撤销记录 {undoes}（{name}），恢复 {rows} 行。",
        "Undid entry {undoes} ({name}); {rows} rows restored.",
    ),
    "data.progress.reading": ("读取文件", "Reading the file"),
    "data.progress.checking": ("检查", "Checking"),
    "data.progress.writing": ("写入工作库", "Writing the workspace"),
    "data.progress.done": ("完成", "Done"),
}

# column labels of the preview table and the history table: (中文, English)
CHANGE_LABELS: dict[str, tuple[str, str]] = {
    "key": ("编号", "Key"),
    "name": ("名称", "Name"),
    "change": ("变化", "Change"),
    "fields": ("变化字段", "Changed fields"),
}
HISTORY_LABELS: dict[str, tuple[str, str]] = {
    "entry": ("序号", "Entry"),
    "when": ("时间", "When"),
    "user": ("操作人", "User"),
    "action": ("操作", "Action"),
    "file": ("文件", "File"),
    "layer": ("图层", "Layer"),
    "years": ("年度", "Years"),
    "rows": ("行数", "Rows"),
    "new": ("新增", "New"),
    "changed": ("变更", "Changed"),
    "removed": ("删除", "Removed"),
    "undoes": ("撤销记录", "Undoes"),
    "sha256": ("SHA-256", "SHA-256"),
}
