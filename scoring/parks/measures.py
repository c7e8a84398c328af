"""The eligibility gate and the six measure scores of a park (DOMAIN.md §3).

Gate first, then rank (UNIDO / World Bank / GIZ eco-industrial-park framework): a park that
fails any gate rule is not ranked and carries every failed rule as a readable reason. Each
indicator is then normalised over the **eligible** parks only (min–max, or the normal CDF of
the z-score), applied to all parks and clipped to [0, 1]; a measure score is the mean of its
indicators. An indicator that is constant over the eligible parks carries no information and
scores 0.5 for everyone (it cannot change a ranking).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.special import ndtr

from config.settings import GateSettings
from errors import UnknownKeyError

__all__ = [
    "MEASURES",
    "MEASURE_COLUMNS",
    "NORMALIZERS",
    "gate",
    "measure_scores",
    "normalise",
]

# measure key → (output column, indicator columns of scoring.parks.indicators; all "higher = more
# suitable": distances enter as proximity 1 - d / cutoff)
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "heat": ("m_heat", ("thermal_gj_per_km2", "fuel_firms", "heat_proximity")),
    "treatment": ("m_treatment", ("wastewater_t_per_km2", "cod_t_per_km2", "pollution_share")),
    "water": ("m_water", ("water_m3_per_km2", "sewage_proximity")),
    "recycling": ("m_recycling", ("solid_waste_t_per_km2", "recycling_pairs")),
    "pv": ("m_pv", ("pv_kwh", "pv_coverage")),
    "chain": ("m_chain", ("chain_share", "diversity")),
}
MEASURE_COLUMNS = [column for column, _ in MEASURES.values()]


def _minmax(values: np.ndarray, fit: np.ndarray) -> np.ndarray:
    lo, hi = np.nanmin(fit), np.nanmax(fit)
    if not hi > lo:
        return np.full(len(values), 0.5)
    return (values - lo) / (hi - lo)


def _cdf(values: np.ndarray, fit: np.ndarray) -> np.ndarray:
    mean, sd = np.nanmean(fit), np.nanstd(fit)
    if not sd > 0:
        return np.full(len(values), 0.5)
    return np.asarray(ndtr((values - mean) / sd))


NORMALIZERS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "minmax": _minmax,
    "cdf": _cdf,
}


def normalise(values: pd.Series, eligible: pd.Series, *, method: str = "minmax") -> pd.Series:
    """``values`` scaled to [0, 1] with statistics of the eligible rows (all rows, clipped)."""
    if method not in NORMALIZERS:
        raise UnknownKeyError("normalization", method, list(NORMALIZERS))
    x = values.to_numpy(dtype=float)
    fit = x[eligible.to_numpy(dtype=bool)]
    if len(fit) == 0:
        return pd.Series(np.full(len(x), np.nan), index=values.index, name=values.name)
    scaled = np.clip(NORMALIZERS[method](x, fit), 0.0, 1.0)
    return pd.Series(scaled, index=values.index, name=values.name)


def gate(indicators: pd.DataFrame, rules: GateSettings) -> pd.DataFrame:
    """Eligibility of every park and the reasons of those gated out.

    Parameters
    ----------
    indicators
        From :func:`scoring.parks.indicators.park_indicators`: ``area_ha``, ``firms_latest``,
        ``in_industrial_block``, ``demolition_share``.
    rules
        ``[park_score.gate]``: ``min_area_ha``, ``min_enterprises``,
        ``require_industrial_block``, ``max_demolition_share``.

    Returns
    -------
    pandas.DataFrame
        ``eligible`` (bool) and ``ineligible_reason`` ("" when eligible; failed rules joined
        with "; ", each naming the value and the threshold) on the indicators' index.
    """
    area = indicators["area_ha"].to_numpy(dtype=float)
    firms = indicators["firms_latest"].to_numpy(dtype=int)
    block = indicators["in_industrial_block"].to_numpy(dtype=bool)
    demolition = indicators["demolition_share"].to_numpy(dtype=float)
    min_area, min_firms = rules.min_area_ha, rules.min_enterprises
    max_demolition = rules.max_demolition_share
    # (failed mask, message of one failed park by position): only failures are formatted
    checks: list[tuple[np.ndarray, Callable[[int], str]]] = [
        (area < min_area, lambda i: f"面积 area {area[i]:.1f} ha < {min_area:g} ha"),
        (firms < min_firms, lambda i: f"企业 firms {firms[i]} < {min_firms}"),
        (
            ~block if rules.require_industrial_block else np.zeros(len(block), bool),
            lambda i: "不在产业区块内 outside every industrial block",
        ),
        (
            demolition > max_demolition,
            lambda i: f"全面改造占比 demolition share {demolition[i]:.0%} > {max_demolition:.0%}",
        ),
    ]
    reasons: list[list[str]] = [[] for _ in range(len(indicators))]
    for failed, text in checks:
        for i in np.flatnonzero(failed):
            reasons[i].append(text(int(i)))
    return pd.DataFrame(
        {
            "eligible": [not r for r in reasons],
            "ineligible_reason": ["; ".join(r) for r in reasons],
        },
        index=indicators.index,
    )


def measure_scores(
    indicators: pd.DataFrame, eligible: pd.Series, *, normalization: str = "minmax"
) -> pd.DataFrame:
    """The six measure scores in [0, 1]: the mean of each measure's normalised indicators.

    Columns ``m_heat`` … ``m_chain`` (order of :data:`MEASURES`), on the indicators' index.
    """
    out = {}
    for column, parts in MEASURES.values():
        scaled = [
            normalise(indicators[p].astype(float), eligible, method=normalization) for p in parts
        ]
        out[column] = pd.concat(scaled, axis=1).mean(axis=1)
    return pd.DataFrame(out, index=indicators.index)
