"""The "五过" screen: five flags per firm, in relative or absolute mode (DOMAIN.md §2).

No official quantitative definition of 五过 exists; this is ParkPlan's documented proposal and
its defaults live in ``[five_excess]`` of ``config/defaults.toml``:

============  =======================  =====================================================
flag          indicator                fires when
============  =======================  =====================================================
labour        labour_productivity      below factor × division median (or a threshold)
land          tax_per_mu               below …, **and** plot ratio below ``[plot_ratio_min]``
                                       (tax alone, said so, when the floor area is missing)
low_va        va_rate                  below …
energy        energy_per_va            above …
pollution     emission_per_va          above …, **or** emissions above the permitted amount
============  =======================  =====================================================

Comparisons are strict. A firm whose indicator is not evaluated (missing or zero denominator)
is not flagged; :mod:`scoring.screen.reasons` names the missing input. Vectorised throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from config.settings import FlagSettings, Settings
from scoring.screen.groups import GroupMedians, divisions, group_medians

__all__ = [
    "FLAG_COLUMNS",
    "FLAG_RULES",
    "MODES",
    "FlagDetail",
    "FlagResult",
    "FlagRule",
    "five_flags",
]

Text = tuple[str, str]
MODES = ("relative", "absolute")


@dataclass(frozen=True)
class FlagRule:
    """One of the five flags: which indicator, which direction."""

    key: str
    indicator: str
    above: bool
    label: Text


FLAG_RULES: dict[str, FlagRule] = {
    r.key: r
    for r in (
        FlagRule("labour", "labour_productivity", False, ("用工过多", "too many workers")),
        FlagRule("land", "tax_per_mu", False, ("占地过大", "too much land")),
        FlagRule("low_va", "va_rate", False, ("附加值过低", "too little value added")),
        FlagRule("energy", "energy_per_va", True, ("耗能过高", "too much energy")),
        FlagRule("pollution", "emission_per_va", True, ("排污过量", "too much pollution")),
    )
}
FLAG_COLUMNS: dict[str, str] = {key: f"flag_{key}" for key in FLAG_RULES}


@dataclass(frozen=True)
class FlagDetail:
    """Everything behind one flag, per firm (numpy arrays aligned with the firms).

    ``compared`` is the indicator's comparison alone (before the land or permit parts);
    ``evaluated`` is False where the indicator is NaN. ``groups`` is ``None`` in absolute mode.
    ``extra`` holds the rule's second part: for ``land`` the plot ratio, its minimum and whether
    it is below; for ``pollution`` the emissions, the permit and whether they exceed it.
    """

    rule: FlagRule
    mode: str
    factor: float
    value: np.ndarray
    threshold: np.ndarray
    evaluated: np.ndarray
    compared: np.ndarray
    flag: np.ndarray
    groups: GroupMedians | None
    extra: dict[str, np.ndarray]


@dataclass(frozen=True)
class FlagResult:
    """The five flags: ``flags`` (flag_* columns, flag_count, phase_out) and the details."""

    flags: pd.DataFrame
    details: dict[str, FlagDetail]
    divisions: pd.Categorical


def _plot_minimum(groups: pd.Categorical, table: Mapping[str, float]) -> np.ndarray:
    """Minimum plot ratio per firm: ``[plot_ratio_min]`` of its division, else ``default``."""
    default = float(table["default"])
    per_cat = np.array([float(table.get(str(c), default)) for c in groups.categories] + [default])
    codes = np.asarray(groups.codes)
    return per_cat[np.where(codes < 0, len(groups.categories), codes)]


def _extra(
    key: str, ind: pd.DataFrame, groups: pd.Categorical, plot_min: Mapping[str, float]
) -> dict[str, np.ndarray]:
    if key == "land":
        ratio = ind["plot_ratio"].to_numpy()
        minimum = _plot_minimum(groups, plot_min)
        return {"plot_ratio": ratio, "plot_min": minimum, "plot_low": ratio < minimum}
    if key == "pollution":
        emitted = ind["emissions_t"].to_numpy()
        permit = ind["permitted_emissions_t"].to_numpy()
        return {"emissions": emitted, "permit": permit, "over_permit": emitted > permit}
    return {}


def _combine(key: str, compared: np.ndarray, extra: dict[str, np.ndarray]) -> np.ndarray:
    """The flag from the comparison and the rule's second part (NaN comparisons are False)."""
    if key == "land":
        no_floor_area = np.isnan(extra["plot_ratio"])
        return compared & (extra["plot_low"] | no_floor_area)
    if key == "pollution":
        return compared | extra["over_permit"]
    return compared


def evaluate_flag(
    rule: FlagRule,
    ind: pd.DataFrame,
    groups: pd.Categorical,
    *,
    settings: FlagSettings,
    min_size: int,
    plot_min: Mapping[str, float],
    lang: str = "zh",
) -> FlagDetail:
    """One flag for every firm; see :class:`FlagDetail`."""
    values = ind[rule.indicator]
    arr = values.to_numpy(dtype="float64")
    mode, factor = settings.mode, settings.factor
    medians: GroupMedians | None = None
    if mode == "relative":
        medians = group_medians(values, groups, min_size=min_size, lang=lang)
        threshold = factor * medians.median[medians.slot]
    else:
        threshold = np.full(len(arr), settings.threshold)
    compared = arr > threshold if rule.above else arr < threshold  # strict; NaN → False
    extra = _extra(rule.key, ind, groups, plot_min)
    flag = _combine(rule.key, compared, extra)
    return FlagDetail(
        rule, mode, factor, arr, threshold, ~np.isnan(arr), compared, flag, medians, extra
    )


def five_flags(
    ind: pd.DataFrame, industry_code: pd.Series, *, config: Settings, lang: str = "zh"
) -> FlagResult:
    """The five flags, their count and the phase-out rule, for the firms of one screen.

    Parameters
    ----------
    ind
        Output of :func:`scoring.screen.indicators.indicators`.
    industry_code
        GB/T 4754-2017 classes, on the same index (the division is the first two digits).
    config
        The typed settings (``[five_excess]`` and ``[plot_ratio_min]`` are read).
    lang
        Language of the group descriptions kept in the details.

    Returns
    -------
    FlagResult
        ``flags`` has ``flag_labour`` … ``flag_pollution`` (bool), ``flag_count`` and
        ``phase_out`` (``flag_count >= min_flags``) on the input's index.
    """
    fx = config.five_excess
    groups = divisions(industry_code)
    details = {
        key: evaluate_flag(
            rule,
            ind,
            groups,
            settings=fx.rule(key),
            min_size=fx.group_min_size,
            plot_min=config.plot_ratio_min,
            lang=lang,
        )
        for key, rule in FLAG_RULES.items()
    }
    flags = pd.DataFrame({FLAG_COLUMNS[key]: d.flag for key, d in details.items()}, index=ind.index)
    count = flags.sum(axis=1).astype("int64")
    flags["flag_count"] = count
    flags["phase_out"] = count >= fx.min_flags
    return FlagResult(flags, details, groups)
