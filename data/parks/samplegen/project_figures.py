"""Calibration figures of the ``projects`` table, read back from the GeoPackage as written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio

from .calibration import Figure, _pct
from .project_plan import END
from .projects import KEY_WAN, PROJECT_TABLE

__all__ = ["project_figures"]


def _late(t: pd.DataFrame) -> pd.Series:
    end = END.isoformat()
    live = t["stage"] != "终止"
    no_start = t["start_date"].isna() & (t["planned_start_date"] < end)
    no_done = t["production_date"].isna() & (t["planned_production_date"] < end)
    return live & (no_start | no_done)


def project_figures(y15: pd.DataFrame, gpkg: Path) -> list[Figure]:
    """The library against the plan's 2015 targets (§6) and issue 24's shape."""
    t = pyogrio.read_dataframe(gpkg, layer=PROJECT_TABLE)
    above = set(y15.loc[y15["above_scale"], "uscc"])
    p15 = t[t["year"] == 2015]
    done = p15[p15["production_date"].notna() & (p15["production_date"] < "2016-01-01")]
    done_above = done[done["uscc"].isin(above)]
    robots = done_above.loc[done_above["type"] == "机器换人", "uscc"].nunique()
    survey_tr = int(y15.loc[y15["above_scale"], "tech_retrofit"].sum())
    key = t[t["city_key"].astype(bool) | (t["total_investment_wan"] >= KEY_WAN)]
    state = t["subsidy_province_wan"].fillna(0) + t["subsidy_city_wan"].fillna(0)
    subsidised = state > 0
    total = t["total_investment_wan"]
    granted = t["matching_approved_wan"].notna()
    over_cap = (state + t["matching_approved_wan"].fillna(0)) > 0.5 * total + 1e-6
    live15 = p15[p15["stage"] != "终止"]
    tri = y15.set_index("uscc")["tech_retrofit_investment"]
    gives = f"{tri.reindex(done['uscc'].unique()).sum() / 1e4:.1f} of its {tri.sum() / 1e4:.1f}"
    return [
        Figure("technical-retrofit projects in the library, 2015–2017", len(t), "150–300", 150,
               300, "[G] issue 24"),
        Figure("above-scale firms with a 2015 project completed in 2015", done_above["uscc"]
               .nunique(), 89, 75, 100, f"[V] plan target 2015 (§6); survey says {survey_tr}"),
        Figure("机器换人 firms with a 2015 project completed in 2015", int(robots), 10, 7, 12,
               "[V] plan target 2015 (§6)"),
        Figure("2015 projects completed in 2015: investment, 亿元", done["total_investment_wan"]
               .sum() / 1e4, 26.80, 1, 26.80, "[V] §6 target; [G] a part of the year's retrofit "
               f"investment: the survey gives these firms {gives} 亿元"),
        Figure("projects filed in 2015 (not terminated): investment, 亿元", live15[
               "total_investment_wan"].sum() / 1e4, 26.80, 20, 31, "[V] plan target 2015 (§6)"),
        Figure("projects terminated (终止)", int((t["stage"] == "终止").sum()), "a few", 3, 8,
               "[G] issue 24"),
        Figure("key projects (市重点 or ≥ 5 000 万元)", len(key), "a handful", 5, 12,
               "[V] 二(一)1 follow-up; [G] count"),
        Figure("key projects late at 2017-12-31", int(_late(key).sum()), "some", 2, 6,
               "[V] 二(一)1 全过程跟踪; [G] count"),
        _pct("province + city of total, median of subsidised projects", float((state / total)[
             subsidised].median()), "5–20 %", 0.05, 0.20, "[U] 三(一) matching"),
        Figure("projects where province + city alone exceed 50 %", int((state > 0.5 * total)
               .sum()), "a few", 2, 6, "[V] 三(一) cap; [G] edge cases, the district adds nothing"),
        Figure("projects with district matching approved", int(granted.sum()), "—", 10, None,
               "[G] 三(一) 一事一议"),
        Figure("approved matching above the 50 % cap", int((over_cap & granted).sum()), 0, 0, 0,
               "[V] 三(一): province + city + district ≤ 50 %"),
    ]  # fmt: skip
