"""Calibration figures of the plan's later survey years (2016, 2017) and of the firms' history.

Measured on the enterprises layer as written, like every other figure: a row per year for each
figure DOMAIN.md §6 or §8 names with a year, and the dynamics (who left, who moved, who came).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .calibration import Figure, _pct
from .screen import energy_tce, five_flags

__all__ = ["later_figures"]

MU_M2 = 10_000 / 15
MIN_WAGE_WAN = 1895 * 12 / 1e4
# the plan's targets (DOMAIN.md §6 [V]): 2015 × (1.08, 1.07) and × (1.22, 1.20)
INVESTMENT = {2016: 103.09 * 1.08, 2017: 103.09 * 1.08 * 1.07}
RETROFIT = {2016: 26.80 * 1.22, 2017: 26.80 * 1.22 * 1.20}
HIGH_TECH = {2016: 0.475, 2017: 0.485}


def _auto(y: pd.DataFrame) -> float:
    auto = y["industry_code"].astype(str).str[:2] == "36"
    return float(y.loc[auto, "gross_output"].sum() / y["gross_output"].sum())


def _money(d) -> list[Figure]:
    out = []
    for year in (2016, 2017):
        y, before = d.year(year), d.year(year - 1)
        above = y[y["above_scale"]]
        in_park = y["park_id"].notna()
        mu = y["land_area_m2"] / MU_M2
        low_wage = ((y["value_added"] - y["tax"]) / y["employees"]) < MIN_WAGE_WAN
        go = y["gross_output"].sum() / 1e4
        out += [
            Figure(f"gross output {year}, 亿元", go, 1968.96 if year == 2016 else "—",
                   1800 if year == 2016 else 1950, 2150 if year == 2016 else 2450,
                   "[V] 1 968.96 亿元 in 2016 (§8)" if year == 2016
                   else "[G] 2016 grown at about the plan's +8 % of value added"),
            Figure(f"above-scale firms {year}", int(y["above_scale"].sum()), "1 200–1 750",
                   1200, 1750, "[U] 2015's range, grown with output (§8)"),
            _pct(f"value added {year} / {year - 1} − 1", y["value_added"].sum()
                 / before["value_added"].sum() - 1, 0.08, 0.05, 0.11,
                 "[V] plan target +8 % a year (§6)"),
            Figure(f"tax per 亩, firms in village parks, {year}, 万元", y.loc[in_park, "tax"]
                   .sum() / mu[in_park].sum(), 5, 3.5, 7.0, "[V] village parks ≈ 5 万元/亩 (§8)"),
            _pct(f"share of firms with (VA − tax)/worker < minimum wage, {year}",
                 low_wage.mean(), "a few %", 0.01, 0.08, "[V] 1 895 元/month; [U] (§8)"),
            Figure(f"above-scale value added per worker, {year}, 万元", above["value_added"]
                   .sum() / above["employees"].sum(), 18.2, 14.5, 22.0,
                   "[V] Guangdong 2013 (§8), growing"),
            Figure(f"above-scale energy per value added, {year}, tce/万元", energy_tce(above)
                   .sum() / above["value_added"].sum(), 0.5, 0.35, 0.7, "[V] (§8)"),
        ]  # fmt: skip
    return out


def _industry(d) -> list[Figure]:
    out = [
        _pct("auto (division 36) share of output 2016", _auto(d.year(2016)), 0.186, 0.165,
             0.205, "[V] 18.6 % in 2016 (§8)"),
        _pct("auto (division 36) share of output 2017", _auto(d.year(2017)), "—", 0.15, 0.22,
             "[G] after 2016's jump"),
    ]  # fmt: skip
    for year, share in HIGH_TECH.items():
        y = d.year(year)
        above = y[y["above_scale"]]
        ht = above.loc[above["high_tech"], "gross_output"].sum() / above["gross_output"].sum()
        out.append(
            _pct(f"high-tech share of above-scale output {year}", ht, share, share - 0.02,
                 share + 0.02, "[V] 48.5 % in 2017 at +1 point a year (§6)")
        )  # fmt: skip
    counts = [int(d.year(y)["high_tech"].sum()) for y in (2014, 2017)]
    out.append(
        Figure("high-tech enterprises 2017 minus 2014 (net new)", counts[1] - counts[0], 39, 20,
               80, f"[V] 39 new over three years (§6); {counts[0]} in 2014, {counts[1]} in 2017")
    )  # fmt: skip
    return out


def _survey(d) -> list[Figure]:
    out = []
    for year in (2016, 2017):
        y = d.year(year)
        above = y[y["above_scale"]]
        out += [
            _pct(f"R&D institutions, share of above-scale firms, {year}", above[
                "rd_institution"].mean(), "13 %+", 0.11, 0.17, "[V] 13 % in 2015 (§6); [G] rising"),
            Figure(f"technical retrofits done (above-scale), {year}", int(above["tech_retrofit"]
                   .sum()), "—", 80, 115, "[G] a little above 2015's target of 89 (§6)"),
            Figure(f"机器换人 firms, {year}", int(above["robot_retrofit"].sum()), "—", 8, 18,
                   "[G] a little above 2015's target of 10 (§6)"),
            Figure(f"industrial investment, {year}, 亿元", y["industrial_investment"].sum() / 1e4,
                   round(INVESTMENT[year], 2), 0.87 * INVESTMENT[year], 1.12 * INVESTMENT[year],
                   "[V] plan: +8 % in 2016, +7 % in 2017 (§6)"),
            Figure(f"technical-retrofit investment, {year}, 亿元", y["tech_retrofit_investment"]
                   .sum() / 1e4, round(RETROFIT[year], 2), 0.83 * RETROFIT[year],
                   1.15 * RETROFIT[year], "[V] plan: +22 % in 2016, +20 % in 2017 (§6)"),
            _pct(f"clean-production audits, share of above-scale firms, {year}", above[
                "clean_production_audit"].mean(), "100 % by 2017", 0.25 if year == 2016
                else 0.7, 0.7 if year == 2016 else 1.0, "[V] 二(五)2; [G] a little short"),
        ]  # fmt: skip
    return out


def _dynamics(d) -> list[Figure]:
    f = d.firms
    years = sorted(f["survey_year"].unique())
    done = f[f["tech_retrofit"]]
    cum = [int(done.loc[done["survey_year"] <= y, "uscc"].nunique()) for y in years]
    y15 = d.year(2015)
    cand = five_flags(y15).sum(axis=1).to_numpy() >= 3
    y17 = d.year(2017).set_index("uscc")
    gone = ~y15["uscc"].isin(y17.index).to_numpy()
    park15 = y15["park_id"].notna().to_numpy()
    stay = y15["uscc"].isin(y17.index).to_numpy()
    moved = np.zeros(len(y15), dtype=bool)
    moved[stay] = park15[stay] & y17.loc[y15["uscc"][stay], "park_id"].isna().to_numpy()
    out = [
        Figure("firms with a technical retrofit so far, " + "/".join(map(str, years)),
               " / ".join(map(str, cum)), "rising", None, None, "[G] retrofits accumulate"),
        Figure("retrofit count rises every year", float(np.all(np.diff(cum) > 0)), "yes", 1, 1,
               "[G] retrofits accumulate"),
        _pct("2015 phase-out candidates closed by 2017", gone[cand].mean(), "higher", 0.2,
             0.6, f"[G] the other firms: {gone[~cand].mean():.1%} (§8 candidates should leave)"),
        Figure("candidates' closing rate over the others'", gone[cand].mean()
               / gone[~cand].mean(), "> 1", 2.0, None, "[G] (§8)"),
        Figure("firms relocated out of the parks by 2017", int(moved.sum()), "a few dozen", 20,
               100, f"[G] {int((moved & cand).sum())} of them 2015 phase-out candidates"),
    ]  # fmt: skip
    for year in (2016, 2017):
        now, before = d.year(year), d.year(year - 1)
        new = ~now["uscc"].isin(before["uscc"])
        out += [
            _pct(f"firms new in {year}", new.mean(), "3–7 %", 0.03, 0.07, "[G] entries"),
            Figure(f"firms {year}", len(now), "≈ 6 000", 5500, 6600, "[G] about stable"),
        ]  # fmt: skip
    return out


def later_figures(d) -> list[Figure]:
    """The later years' figures of ``d`` (calibration's layer data)."""
    return _money(d) + _industry(d) + _survey(d) + _dynamics(d)
