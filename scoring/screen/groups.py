"""Comparison groups of the screen: GB/T 4754 divisions, with a district-wide fallback.

A relative threshold compares a firm with the median of its GB/T 4754-2017 **division** (the
first two digits of its class) among the firms of the same screen. A division with fewer than
``group_min_size`` evaluated firms compares with the whole district instead, and says so.

Vectorised: medians and counts are computed per division (a few dozen groups) and broadcast to
the firms through the division's category code, never row by row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

__all__ = ["GroupMedians", "division_label", "divisions", "group_medians"]


def divisions(industry_code: pd.Series) -> pd.Categorical:
    """The 2-digit GB/T 4754 division of each firm's 4-digit class, as a categorical.

    The classes are factorised once; only the few distinct ones are cut to two digits.
    """
    classes = pd.Categorical(industry_code)
    cut = [str(c).strip()[:2] for c in classes.categories]
    names = sorted(set(cut))
    lookup = np.array([names.index(d) for d in cut], dtype=np.int64)
    codes = np.asarray(classes.codes, dtype=np.int64)
    if len(lookup):
        codes = np.where(codes < 0, -1, lookup[np.maximum(codes, 0)])
    return pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype=object))


@cache
def division_label(division: str, lang: str = "zh") -> str:
    """``"C33 金属制品业"``: section letter, division and its name (Chinese in both languages,
    the standard's names are Chinese)."""
    from geo.codes import industry_table

    entry = industry_table().get(division)
    if entry is None:
        return division
    section = entry[2]
    return f"{section}{division} {entry[0]}"


@dataclass(frozen=True)
class GroupMedians:
    """The median each firm is compared with, and which group it came from.

    Per *slot* (one per division, then one for the district): ``median``, ``n`` (evaluated
    firms), ``text`` (e.g. ``"C33 金属制品业, 212 家"``) and ``fallback`` (compared with the
    district). ``slot`` gives each firm's slot, so ``median[slot]`` is the firm's median.
    ``table`` has one row per division (division, label, n, median, fallback, median_used).
    """

    slot: np.ndarray
    median: np.ndarray
    n: np.ndarray
    text: list[str]
    fallback: np.ndarray
    table: pd.DataFrame

    def per_firm(self) -> pd.DataFrame:
        """The group of each firm as columns (median, n, group, fallback); for display."""
        return pd.DataFrame(
            {
                "median": self.median[self.slot],
                "n": self.n[self.slot],
                "group": np.asarray(self.text, dtype=object)[self.slot],
                "fallback": self.fallback[self.slot],
            }
        )


def _group_text(label: str, n: int, *, lang: str) -> str:
    return f"{label}, {n:,} 家" if lang == "zh" else f"{label}, {n:,} firms"


def _fallback_text(label: str, n: int, district_n: int, min_size: int, *, lang: str) -> str:
    if lang == "zh":
        return f"全区, {district_n:,} 家；{label} 仅 {n:,} 家, 少于 {min_size}"
    return f"district, {district_n:,} firms; {label} has {n:,}, fewer than {min_size}"


def group_medians(
    values: pd.Series, groups: pd.Categorical, *, min_size: int, lang: str = "zh"
) -> GroupMedians:
    """Median of ``values`` per division, the district's median where a division is too small.

    Parameters
    ----------
    values
        One indicator per firm; NaN (not evaluated) values are left out of medians and counts.
    groups
        The firms' divisions (:func:`divisions`), same length as ``values``.
    min_size
        A division with fewer evaluated firms than this uses the district-wide median.
    lang
        ``"zh"`` or ``"en"`` for the group descriptions.
    """
    arr = values.to_numpy(dtype="float64")
    codes = np.asarray(groups.codes)
    k = len(groups.categories)
    valid = ~np.isnan(arr)
    stats = pd.Series(arr[valid]).groupby(codes[valid]).agg(["median", "count"])
    stats = stats[stats.index >= 0]
    med = np.full(k, np.nan)
    cnt = np.zeros(k, dtype=np.int64)
    med[stats.index.to_numpy()] = stats["median"].to_numpy()
    cnt[stats.index.to_numpy()] = stats["count"].to_numpy()
    district_med = float(np.median(arr[valid])) if valid.any() else np.nan
    district_n = int(valid.sum())
    fallback = cnt < min_size
    labels = [division_label(str(c), lang) for c in groups.categories]
    texts = [
        _fallback_text(lab, int(n), district_n, min_size, lang=lang)
        if fb
        else _group_text(lab, int(n), lang=lang)
        for lab, n, fb in zip(labels, cnt, fallback, strict=True)
    ]
    district = "全区" if lang == "zh" else "district"
    # one extra slot for firms without a division (code -1 → the last slot): the district
    med_used = np.append(np.where(fallback, district_med, med), district_med)
    n_used = np.append(np.where(fallback, district_n, cnt), district_n)
    fb_used = np.append(fallback, True)
    table = pd.DataFrame(
        {
            "division": [str(c) for c in groups.categories],
            "label": labels,
            "n": cnt,
            "median": med,
            "fallback": fallback,
            "median_used": med_used[:-1],
        }
    )
    slot = np.where(codes < 0, k, codes)
    texts.append(_group_text(district, district_n, lang=lang))
    return GroupMedians(slot, med_used, n_used, texts, fb_used, table)
