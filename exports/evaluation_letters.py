"""Per-firm notification letters of an evaluation batch (亩均效益综合评价结果告知书), one A4 page
per firm in one PDF (one file per town), in Chinese.

Each letter names the firm, the batch and year, the firm's cohort, its indicators beside the
cohort's benchmarks and weights, its score, rank, grade and the rule that decided it, the
surcharges of its grade (marked 拟执行 until the batch is final: surcharges are computed from a
final batch only) and how and until when to object. The footer names the batch, its status,
the data version and the time. Drawn with matplotlib and the Noto Sans CJK subset embedded, as
the briefing (:mod:`exports.fonts`; checked with pdftotext).
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from exports.atomic import atomic_path
from exports.fonts import cjk_subset_font
from scoring.evaluation.labels import TERM_LABELS
from store.evaluation import BENCHMARKS, GRADES, Batch, batch_rows
from store.workspace import Workspace

__all__ = ["MAX_LETTERS", "letter_rows", "write_letters"]

A4 = (8.27, 11.69)
_STYLE: Any = {"pdf.fonttype": 42, "axes.unicode_minus": False, "figure.dpi": 100}
# one file holds at most this many letters (a town's); more is refused with the reason
MAX_LETTERS = 2000
_GRADE_WORDS = {"A": "A 类", "B": "B 类", "C": "C 类", "D": "D 类", "T": "T 类（不参评）"}


def _fmt(value: object, digits: int = 2) -> str:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(number):
        return "—"
    return f"{number:,.{digits}f}"


def letter_rows(ws: Workspace, batch: Batch, town: str | None) -> pd.DataFrame:
    """The firms the letters go to: every firm of ``town`` in the batch (all when ``None``)."""
    grades = batch_rows(ws, batch.name, GRADES)
    if town:
        grades = grades[grades["town"].astype(object) == town]
    return grades.sort_values("uscc", kind="stable").reset_index(drop=True)


def _content(
    firm: pd.Series, batch: Batch, bench: pd.DataFrame, notice: dict[str, str]
) -> dict[str, Any]:
    """Every text of one letter (drawn by :func:`_draw`; their characters make the font)."""
    name, uscc = str(firm["name"]), str(firm["uscc"])
    mine = bench[bench["cohort"].astype(str) == str(firm["cohort"])]
    rows = [
        [
            TERM_LABELS.get(str(t), (str(t), str(t)))[0],
            _fmt(firm.get(str(t))),
            _fmt(b),
            _fmt(w, 0),
        ]
        for t, b, w in zip(mine["term"], mine["benchmark"], mine["weight"], strict=True)
    ]
    grade = str(firm["grade"])
    rank = "—" if pd.isna(firm.get("rank")) else f"{int(firm['rank'])}/{int(firm['cohort_n'])}"
    paid = "拟执行（批次定稿后生效）" if not batch.final else "执行"
    town = firm["town"] if pd.notna(firm["town"]) else "—"
    lines = [
        f"综合得分：{_fmt(firm.get('score'), 1)}　　组内排名：{rank}",
        f"评价类别：{_GRADE_WORDS.get(grade, grade)}",
        f"判定依据：{firm['rule_text']}",
        "",
        f"差别化价格（{paid}，元/年）：电价加价 {_fmt(firm.get('surcharge_electricity_yuan'))}；"
        f"气价加价 {_fmt(firm.get('surcharge_gas_yuan'))}；",
        f"水价加价 {_fmt(firm.get('surcharge_water_yuan'))}；"
        f"合计 {_fmt(firm.get('surcharge_yuan'))}。",
        "",
        "异议：如对评价数据或结果有异议，请" + notice["until"] + "，",
        f"向所在镇街（{town}）或区科工商信局书面提出，写明异议指标、主张数值，",
        "并附证明材料（如完税证明、土地证、用电用水缴费凭证）。逾期未提出的，视为无异议。",
    ]
    return {
        "title": "亩均效益综合评价结果告知书",
        "subtitle": f"（{batch.year} 年度，批次：{batch.name}）",
        "to": f"{name}（统一社会信用代码 {uscc}）：",
        "body": (
            f"根据 {batch.year} 年度工业企业亩均效益综合评价，贵单位参加“{firm['cohort_label']}”"
            "组评价，\n各项指标与本组基准（本组参评企业均值）如下："
        ),
        "header": ["指标", "贵单位", "本组基准", "权重"],
        "rows": rows,
        "lines": "\n".join(lines),
        "sign": "番禺区科技工业商务和信息化局\n（区科工商信局）",
        "footer": f"批次 {batch.name} · {batch.status} · 数据版本 {batch.data_version} · 生成 "
        f"{notice['created']} · ParkPlan",
    }


def _characters(content: dict[str, Any]) -> str:
    parts = [v for v in content.values() if isinstance(v, str)]
    parts += content["header"] + [cell for row in content["rows"] for cell in row]
    return "".join(parts)


_COLUMNS = (0.10, 0.42, 0.62, 0.82)  # x of the benchmark table's columns


def _draw(content: dict[str, Any]) -> Figure:
    fig = Figure(figsize=A4)
    fig.text(0.5, 0.95, content["title"], fontsize=16, ha="center", va="top")
    fig.text(0.5, 0.92, content["subtitle"], fontsize=9, ha="center", va="top", color="#444444")
    fig.text(0.08, 0.88, content["to"], fontsize=11, va="top")
    fig.text(0.08, 0.85, content["body"], fontsize=9.5, va="top", linespacing=1.6)
    y = 0.78
    fig.add_artist(Line2D([0.08, 0.92], [y + 0.012, y + 0.012], lw=0.6, color="#888888"))
    for x, cell in zip(_COLUMNS, content["header"], strict=True):
        fig.text(x, y, cell, fontsize=9, va="top", weight="bold")
    for row in content["rows"]:
        y -= 0.025
        for x, cell in zip(_COLUMNS, row, strict=True):
            fig.text(x, y, cell, fontsize=9, va="top")
    y -= 0.03
    fig.add_artist(Line2D([0.08, 0.92], [y + 0.012, y + 0.012], lw=0.6, color="#888888"))
    fig.text(0.08, y - 0.01, content["lines"], fontsize=9.5, va="top", linespacing=1.8)
    fig.text(0.92, 0.12, content["sign"], fontsize=9.5, ha="right", va="top", linespacing=1.6)
    fig.text(0.5, 0.02, content["footer"], fontsize=6, ha="center", va="bottom", color="#555555")
    return fig


def write_letters(ws: Workspace, batch: Batch, town: str | None, path: str | Path) -> Path:
    """Write the letters of ``town``'s firms (every firm when ``None``) to the PDF ``path``.

    Raises
    ------
    errors.ValidationError
        No firm to write to, or more than :data:`MAX_LETTERS`.
    """
    from store.evaluation import refuse

    path = Path(path)
    firms = letter_rows(ws, batch, town)
    if firms.empty or len(firms) > MAX_LETTERS:
        raise refuse(
            batch.name, "town", town,
            f"须有 1–{MAX_LETTERS} 家企业（此处 {len(firms)} 家）/ a letters file holds 1–"
            f"{MAX_LETTERS} firms ({len(firms)} here): choose a town",
        )  # fmt: skip
    bench = batch_rows(ws, batch.name, BENCHMARKS)
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    days = batch.settings().evaluation.objection_days
    until = (
        f"于 {batch.objection_until} 前" if batch.objection_until else f"于告知之日起 {days} 日内"
    )
    notice = {"until": until, "created": created}
    contents = [_content(row, batch, bench, notice) for _, row in firms.iterrows()]
    family = cjk_subset_font("".join(_characters(c) for c in contents))
    metadata = {
        "Title": "亩均效益综合评价结果告知书",
        "Subject": f"{batch.name} {town or ''}",
        "Keywords": f"data_version={batch.data_version}; batch={batch.name}",
        "Creator": "ParkPlan",
        "CreationDate": datetime.fromisoformat(created),
    }
    with (
        atomic_path(path) as tmp,
        matplotlib.rc_context({**_STYLE, "font.family": [family]}),
        PdfPages(tmp, metadata=metadata) as pdf,
    ):
        for content in contents:  # one page at a time: memory stays flat for a big town
            pdf.savefig(_draw(content))
    return path
