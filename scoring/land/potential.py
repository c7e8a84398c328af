"""厂房加层: the floor area a firm could add on its own land, and the land that saves (plan 三(二)).

Per firm of one survey year (all areas in m², land also in 亩 and 公顷):

- ``division``: the first two digits of ``industry_code`` (GB/T 4754-2017);
- ``plot_ratio_min``: ``[plot_ratio_min]`` of the division, ``default`` when it has none;
- ``target_plot_ratio`` = min(``plot_ratio_min`` + ``[land] plot_ratio_uplift``,
  ``[land] max_plot_ratio``);
- ``current_plot_ratio`` = ``floor_area_m2`` / ``land_area_m2``;
- ``potential_floor_m2`` = max(0, target − current) × ``land_area_m2``;
- ``land_saved_m2`` = ``potential_floor_m2`` / target: the land that floor area would need at the
  target ratio, i.e. land a new project need not take because this firm builds up instead.

A firm without a floor area (missing) or without land (missing or ≤ 0) is not evaluated: its
figures are missing (never 0) and ``reason`` names the missing input. A floor area of 0 is a
real figure (a yard without buildings): current ratio 0.

:func:`potential_by` sums a table per park or per town over the firms with a value and counts
the firms without one (the sums are missing when no firm has a value). Plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from config.settings import Settings, as_settings
from geo.crs import M2_PER_HA, M2_PER_MU
from scoring.screen.run import select_year

__all__ = [
    "POTENTIAL_COLUMNS",
    "POTENTIAL_SUMS",
    "REASONS",
    "LandPotential",
    "add_units",
    "land_potential",
    "plot_ratio_potential",
    "potential_by",
    "target_plot_ratio",
]

POTENTIAL_COLUMNS: tuple[str, ...] = (
    "uscc", "name", "town", "park_id", "industry_code", "division", "above_scale",
    "land_area_m2", "floor_area_m2", "current_plot_ratio", "plot_ratio_min",
    "target_plot_ratio", "potential_floor_m2", "land_saved_m2", "land_saved_mu",
    "land_saved_ha", "evaluated", "reason",
)  # fmt: skip
# what an aggregate sums (over the evaluated firms)
POTENTIAL_SUMS: tuple[str, ...] = (
    "land_area_m2",
    "floor_area_m2",
    "potential_floor_m2",
    "land_saved_m2",
)
_COUNTS = ("firms", "evaluated", "not_evaluated", "no_floor_area", "no_land_area")
# why a firm is not evaluated (zh, en)
REASONS: dict[str, tuple[str, str]] = {
    "no_floor": ("缺少建筑面积", "no floor area"),
    "no_land": ("缺少用地面积", "no land area"),
    "sep": ("；", "; "),
}


def _t(key: str, lang: str) -> str:
    zh, en = REASONS[key]
    return zh if lang == "zh" else en


def add_units(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """``frame`` with ``<x>_mu`` and ``<x>_ha`` after each ``<x>_m2`` of ``columns`` (a copy)."""
    out = frame.copy()
    for column in columns:
        stem = column.removesuffix("_m2")
        at = out.columns.get_loc(column)
        assert isinstance(at, int)
        for unit, per in (("mu", M2_PER_MU), ("ha", M2_PER_HA)):
            name = f"{stem}_{unit}"
            values = out[column] / per
            if name in out.columns:
                out[name] = values
            else:
                at += 1
                out.insert(at, name, values)
    return out


def _divisions(industry_code: pd.Series) -> pd.Series:
    code = industry_code.astype("string").str.strip()
    return code.str.slice(0, 2).where(code.str.fullmatch(r"\d{2,4}"), pd.NA)


def target_plot_ratio(
    industry_code: pd.Series, *, settings: Settings | Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """``division``, ``plot_ratio_min`` and ``target_plot_ratio`` of each firm (on its index).

    The minimum is that of ``[plot_ratio_min]`` for the division, ``default`` for a division it
    does not list (or a code that is no GB/T 4754 code).
    """
    typed = as_settings(settings if settings is not None else _defaults())
    table = typed.plot_ratio_min
    division = _divisions(industry_code)
    minimum = division.map(lambda d: table.get(str(d), table["default"]) if pd.notna(d) else None)
    minimum = minimum.fillna(table["default"]).astype(float)
    target = np.minimum(minimum + typed.land.plot_ratio_uplift, typed.land.max_plot_ratio)
    return pd.DataFrame(
        {"division": division, "plot_ratio_min": minimum, "target_plot_ratio": target},
        index=industry_code.index,
    )


def _defaults() -> Settings:
    from config import load_settings

    return load_settings()


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    return frame[column]


def plot_ratio_potential(
    firms: pd.DataFrame,
    *,
    settings: Settings | Mapping[str, Any] | None = None,
    lang: str = "zh",
) -> pd.DataFrame:
    """The 厂房加层 potential of each firm (columns :data:`POTENTIAL_COLUMNS`, on its index).

    Parameters
    ----------
    firms
        Enterprises (any rows; no year is selected here): ``industry_code``, ``land_area_m2``,
        ``floor_area_m2`` (optional), ``uscc``, ``name``, ``town``, ``park_id``.
    settings
        ``[plot_ratio_min]`` and ``[land]`` are read; the defaults when omitted.
    lang
        Language of ``reason`` (``"zh"`` or ``"en"``).
    """
    targets = target_plot_ratio(firms["industry_code"], settings=settings)
    land = _number(firms, "land_area_m2")
    floor = _number(firms, "floor_area_m2")
    no_land = ~(land > 0)
    no_floor = floor.isna()
    evaluated = ~(no_land | no_floor)
    target = targets["target_plot_ratio"]
    current = (floor / land).where(evaluated)
    potential = ((target - current).clip(lower=0) * land).where(evaluated)
    saved = potential / target
    reason = pd.Series("", index=firms.index, dtype=object)
    sep = _t("sep", lang)
    for mask, key in ((no_floor, "no_floor"), (no_land, "no_land")):
        text = _t(key, lang)
        reason = reason.mask(mask & (reason != ""), reason + sep + text).mask(
            mask & (reason == ""), text
        )
    out = pd.DataFrame(
        {
            "uscc": _text(firms, "uscc"),
            "name": _text(firms, "name"),
            "town": _text(firms, "town"),
            "park_id": _text(firms, "park_id"),
            "industry_code": firms["industry_code"],
            "division": targets["division"],
            "above_scale": _text(firms, "above_scale"),
            "land_area_m2": land,
            "floor_area_m2": floor,
            "current_plot_ratio": current,
            "plot_ratio_min": targets["plot_ratio_min"],
            "target_plot_ratio": target,
            "potential_floor_m2": potential,
            "land_saved_m2": saved,
            "land_saved_mu": saved / M2_PER_MU,
            "land_saved_ha": saved / M2_PER_HA,
            "evaluated": evaluated,
            "reason": reason,
        },
        index=firms.index,
    )
    return out.loc[:, list(POTENTIAL_COLUMNS)]


def potential_by(table: pd.DataFrame, key: str, *, index: pd.Index | None = None) -> pd.DataFrame:
    """Sums of :data:`POTENTIAL_SUMS` per ``key`` (``park_id`` or ``town``) over the evaluated
    firms, with the counts ``firms``, ``evaluated``, ``not_evaluated`` (and of those
    ``no_floor_area``, ``no_land_area``; a firm may lack both) and ``_mu``/``_ha`` of the
    land saved. A group whose firms all lack a value has missing sums (not 0). ``index`` lists
    the groups to report (e.g. every park, with 0 firms where none lie).
    """
    rows = table[table[key].notna()].assign(
        no_floor_area=lambda t: t["floor_area_m2"].isna(),
        no_land_area=lambda t: ~(t["land_area_m2"] > 0),
    )
    grouped = rows.groupby(key, sort=True)
    out = pd.DataFrame({"firms": grouped.size()})
    out["evaluated"] = grouped["evaluated"].sum().astype(int)
    out["not_evaluated"] = out["firms"] - out["evaluated"]
    for column in ("no_floor_area", "no_land_area"):
        out[column] = grouped[column].sum().astype(int)
    ok = rows[rows["evaluated"].astype(bool)].groupby(key)
    for column in POTENTIAL_SUMS:
        out[column] = ok[column].sum(min_count=1).reindex(out.index)
    if index is not None:
        out = out.reindex(index)
        for column in _COUNTS:
            out[column] = out[column].fillna(0).astype(int)
    out.index.name = key
    return add_units(out.reset_index(), ["land_saved_m2"])


@dataclass(frozen=True)
class LandPotential:
    """The 厂房加层 potential of one survey year: ``firms`` (:data:`POTENTIAL_COLUMNS`),
    ``parks`` and ``towns`` (:func:`potential_by`), the year and the settings used."""

    firms: pd.DataFrame
    parks: pd.DataFrame
    towns: pd.DataFrame
    year: int | None
    uplift: float
    max_plot_ratio: float

    def parameters(self) -> dict[str, Any]:
        """What an export records of this computation."""
        return {
            "survey_year": self.year,
            "plot_ratio_uplift": self.uplift,
            "max_plot_ratio": self.max_plot_ratio,
        }


def land_potential(
    enterprises: pd.DataFrame,
    *,
    settings: Settings | Mapping[str, Any] | None = None,
    year: int | None = None,
    parks: pd.DataFrame | None = None,
    lang: str = "zh",
) -> LandPotential:
    """The 厂房加层 potential of the firms of survey ``year`` (the latest when omitted), per
    firm, per park (every park of ``parks`` when given) and per town."""
    typed = as_settings(settings if settings is not None else _defaults())
    firms, used = select_year(enterprises, year)
    table = plot_ratio_potential(firms, settings=typed, lang=lang)
    park_ids = None if parks is None else pd.Index(parks["park_id"].astype(str), name="park_id")
    return LandPotential(
        firms=table,
        parks=potential_by(table, "park_id", index=park_ids),
        towns=potential_by(table, "town"),
        year=used,
        uplift=typed.land.plot_ratio_uplift,
        max_plot_ratio=typed.land.max_plot_ratio,
    )
