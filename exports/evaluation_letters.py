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
from matplotlib.table import Table
from matplotlib.text import Text

from exports.atomic import atomic_path
from exports.fonts import cjk_subset_font, register_cjk_font
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


def _page(firm: pd.Series, batch: Batch, bench: pd.DataFrame, notice: dict[str, str]) -> Figure:
    fig = Figure(figsize=A4)
    name, uscc = str(firm["name"]), str(firm["uscc"])
    fig.text(0.5, 0.95, "亩均效益综合评价结果告知书", fontsize=16, ha="center", va="top")
    fig.text(0.5, 0.92, f"（{batch.year} 年度，批次：{batch.name}）", fontsize=9, ha="center",
             va="top", color="#444444")  # fmt: skip
    fig.text(0.08, 0.88, f"{name}（统一社会信用代码 {uscc}）：", fontsize=11, va="top")
    body = (
        f"根据 {batch.year} 年度工业企业亩均效益综合评价，贵单位参加“{firm['cohort_label']}”"
        "组评价，\n各项指标与本组基准（本组参评企业均值）如下："
    )
    fig.text(0.08, 0.85, body, fontsize=9.5, va="top", linespacing=1.6)
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
    ax = fig.add_axes((0.08, 0.55, 0.84, 0.22))
    ax.axis("off")
    if rows:
        table = ax.table(cellText=rows, colLabels=["指标", "贵单位", "本组基准", "权重"],
                         loc="upper center", cellLoc="center")  # fmt: skip
        table.auto_set_font_size(False)
        table.set_fontsize(9)
        table.scale(1.0, 1.4)
    grade = str(firm["grade"])
    rank = "—" if pd.isna(firm.get("rank")) else f"{int(firm['rank'])}/{int(firm['cohort_n'])}"
    paid = "拟执行（批次定稿后生效）" if not batch.final else "执行"
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
        f"向所在镇街（{firm['town'] if pd.notna(firm['town']) else '—'}）或区科工商信局"
        "书面提出，写明异议指标、主张数值，",
        "并附证明材料（如完税证明、土地证、用电用水缴费凭证）。逾期未提出的，视为无异议。",
    ]
    fig.text(0.08, 0.52, "\n".join(lines), fontsize=9.5, va="top", linespacing=1.8)
    fig.text(0.92, 0.12, "番禺区科技工业商务和信息化局\n（区科工商信局）",
             fontsize=9.5, ha="right", va="top", linespacing=1.6)  # fmt: skip
    fig.text(
        0.5, 0.02,
        f"批次 {batch.name} · {batch.status} · 数据版本 {batch.data_version} · 生成 "
        f"{notice['created']} · ParkPlan",
        fontsize=6, ha="center", va="bottom", color="#555555",
    )  # fmt: skip
    return fig


def _texts(pages: list[Figure]) -> list[Text]:
    texts = [t for fig in pages for t in fig.findobj(Text)]
    for fig in pages:
        for table in fig.findobj(Table):
            texts += [cell.get_text() for cell in table.get_celld().values()]
    return texts


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
    with matplotlib.rc_context({**_STYLE, "font.family": [register_cjk_font()]}):
        pages = [_page(row, batch, bench, notice) for _, row in firms.iterrows()]
    texts = _texts(pages)
    family = cjk_subset_font("".join(t.get_text() for t in texts))
    for t in texts:
        t.set_fontfamily(family)
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
        for fig in pages:
            pdf.savefig(fig)
    return path
