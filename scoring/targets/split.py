"""Town targets of the plan and their completion from the yearly survey (番府〔2015〕84号).

The plan (一(二)(三), 四(一)(三)) sets district figures for 2015, growth rates for 2016–2017 and
splits them across the 16 towns in an attachment that is not public. This module computes

- the **default split**: each district figure of a year shared among the towns in proportion to
  their *industrial base* — a town's share of the gross output (工业总产值) of the above-scale
  firms (规模以上) in the base-year survey. Amounts are rounded to ``amount_unit`` 亿元 and counts
  to whole firms by the largest-remainder method, so the towns always add up to the district
  figure exactly. Shares are not split: every town gets the district's R&D share, and each town's
  clean-production share runs linearly from its own actual of the year before the base year
  (2014 for the plan; the base year's when that year was not surveyed) to 100 % in the goal
  year, so the base year's target is a step beyond its start, not its own actual (issue 23);
- the **actual values** per town and survey year (:func:`town_actuals`);
- **completion** per indicator (actual / target, in %), overall (the mean of the indicator
  completions, each capped at ``cap``), **rank** (1 = best) and **behind** (completion < 100 %).

Plain pandas, vectorised (group-bys, no per-row Python). Seams: :data:`INDICATORS` (the six
indicators), :func:`default_split`, :func:`town_actuals`; completion, rank and the report of a
year live in :mod:`scoring.targets.completion`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from errors import ParkPlanError, Problem, ValidationError

__all__ = [
    "INDICATORS",
    "KEYS",
    "SURVEY_COLUMNS",
    "Indicator",
    "allocate",
    "clean_start_year",
    "default_split",
    "district_figures",
    "industrial_base",
    "plan_district",
    "split_check",
    "survey_years",
    "target_years",
    "town_actuals",
]

Text = tuple[str, str]
Kind = Literal["amount", "count", "share"]


@dataclass(frozen=True)
class Indicator:
    """One target indicator: what it counts in the survey, its unit and how it is split."""

    key: str
    label: Text
    unit: Text
    kind: Kind
    counts: Text  # what the actual value is, stated on the page and in exports


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator(
            "industrial_investment",
            ("工业投资", "Industrial investment"),
            ("亿元", "100 M yuan"),
            "amount",
            ("调查企业工业投资之和", "sum of the surveyed firms' industrial investment"),
        ),
        Indicator(
            "tech_retrofit_investment",
            ("技改投资", "Retrofit investment"),
            ("亿元", "100 M yuan"),
            "amount",
            ("调查企业技改投资之和", "sum of the surveyed firms' retrofit investment"),
        ),
        Indicator(
            "tech_retrofit_firms",
            ("完成技改的规上企业", "Above-scale firms with a retrofit done"),
            ("家", "firms"),
            "count",
            ("规上企业中“完成技改”为是的家数", "above-scale firms with tech_retrofit true"),
        ),
        Indicator(
            "robot_firms",
            ("开展机器换人的规上企业", "Above-scale firms doing 机器换人"),
            ("家", "firms"),
            "count",
            ("规上企业中“机器换人”为是的家数", "above-scale firms with robot_retrofit true"),
        ),
        Indicator(
            "rd_share",
            ("规上企业设立研发机构比例", "Above-scale firms with an R&D institution"),
            ("%", "%"),
            "share",
            ("设有研发机构的规上企业 / 规上企业", "above-scale firms with rd_institution / all"),
        ),
        Indicator(
            "clean_production_share",
            ("规上企业清洁生产审核比例", "Above-scale firms with a clean-production audit"),
            ("%", "%"),
            "share",
            (
                "完成清洁生产审核的规上企业 / 规上企业",
                "above-scale firms with clean_production_audit / all",
            ),
        ),
    )
}
KEYS: tuple[str, ...] = tuple(INDICATORS)

# survey column behind each indicator (amounts in 万元 in the survey, 亿元 in the targets)
_AMOUNT_COLUMNS = {
    "industrial_investment": "industrial_investment",
    "tech_retrofit_investment": "tech_retrofit_investment",
}
_FLAG_COLUMNS = {
    "tech_retrofit_firms": "tech_retrofit",
    "robot_firms": "robot_retrofit",
    "rd_share": "rd_institution",
    "clean_production_share": "clean_production_audit",
}
SURVEY_COLUMNS: tuple[str, ...] = (
    "survey_year",
    "town",
    "above_scale",
    "industry_code",
    "gross_output",
    "value_added",
    "high_tech",
    *_AMOUNT_COLUMNS.values(),
    *_FLAG_COLUMNS.values(),
)
WAN_PER_YI = 10_000.0  # 1 亿元 = 10 000 万元


def target_years(config: TargetsSettings) -> list[int]:
    """The years the plan sets targets for: ``base_year`` … ``goal_year``."""
    return list(range(config.base_year, config.goal_year + 1))


def survey_years(firms: pd.DataFrame) -> list[int]:
    """The survey years present in ``firms``."""
    years = pd.to_numeric(firms["survey_year"], errors="coerce").dropna().astype(int)
    return sorted(int(y) for y in years.unique())


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    """A bool column with missing values as False (an unanswered survey item is a no)."""
    if column not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame[column].fillna(False).astype(bool)


def _year_rows(firms: pd.DataFrame, year: int) -> pd.DataFrame:
    years = pd.to_numeric(firms["survey_year"], errors="coerce")
    return firms.loc[years == year]


def industrial_base(firms: pd.DataFrame, *, year: int, towns: Sequence[str]) -> pd.Series:
    """Each town's share (0–1) of the gross output of above-scale firms in ``year``'s survey.

    Raises a ParkPlanError when that year has no above-scale output (the split has no base).
    """
    rows = _year_rows(firms, year)
    above = rows.loc[_flag(rows, "above_scale")]
    output = pd.to_numeric(above["gross_output"], errors="coerce").fillna(0.0)
    by_town = output.groupby(above["town"]).sum().reindex(list(towns), fill_value=0.0)
    total = float(by_town.sum())
    if total <= 0:
        raise ParkPlanError(
            f"no above-scale gross output in the {year} survey: the default split of the town "
            f"targets shares the district figures by it; survey years: {survey_years(firms)}"
        )
    return (by_town / total).rename("industrial_base")


def allocate(total: float, weights: np.ndarray, *, unit: float) -> np.ndarray:
    """Share ``total`` in proportion to ``weights`` in multiples of ``unit``, summing exactly.

    Largest-remainder (Hamilton) method: every part gets the floor of its quota, and the units
    left go to the largest remainders (ties to the first).
    """
    units = round(total / unit)
    w = np.asarray(weights, dtype=float)
    quota = w / w.sum() * units
    parts = np.floor(quota + 1e-9)
    left = units - int(parts.sum())
    order = np.argsort(-(quota - parts), kind="stable")
    parts[order[:left]] += 1
    return np.round(parts * unit, 10)


def clean_start_year(firms: pd.DataFrame, config: TargetsSettings) -> int:
    """The year clean production runs from: the year before the base year when it was
    surveyed (the plan: 2014), else the base year itself."""
    before = config.base_year - 1
    return before if before in survey_years(firms) else config.base_year


def district_figures(
    config: TargetsSettings, *, clean_base: float, clean_from: int | None = None
) -> pd.DataFrame:
    """The district figure of each indicator per target year (rows: years, columns: KEYS).

    The base year holds the plan's figures; each later year grows by ``growth`` (amounts rounded
    to ``amount_unit``, counts to whole firms). Clean production runs linearly from the
    district's actual ``clean_base`` (%) of ``clean_from`` (default: the base year) to its goal
    in the goal year.
    """
    years = target_years(config)
    base, goal = years[0], years[-1]
    start = base if clean_from is None else clean_from
    out = pd.DataFrame(index=pd.Index(years, name="year"), columns=list(KEYS), dtype=float)
    growth = config.growth
    for key, item in INDICATORS.items():
        if key == "clean_production_share":
            continue
        rates = [0.0, *(float(g) for g in growth.get(key, [0.0] * (len(years) - 1)))]
        if len(rates) != len(years):
            allowed = f"{len(years) - 1} 个年增长率 / one rate per year {years[1]}–{goal}"
            problem = Problem("config", None, f"targets.growth.{key}", rates[1:], allowed)
            raise ValidationError([problem], source="config")
        path = float(getattr(config.district, key)) * np.cumprod(1.0 + np.asarray(rates))
        out[key] = _rounded(path, item.kind, config.amount_unit)
    out["clean_production_share"] = _linear(
        clean_base, config.district.clean_production_share, years, start, goal
    )
    return out


def _rounded(values: np.ndarray, kind: Kind, amount_unit: float) -> np.ndarray:
    if kind == "count":
        return np.floor(values + 0.5)
    if kind == "amount":
        return np.round(np.floor(values / amount_unit + 0.5) * amount_unit, 10)
    return values


def _linear(start: Any, goal: float, years: Sequence[int], base: int, end: int) -> np.ndarray:
    """start + (goal − start) × (year − base) / (end − base), per year (columns) and row."""
    step = (np.asarray(years, dtype=float) - base) / max(end - base, 1)
    s = np.asarray(start, dtype=float)[..., None]
    return s + (goal - s) * step


def default_split(
    firms: pd.DataFrame, *, towns: Sequence[str], config: TargetsSettings
) -> pd.DataFrame:
    """The default town targets: columns ``year``, ``town`` and one per indicator.

    Amounts and counts share the year's district figure by :func:`industrial_base` (base-year
    survey); the R&D share is the district's for every town; clean production runs from each
    town's actual of :func:`clean_start_year` (the district's when the town has no above-scale
    firm) to the goal.
    """
    years = target_years(config)
    base = industrial_base(firms, year=years[0], towns=towns).to_numpy()
    start = clean_start_year(firms, config)
    actual = town_actuals(firms, year=start, towns=towns, config=config)
    district_clean = _district_share(firms, year=start, column="clean_production_audit")
    district = district_figures(config, clean_base=district_clean, clean_from=start)
    town_clean = actual["clean_production_share"].fillna(district_clean).to_numpy()
    clean = _linear(
        town_clean,
        config.district.clean_production_share,
        years,
        start,
        years[-1],
    )
    frames = []
    unit = config.amount_unit
    for j, year in enumerate(years):
        frame = pd.DataFrame({"year": year, "town": list(towns)})
        for key, item in INDICATORS.items():
            total = float(district[key].to_numpy(dtype=float)[j])
            if key == "clean_production_share":
                frame[key] = clean[:, j]
            elif item.kind == "share":
                frame[key] = total
            else:
                frame[key] = allocate(total, base, unit=unit if item.kind == "amount" else 1.0)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _district_share(firms: pd.DataFrame, *, year: int, column: str) -> float:
    rows = _year_rows(firms, year)
    above = _flag(rows, "above_scale")
    n = int(above.sum())
    return float((_flag(rows, column) & above).sum() / n * 100.0) if n else float("nan")


def plan_district(
    firms: pd.DataFrame, *, towns: Sequence[str], config: TargetsSettings
) -> tuple[pd.DataFrame, pd.Series]:
    """The district figures per target year and the towns' above-scale firm counts in the base
    year (the weights of the share indicators), both read from the base-year survey."""
    base = config.base_year
    weights = town_actuals(firms, year=base, towns=towns, config=config)["above_scale_firms"]
    start = clean_start_year(firms, config)
    clean_base = _district_share(firms, year=start, column="clean_production_audit")
    return district_figures(config, clean_base=clean_base, clean_from=start), weights


def town_actuals(
    firms: pd.DataFrame,
    *,
    year: int,
    towns: Sequence[str],
    config: TargetsSettings,
) -> pd.DataFrame:
    """Actual values per town (rows, in ``towns`` order) in ``year``'s survey.

    Columns: the six indicators (amounts in 亿元, shares in %), ``clean_production_key_share``
    (the audited share among above-scale firms of the key industries, ``key_divisions``), and
    the counts behind them: ``surveyed_firms``, ``above_scale_firms``, ``key_industry_firms``.
    A town with no survey row that year has no value (NaN), never a zero; so has a share whose
    denominator is zero, and an amount nobody in the district reported.
    """
    rows = _year_rows(firms, year)
    above = _flag(rows, "above_scale")
    division = rows["industry_code"].astype("string").str[:2]
    key = above & division.isin(list(config.key_divisions)).fillna(False)
    parts = {"surveyed_firms": pd.Series(1, index=rows.index), "above_scale_firms": above}
    for name, column in _AMOUNT_COLUMNS.items():
        values = rows[column] if column in rows else pd.Series(np.nan, index=rows.index)
        parts[name] = pd.to_numeric(values, errors="coerce").fillna(0.0) / WAN_PER_YI
    for name, column in _FLAG_COLUMNS.items():
        parts[name] = _flag(rows, column) & above
    parts["key_industry_firms"] = key
    parts["key_audited"] = _flag(rows, "clean_production_audit") & key
    sums = pd.DataFrame(parts).groupby(rows["town"]).sum().reindex(list(towns))
    out = pd.DataFrame(index=pd.Index(list(towns), name="town"))
    for name, column in _AMOUNT_COLUMNS.items():
        reported = column in rows and rows[column].notna().any()
        out[name] = sums[name] if reported else np.nan
    out["tech_retrofit_firms"] = sums["tech_retrofit_firms"]
    out["robot_firms"] = sums["robot_firms"]
    n_above = sums["above_scale_firms"].where(sums["above_scale_firms"] > 0)
    out["rd_share"] = sums["rd_share"] / n_above * 100.0
    out["clean_production_share"] = sums["clean_production_share"] / n_above * 100.0
    n_key = sums["key_industry_firms"].where(sums["key_industry_firms"] > 0)
    out["clean_production_key_share"] = sums["key_audited"] / n_key * 100.0
    for name in ("surveyed_firms", "above_scale_firms", "key_industry_firms"):
        out[name] = sums[name].fillna(0).astype(int)
    return out


def split_check(
    split: pd.DataFrame, district: pd.Series, *, weights: pd.Series, unit: float
) -> pd.DataFrame:
    """Do one year's town targets still add up to the district figures?

    ``split`` has one row per town (index) and the indicator columns; ``district`` the year's
    district figures; ``weights`` the towns' above-scale firm counts (shares are compared as
    the firm-weighted mean of the towns' shares). Rows: indicators; columns ``district``,
    ``towns`` (sum, or weighted mean for shares), ``difference`` and ``matches`` (within half
    of ``unit`` for amounts, of one firm for counts, 0.05 point for shares).
    """
    w = weights.reindex(split.index).fillna(0.0).to_numpy(dtype=float)
    rows = []
    for key, item in INDICATORS.items():
        values = pd.to_numeric(split[key], errors="coerce").to_numpy(dtype=float)
        if item.kind == "share":
            towns = float(np.nansum(values * w) / w.sum()) if w.sum() else float("nan")
            tolerance = 0.05
        else:
            towns = float(np.nansum(values))
            tolerance = unit / 2 if item.kind == "amount" else 0.5
        diff = towns - float(district[key])
        rows.append((key, float(district[key]), towns, diff, bool(abs(diff) < tolerance)))
    return pd.DataFrame(
        rows, columns=["indicator", "district", "towns", "difference", "matches"]
    ).set_index("indicator")
