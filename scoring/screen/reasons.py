"""One readable line per raised flag: value, threshold, and the group it was compared with.

E.g. ``占地过大：亩均税收 1.8 万元/亩 < 0.5 × 中位数 7.4 = 3.7（C33 金属制品业, 212 家），容积率
0.62 < 最低 1.0``. A flag that could not be evaluated gets a line naming the missing input
(``耗能过高：未评估，缺少工业增加值``); a grade term scored at the group average is listed too.

Built column-wise with :mod:`scoring.screen.textops` (Arrow kernels), only over the firms a line
concerns: no Python loop over firms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from config.settings import EnergySettings
from scoring.screen.five_excess import FlagDetail, FlagResult
from scoring.screen.indicators import INDICATORS, missing_input
from scoring.screen.textops import (
    assemble,
    concat,
    from_series,
    number_text,
    take_text,
    to_series,
)

__all__ = ["TEMPLATES", "basis_word", "flag_reasons", "reasons"]

# zh / en pieces of a reason line
TEMPLATES: dict[str, tuple[str, str]] = {
    "head": ("{flag}：", "{flag}: "),
    "median": (" × 中位数 ", " × median "),
    "absolute": ("阈值 ", "threshold "),
    "absolute_tail": ("（绝对阈值）", " (absolute threshold)"),
    "open": ("（", " ("),
    "close": ("）", ")"),
    "plot": ("，容积率 ", ", plot ratio "),
    "plot_min": (" < 最低 ", " < minimum "),
    "no_floor": ("，无建筑面积，仅按亩均税收判定", ", no floor area: tax per mu alone"),
    "permit": ("排放 ", "emissions "),
    "permit_cmp": (" t > 许可量 ", " t > permitted "),
    "and": ("，且", ", and "),
    "sep": ("；", "; "),
    "not_evaluated": ("：未评估，", ": not evaluated, "),
    "grade_missing": ("评分缺项（按组均值计）：", "grade terms at the group average: "),
}


def _t(key: str, lang: str) -> str:
    zh, en = TEMPLATES[key]
    return zh if lang == "zh" else en


def _label(detail: FlagDetail, lang: str, basis: str) -> str:
    ind = INDICATORS[detail.rule.indicator]
    text = ind.label[0] if lang == "zh" else ind.label[1]
    if detail.rule.key == "energy" and basis:
        text += f"（{basis}）" if lang == "zh" else f" ({basis})"
    return text


def _unit(detail: FlagDetail, lang: str) -> str:
    unit = INDICATORS[detail.rule.indicator].unit
    text = unit[0] if lang == "zh" else unit[1]
    return f" {text}" if text else ""


def _comparison(detail: FlagDetail, pos: np.ndarray, lang: str, basis: str) -> pa.Array:
    """``亩均税收 1.8 万元/亩 < 0.5 × 中位数 7.4 = 3.7（C33 金属制品业, 212 家）`` for ``pos``."""
    ind = INDICATORS[detail.rule.indicator]
    scale, dec, unit = ind.display, ind.decimals, _unit(detail, lang)
    sign = " > " if detail.rule.above else " < "
    value = number_text(detail.value[pos] * scale, dec)
    threshold = number_text(detail.threshold[pos] * scale, dec)
    if detail.groups is None:
        return concat(
            _label(detail, lang, basis) + " ",
            value,
            unit + sign + _t("absolute", lang),
            threshold,
            unit + _t("absolute_tail", lang),
        )
    g = detail.groups
    slots = g.slot[pos]
    med_texts = number_text(g.median * scale, dec).to_pylist()  # one per group
    medians = take_text([m if m is not None else "–" for m in med_texts], slots)
    return concat(
        _label(detail, lang, basis) + " ",
        value,
        unit + sign + f"{detail.factor:g}" + _t("median", lang),
        medians,
        " = ",
        threshold,
        unit + _t("open", lang),
        take_text(g.text, slots),
        _t("close", lang),
    )


def _land_tail(detail: FlagDetail, pos: np.ndarray, lang: str) -> pa.Array:
    ratio = detail.extra["plot_ratio"][pos]
    with_plot = concat(
        _t("plot", lang),
        number_text(ratio, 2),
        _t("plot_min", lang),
        number_text(detail.extra["plot_min"][pos], 2),
    )
    no_floor = pa.array(np.isnan(ratio))
    return pc.if_else(no_floor, _t("no_floor", lang), with_plot)


def _permit_part(detail: FlagDetail, pos: np.ndarray, lang: str) -> pa.Array:
    over = detail.extra["over_permit"][pos]
    text = concat(
        _t("permit", lang),
        number_text(detail.extra["emissions"][pos], None),
        _t("permit_cmp", lang),
        number_text(detail.extra["permit"][pos], None),
        " t",
    )
    return pc.if_else(pa.array(over), text, pa.scalar(None, pa.string()))


def _raised_line(detail: FlagDetail, pos: np.ndarray, lang: str, basis: str) -> pa.Array:
    """The line of each raised firm at ``pos``."""
    head = _t("head", lang).format(flag=detail.rule.label[0 if lang == "zh" else 1])
    compared = pa.array(detail.compared[pos])
    cmp_text = pc.if_else(
        compared, _comparison(detail, pos, lang, basis), pa.scalar(None, pa.string())
    )
    if detail.rule.key == "land":
        return concat(head, cmp_text, _land_tail(detail, pos, lang))
    if detail.rule.key == "pollution":
        permit = _permit_part(detail, pos, lang)
        body = pc.coalesce(concat(cmp_text, _t("and", lang), permit), cmp_text, permit)
        return concat(head, body)
    return concat(head, cmp_text)


def flag_reasons(
    detail: FlagDetail, ind: pd.DataFrame, *, lang: str = "zh", basis: str = ""
) -> list[tuple[np.ndarray, pa.Array]]:
    """The lines of one flag as ``(positions, texts)``: the raised firms' lines, then the
    "not evaluated" lines naming the missing input (disjoint sets of firms)."""
    raised = np.flatnonzero(detail.flag)
    lines = _raised_line(detail, raised, lang, basis)
    missing = np.flatnonzero(~detail.evaluated & ~detail.flag)
    head = detail.rule.label[0 if lang == "zh" else 1] + _t("not_evaluated", lang)
    why = missing_input(ind.iloc[missing], detail.rule.indicator, lang=lang)
    return [(raised, lines), (missing, concat(head, from_series(why)))]


def reasons(
    result: FlagResult,
    ind: pd.DataFrame,
    *,
    grade_missing: pd.Series | None = None,
    lang: str = "zh",
    basis: str = "",
) -> pd.Series:
    """The ``reasons`` column: the lines of every flag and the missing grade terms, joined by
    ``；`` (``; `` in English).

    Parameters
    ----------
    result
        The flags of :func:`scoring.screen.five_excess.five_flags`.
    ind
        The indicators they were computed from.
    grade_missing
        Per firm, the grade terms scored at the group average (text, ``<NA>`` for none).
    lang, basis
        Language, and the electricity basis stated in the energy line (e.g. ``"当量值"``).
    """
    parts = [
        p for d in result.details.values() for p in flag_reasons(d, ind, lang=lang, basis=basis)
    ]
    if grade_missing is not None:
        pos = np.flatnonzero(grade_missing.notna().to_numpy())
        text = from_series(grade_missing.iloc[pos])
        parts.append((pos, concat(_t("grade_missing", lang), text)))
    joined = assemble(len(ind), parts, _t("sep", lang))
    return to_series(joined, ind.index, "reasons")


def basis_word(energy: EnergySettings, lang: str = "zh") -> str:
    """The electricity basis as one word for the energy line (当量值 / 等价值)."""
    from scoring.screen.indicators import ELECTRICITY_BASES

    basis = ELECTRICITY_BASES[energy.electricity_basis]
    return basis.label[0] if lang == "zh" else basis.label[1]
