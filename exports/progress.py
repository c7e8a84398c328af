"""The plan's progress as files: per town, year and indicator, the ranking, the follow-up.

``progress_sheets`` turns :mod:`scoring.progress` frames into labelled tables (Chinese headers,
indicator and status names in Chinese, the codes beside them); ``write_progress`` writes them
as one Excel book (one sheet per table, an "About" sheet with the provenance) or as CSV files
(UTF-8 with BOM, provenance beside each): the progress table at the path given, each other
table beside it as ``<name>.<table>.csv``. Cells are neutralised by :mod:`exports.tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pandas as pd

from exports.tables import Provenance, write_csv, write_xlsx
from scoring.progress.follow_up import STATUSES, status_label
from scoring.progress.towns import indicator_label

__all__ = ["LABELS", "SHEETS", "progress_sheets", "write_progress", "write_progress_book"]

# table key → (sheet name, CSV suffix)
SHEETS: dict[str, tuple[str, str]] = {
    "progress": ("目标进度 progress", ""),
    "ranking": ("历年排名 ranking", "ranking"),
    "follow_up": ("淘汰候选跟踪 follow-up", "follow_up"),
    "summary": ("跟踪汇总 follow-up summary", "follow_up_summary"),
    "parks": ("园区评分 park scores", "parks"),
}
LABELS: dict[str, str] = {
    "town": "镇街",
    "year": "年度",
    "indicator": "指标",
    "indicator_code": "指标代码",
    "target": "目标",
    "actual": "实际",
    "completion": "完成率（%）",
    "rank": "排名（竞争排名，并列同名次）",
    "rank_change": "排名变化（正数为上升）",
    "uscc": "统一社会信用代码",
    "name": "企业名称",
    "park_id": "所属园区",
    "flag_count": "标记数",
    "land_mu": "用地（亩）",
    "status": "状态",
    "status_code": "状态代码",
    "firms": "企业数",
    "land_freed_mu": "腾出用地（亩）",
    "eligible": "通过门槛",
    "score": "改造评分",
}


def _year_label(column: str) -> str | None:
    """Labels of the per-year columns (``rank_2016`` → ``2016 排名``)."""
    head, _, year = column.rpartition("_")
    if not year.isdigit():
        return None
    names = {
        "status": "状态", "flag_count": "标记数", "land_freed_mu": "累计腾出用地（亩）",
        "completion": "综合完成率（%）", "rank": "排名", "rank_change": "排名变化",
        "score": "改造评分",
    }  # fmt: skip
    return f"{year} 年{names[head]}" if head in names else None


def _labels(frame: pd.DataFrame) -> dict[str, str]:
    out = {}
    for c in frame.columns:
        label = LABELS.get(str(c)) or _year_label(str(c))
        if label:
            out[str(c)] = label
    return out


def progress_sheets(
    progress: pd.DataFrame,
    ranking: pd.DataFrame,
    follow: pd.DataFrame,
    summary: pd.DataFrame,
    parks: pd.DataFrame | None = None,
    *,
    lang: str = "zh",
) -> dict[str, pd.DataFrame]:
    """The tables by key of :data:`SHEETS`, indicator and status names in ``lang``."""
    table = progress.copy()
    table.insert(3, "indicator_code", table["indicator"])
    table["indicator"] = [indicator_label(k, lang) for k in table["indicator"]]
    table["completion"] = table["completion"].round(2)
    follow = follow.copy()
    for c in [c for c in follow.columns if c.startswith("status_")]:
        follow[c] = [status_label(k, lang) if k in STATUSES else k for k in follow[c]]
    summary = summary.copy()
    summary.insert(2, "status_code", summary["status"])
    summary["status"] = [status_label(k, lang) for k in summary["status"]]
    out = {"progress": table, "ranking": ranking, "follow_up": follow, "summary": summary}
    if parks is not None:
        out["parks"] = parks
    return out


def _all_labels(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for frame in tables.values():
        labels |= _labels(frame)
    return labels


def write_progress_book(
    tables: dict[str, pd.DataFrame], target: Path | BinaryIO, *, provenance: Provenance
) -> None:
    """``tables`` as one Excel book (a file, or a stream for a download)."""
    sheets = {SHEETS[k][0]: frame for k, frame in tables.items()}
    write_xlsx(sheets, target, provenance=provenance, labels=_all_labels(tables))


def write_progress(tables: dict[str, pd.DataFrame], path: Path, *, provenance: Provenance):
    """Write ``tables`` (:func:`progress_sheets`) to ``path`` (.xlsx or .csv); the paths
    written (the CSV files and their provenance files, or the book)."""
    if path.suffix.lower() == ".xlsx":
        write_progress_book(tables, path, provenance=provenance)
        return [path]
    written = []
    for key, frame in tables.items():
        suffix = SHEETS[key][1]
        target = path if not suffix else path.with_name(f"{path.stem}.{suffix}{path.suffix}")
        sidecar = write_csv(frame, target, provenance=provenance, labels=_labels(frame))
        written += [target, Path(sidecar)]
    return written
