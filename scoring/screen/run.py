"""The screen of one survey year: indicators, five flags, grades, surcharges and reasons.

Plain Python, vectorised. :func:`screen` is what ``cli.py screen`` and the screen page call;
:data:`SCREEN_COLUMNS` is the DATA_MODEL.md contract of its output, in order. The park and
town aggregates and the phase-out what-if live in :mod:`scoring.screen.aggregates` and are
re-exported here (the parks' upgrade route reads :func:`park_aggregates`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from config.settings import Settings, as_settings
from errors import UnknownKeyError
from scoring.screen.aggregates import (
    AGGREGATE_COLUMNS,
    park_aggregates,
    town_aggregates,
    what_if,
)
from scoring.screen.five_excess import FLAG_RULES, FlagResult, five_flags
from scoring.screen.grades import grades
from scoring.screen.indicators import energy_basis, indicators
from scoring.screen.reasons import basis_word, reasons
from scoring.screen.surcharge import earlier_grades, surcharge

__all__ = [
    "AGGREGATE_COLUMNS",
    "EXTRA_COLUMNS",
    "METHOD_NOTE",
    "OUTPUT_EXTRA",
    "SCREEN_COLUMNS",
    "SCREEN_SECTIONS",
    "ScreenResult",
    "park_aggregates",
    "screen",
    "select_year",
    "thresholds_table",
    "town_aggregates",
    "what_if",
]

log = logging.getLogger(__name__)

SCREEN_COLUMNS: tuple[str, ...] = (
    "uscc", "name",
    "labour_productivity", "tax_per_mu", "va_per_mu", "va_rate", "plot_ratio", "energy_tce",
    "energy_per_va", "emission_per_va",
    "flag_labour", "flag_land", "flag_low_va", "flag_energy", "flag_pollution",
    "flag_count", "phase_out", "grade", "score", "surcharge_yuan", "reasons",
)  # fmt: skip
# kept beside the contract for filters, maps and aggregates
EXTRA_COLUMNS: tuple[str, ...] = (
    "record_id", "survey_year", "industry_code", "division", "town", "park_id", "above_scale",
    "employees", "land_mu", "tax", "value_added", "emissions_t",
    "grade_group", "grade_missing", "d_year", "d_year_source", "surcharge_electricity_yuan",
    "surcharge_gas_yuan", "surcharge_water_yuan",
)  # fmt: skip
# written after the contract by ``cli.py screen``
OUTPUT_EXTRA: tuple[str, ...] = ("d_year", "d_year_source")
METHOD_NOTE = (
    "“五过”无官方量化定义，本筛查为 ParkPlan 的文档化方案（DOMAIN.md §2），阈值均可配置。"
    " / No official quantitative definition of the five excesses exists; this screen is "
    "ParkPlan's documented proposal (DOMAIN.md §2) and every threshold is a setting."
)
# the configuration sections a screen reads (recorded in every export)
SCREEN_SECTIONS = ("five_excess", "plot_ratio_min", "grade", "prices", "energy")


@dataclass(frozen=True)
class ScreenResult:
    """A screen: ``table`` (:data:`SCREEN_COLUMNS` then :data:`EXTRA_COLUMNS`), the flag
    details behind the reasons, the indicators, the electricity basis and the settings used."""

    table: pd.DataFrame
    flags: FlagResult
    indicators: pd.DataFrame
    basis: str
    year: int | None
    settings: dict[str, Any] = field(default_factory=dict)

    def contract(self) -> pd.DataFrame:
        """The DATA_MODEL columns, in order."""
        return self.table.loc[:, list(SCREEN_COLUMNS)]

    def output(self) -> pd.DataFrame:
        """What ``cli.py screen`` writes: the contract, then the consecutive year in D and
        where its count came from (survey history or the typed field)."""
        return self.table.loc[:, [*SCREEN_COLUMNS, *OUTPUT_EXTRA]]

    def parameters(self) -> dict[str, Any]:
        """What an export of this screen records: year, energy basis, settings, method note."""
        return {
            "survey_year": self.year,
            "electricity_basis": self.basis,
            "note": METHOD_NOTE,
            **self.settings,
        }


def select_year(enterprises: pd.DataFrame, year: int | None) -> tuple[pd.DataFrame, int | None]:
    """The firms of survey ``year``; the latest year when ``year`` is ``None``."""
    if "survey_year" not in enterprises.columns or enterprises.empty:
        return enterprises, year
    years = pd.to_numeric(enterprises["survey_year"], errors="coerce")
    known = sorted(int(y) for y in years.dropna().unique())
    if year is None:
        year = known[-1] if known else None
    elif year not in known:
        raise UnknownKeyError("survey year", year, [str(y) for y in known])
    return enterprises[years == year], year


def _config(config: Settings | Mapping[str, Any] | None) -> Mapping[str, Any]:
    if isinstance(config, Settings):
        return config.model_dump(by_alias=True)
    if config is not None:
        return config
    from config import load_config

    return load_config()


def screen(
    enterprises: pd.DataFrame,
    *,
    config: Settings | Mapping[str, Any] | None = None,
    year: int | None = None,
    lang: str = "zh",
    precomputed: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
) -> ScreenResult:
    """Screen the firms of one survey year.

    Parameters
    ----------
    enterprises
        The enterprises layer (a GeoDataFrame or a plain frame), any number of years.
    config
        The whole configuration (:func:`config.load_settings`, or the mapping of
        :func:`config.load_config`, validated here); the defaults when omitted.
    year
        Survey year to screen; the latest in ``enterprises`` when omitted. Medians, benchmarks
        and ranks are taken among the firms of that year.
    lang
        Language of the reasons (``"zh"`` or ``"en"``).
    precomputed
        The :func:`scoring.screen.indicators.indicators` of exactly these firms of that year
        (the page caches them, so a threshold change recomputes only the flags).
    history
        :func:`scoring.screen.surcharge.earlier_grades` of ``enterprises`` before ``year``
        with these settings (the page caches it: grades do not depend on the thresholds);
        computed here when omitted.

    Returns
    -------
    ScreenResult
    """
    cfg = _config(config)
    firms, year = select_year(enterprises, year)
    typed = as_settings(cfg)
    ind = precomputed if precomputed is not None else indicators(firms, energy=typed.energy)
    flags = five_flags(ind, firms["industry_code"], config=typed, lang=lang)
    graded = grades(ind, firms, config=typed, lang=lang)
    if history is None:  # consecutive years in D from the survey history (issue 23)
        history = earlier_grades(enterprises, year, typed)
    paid = surcharge(firms, graded["grade"], prices=typed.prices, history=history, year=year)
    why = reasons(
        flags,
        ind,
        grade_missing=graded["grade_missing"],
        lang=lang,
        basis=basis_word(typed.energy, lang),
    )
    table = _assemble(firms, ind, flags, graded, paid, why)
    log.info(
        "screened %s firms of %s: %s phase-out candidates",
        f"{len(table):,}",
        year,
        f"{int(table['phase_out'].sum()):,}",
    )
    settings = {k: cfg[k] for k in SCREEN_SECTIONS if k in cfg}
    return ScreenResult(table, flags, ind, energy_basis(typed.energy, lang=lang), year, settings)


def _column(frame: pd.DataFrame, name: str, default: object = None) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(default, index=frame.index, dtype=object)


def _assemble(
    firms: pd.DataFrame,
    ind: pd.DataFrame,
    flags: FlagResult,
    graded: pd.DataFrame,
    paid: pd.DataFrame,
    why: pd.Series,
) -> pd.DataFrame:
    columns: dict[str, Any] = {
        "uscc": _column(firms, "uscc"),
        "name": _column(firms, "name"),
        **{c: ind[c] for c in SCREEN_COLUMNS[2:10]},
        **{c: flags.flags[c] for c in flags.flags.columns},
        "grade": graded["grade"],
        "score": graded["score"],
        "surcharge_yuan": paid["surcharge_yuan"],
        "reasons": why,
        "record_id": _column(firms, "record_id"),
        "survey_year": _column(firms, "survey_year"),
        "industry_code": firms["industry_code"],
        "division": flags.divisions,
        "town": _column(firms, "town"),
        "park_id": _column(firms, "park_id"),
        "above_scale": _column(firms, "above_scale"),
        "employees": ind["employees"],
        "land_mu": ind["land_mu"],
        "tax": ind["tax"],
        "value_added": ind["value_added"],
        "emissions_t": ind["emissions_t"],
        "grade_group": graded["grade_group"],
        "grade_missing": graded["grade_missing"],
        **{c: paid[c] for c in paid.columns if c != "surcharge_yuan"},
    }
    ordered = {c: _values(columns[c]) for c in (*SCREEN_COLUMNS, *EXTRA_COLUMNS)}
    # copy=False: the columns stay separate arrays (consolidating them costs seconds at 1 M)
    return pd.DataFrame(ordered, index=pd.RangeIndex(len(firms)), copy=False)


def _values(column: pd.Series | pd.Categorical | np.ndarray) -> Any:
    """A column's values without its index (so the table gets a fresh 0…n-1 index)."""
    return column.array if isinstance(column, pd.Series) else column


def thresholds_table(result: ScreenResult, *, lang: str = "zh") -> pd.DataFrame:
    """One row per flag and division: the indicator, mode, factor, the division's median and
    evaluated firms, whether it falls back to the district, and the threshold it is compared
    with. What the page's charts draw and the export notes hold."""
    from scoring.screen.groups import division_label

    cats = [str(c) for c in result.flags.divisions.categories]
    parts = []
    for key, detail in result.flags.details.items():
        if detail.groups is not None:
            t = detail.groups.table
            frame = t.assign(group=t["label"], threshold=detail.factor * t["median_used"]).drop(
                columns=["label", "median_used"]
            )
        else:
            frame = pd.DataFrame(
                {
                    "division": cats,
                    "group": [division_label(c, lang) for c in cats],
                    "n": pd.array([pd.NA] * len(cats), dtype="Int64"),
                    "median": np.nan,
                    "fallback": False,
                    "threshold": float(result.settings["five_excess"][key]["threshold"]),
                }
            )
        rule = FLAG_RULES[key]
        parts.append(
            frame.assign(
                flag=key,
                label=rule.label[0 if lang == "zh" else 1],
                indicator=rule.indicator,
                mode=detail.mode,
                factor=detail.factor,
            )
        )
    columns = ["flag", "label", "indicator", "mode", "factor", "division", "group", "n",
               "median", "fallback", "threshold"]  # fmt: skip
    return pd.concat(parts, ignore_index=True).loc[:, columns]
