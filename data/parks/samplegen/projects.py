"""The technical-retrofit project library (issue 24): a non-spatial ``projects`` table.

The plan's 二(一)1 asks for a city–district library of technical-retrofit projects followed
from 落地 through 开工 to 投产, key projects (市重点, or ≥ 5 000 万元) closely [V]; its 三(一)
matches provincial and city subsidies from district funds, province + city + district at most
50 % of the firm's investment [V]. The sample's library is drawn from the enterprises as
written, so it agrees with their 2015 survey rows:

- **2015, completed**: every above-scale firm whose 2015 row has ``tech_retrofit`` = 1 (the
  survey's 86, against the plan's 89) has a project filed in 2015 that reached 投产 in 2015;
  the firms with ``robot_retrofit`` = 1 (9, target 10) as 机器换人 [G]. Its investment is the
  firm's ``tech_retrofit_investment`` (split in two projects above 1 500 万元). The survey drew
  the flag and the investment independently, so 54 of the 86 report no retrofit investment:
  their projects are small equipment updates (30–600 万元, median 150) [G].
- **2015, under way**: the 60 other firms with the largest 2015 ``tech_retrofit_investment``
  started a project in 2015 that completes from 2016 on; the survey figure is its 2015 spend,
  its total 1.1–1.5 times that [G]. The five above 5 000 万元 are key projects, and so
  are two of 2 500–5 000 万元 marked 市重点 [G].
- **2016 and 2017**: about 55 and 50 projects by surveyed firms (a few second rounds), types
  by the plan's 三(一) list; 机器换人 only by firms with ``robot_retrofit`` = 1 in a survey
  year, 企业技术中心 by firms with an R&D institution, 首台套 by high-tech firms, and four
  园区循环化改造 by the largest firm of a village park [G].
- Timelines: landing 10–120 days after filing, start near a planned start, completion after
  a planned duration of 5–20 months, stretched by up to 30 %; the stage is the last one
  reached by 2017-12-31; five projects are terminated (one 2015, two 2016 after their start,
  two 2017 before) [G]. One 2016 and one 2017 project are raised to 8 600 and 12 400 万元:
  nine key projects. They are on time except three deliberately late ones, as of 2017-12-31:
  the largest 2015 one and the 2016 one started but not completed after the planned date,
  the 2017 one not started after its planned start [G].
- Subsidies: about 55 % of started projects hold province + city awards of 5–20 % of the
  total; three small ones more than 50 % (the district may add nothing); district matching
  requested on about half of those, approved on 60 % of the requests where the cap leaves
  room, never above province + city + district ≤ 50 % [G]. Approver 区科工商信局 (the plan's
  区科技工业商务和信息化局) [V].
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from .project_plan import (
    END,
    EQUIPMENT_SHARE,
    TYPES,
    firm_short_name,
    later_types,
    timeline,
)

__all__ = ["COLUMNS", "PROJECT_TABLE", "TYPES", "is_late", "make_projects", "write_projects"]

PROJECT_TABLE = "projects"
COLUMNS = [
    "project_id", "uscc", "name", "type", "total_investment_wan", "equipment_investment_wan",
    "city_key", "stage", "reserve_date", "landing_date", "start_date", "production_date",
    "terminated_date", "planned_start_date", "planned_production_date", "subsidy_province_wan",
    "subsidy_city_wan", "matching_requested_wan", "matching_approved_wan", "approval_date",
    "approved_by", "year",
]  # fmt: skip
KEY_WAN = 5000.0
APPROVER = "区科工商信局"
N_UNDER_WAY = 60
N_LATER = {2016: 55, 2017: 50}
SPLIT_WAN = 1500.0
PHASES = "一二三四五"


def _record(rng, firm: pd.Series, kind: str, total: float, year: int, dates: dict) -> dict:
    low, high = EQUIPMENT_SHARE[kind]
    total = round(float(total), 1)
    return {
        "uscc": firm["uscc"],
        "name": f"{firm_short_name(firm['name'])}{kind}项目",
        "type": kind,
        "total_investment_wan": total,
        "equipment_investment_wan": round(total * rng.uniform(low, high), 1),
        "city_key": False,
        "year": year,
        **dates,
    }


def _completed(rng, y15: pd.DataFrame) -> list[dict]:
    """One or two completed 2015 projects per above-scale firm with tech_retrofit = 1."""
    out = []
    firms = y15[y15["above_scale"] & y15["tech_retrofit"]].sort_values("uscc")
    plain = [t for t in TYPES if t not in ("机器换人", "园区循环化改造", "首台套")]
    for _, firm in firms.iterrows():
        tri = float(firm["tech_retrofit_investment"] or 0.0)
        total = tri if tri > 0 else float(np.clip(rng.lognormal(np.log(150), 0.6), 30, 600))
        parts = [total] if total <= SPLIT_WAN else list(total * np.array([0.6, 0.4]))
        for k, part in enumerate(parts):
            kind = "机器换人" if firm["robot_retrofit"] and k == 0 else str(rng.choice(plain))
            dates = timeline(rng, 2015, done_in=2015)
            out.append(_record(rng, firm, kind, part, 2015, dates))
    return out


def _under_way(rng, y15: pd.DataFrame) -> list[dict]:
    """2015 projects of the firms with the largest retrofit spend, completing from 2016."""
    out = []
    pool = y15[~(y15["above_scale"] & y15["tech_retrofit"])]
    pool = pool[pool["tech_retrofit_investment"] > 0]
    pool = pool.sort_values(["tech_retrofit_investment", "uscc"], ascending=[False, True])
    kinds = ["设备更新", "智能化改造", "扩产增效", "两化融合", "企业技术中心"]
    for _, firm in pool.head(N_UNDER_WAY).iterrows():
        tri = float(firm["tech_retrofit_investment"])
        total = tri * rng.uniform(1.1, 1.5)
        if tri < KEY_WAN <= total:
            total = rng.uniform(tri, KEY_WAN - 10)
        kind = (
            "扩产增效" if total >= KEY_WAN else str(rng.choice(kinds, p=[0.3, 0.3, 0.2, 0.1, 0.1]))
        )
        out.append(_record(rng, firm, kind, total, 2015, timeline(rng, 2015, done_in=None)))
    return out


def _later(rng, y15: pd.DataFrame, firms: pd.DataFrame, parks: pd.DataFrame) -> list[dict]:
    """Projects filed in 2016 and 2017, types first, then a firm that fits the type."""
    out = []
    surveyed = y15[y15["industrial_investment"].notna()].sort_values("uscc")
    weight = np.sqrt(surveyed["gross_output"].to_numpy()) * np.where(
        surveyed["tech_retrofit_investment"].to_numpy() > 0, 3.0, 1.0
    )
    robots = set(firms.loc[firms["robot_retrofit"], "uscc"])
    village = parks.loc[parks["name"].str.endswith("村工业园"), "park_id"]
    leaders = (
        y15[y15["park_id"].isin(village)]
        .sort_values(["gross_output", "uscc"], ascending=[False, True])
        .drop_duplicates("park_id")
        .head(12)
    )
    pools = {
        "机器换人": surveyed[surveyed["uscc"].isin(robots)],
        "企业技术中心": surveyed[surveyed["rd_institution"]],
        "首台套": surveyed[surveyed["high_tech"] & surveyed["above_scale"]],
        "园区循环化改造": leaders,
    }
    for year, n in N_LATER.items():
        for kind in later_types(rng, n):
            pool = pools.get(kind)
            if pool is None:
                firm = surveyed.iloc[int(rng.choice(len(surveyed), p=weight / weight.sum()))]
            else:
                firm = pool.iloc[int(rng.integers(len(pool)))]
            median = {"园区循环化改造": 1800.0, "首台套": 600.0}.get(kind, 400.0)
            total = min(rng.lognormal(np.log(median), 0.8), rng.uniform(4000, 4900))
            out.append(_record(rng, firm, kind, total, year, timeline(rng, year, done_in=None)))
    return out


def _days(d: str) -> date:
    return date.fromisoformat(d)


def is_late(rec: dict) -> bool:
    """Past its planned start and not started, or past its planned completion and not done."""
    if rec["stage"] == "终止":
        return False
    if rec["start_date"] is None and _days(rec["planned_start_date"]) < END:
        return True
    return rec["production_date"] is None and _days(rec["planned_production_date"]) < END


def _key_projects(rng, recs: list[dict]) -> None:
    """Two 市重点 among the large under-way ones, two large later ones; three key ones late."""
    mid = [r for r in recs if r["year"] == 2015 and 2500 <= r["total_investment_wan"] < KEY_WAN]
    for r in mid[:2]:
        r["city_key"] = True
    big = [r for r in recs if r["type"] in ("扩产增效", "智能化改造")]
    later = [next(r for r in big if r["year"] == 2016)]
    later += [next(r for r in big if r["year"] == 2017 and r["start_date"] is None)]
    for r, total in zip(later, (8600.0, 12400.0), strict=True):
        r["total_investment_wan"] = total
        r["equipment_investment_wan"] = round(total * rng.uniform(0.45, 0.7), 1)
    key = [r for r in recs if r["city_key"] or r["total_investment_wan"] >= KEY_WAN]
    biggest = max((r for r in key if r["year"] == 2015), key=lambda r: r["total_investment_wan"])
    late = {id(biggest), id(later[0]), id(later[1])}
    for r in key:
        if id(r) in late:
            _make_late(r)
        elif is_late(r):
            horizon = END + timedelta(days=int(rng.integers(60, 240)))
            if r["start_date"] is None:
                r["planned_start_date"] = horizon.isoformat()
                horizon += timedelta(days=300)
            r["planned_production_date"] = horizon.isoformat()


def _make_late(r: dict) -> None:
    """Started projects miss their completion; the others their start (as of 2017-12-31)."""
    if r["start_date"] is not None:
        r["planned_production_date"] = min(_days(r["planned_production_date"]), date(2017, 6, 30))
        r["planned_production_date"] = r["planned_production_date"].isoformat()
        r["production_date"], r["stage"] = None, "开工"
        return
    r["planned_start_date"] = _days(r["landing_date"] or r["reserve_date"]) + timedelta(days=45)
    r["planned_start_date"] = min(r["planned_start_date"], date(2017, 10, 31)).isoformat()
    r["stage"] = "落地" if r["landing_date"] else "储备"


def _terminate(rng, recs: list[dict]) -> None:
    """Five projects stop: a 2015 one and two 2016 ones after their start, two 2017 ones before."""
    plain = [r for r in recs if not r["city_key"] and r["total_investment_wan"] < KEY_WAN]
    picks = [r for r in plain if r["year"] == 2015 and (r["production_date"] or "2016") >= "2016"]
    picks = picks[3:4] + [r for r in plain if r["year"] == 2016 and r["stage"] == "开工"][::4][:2]
    picks += [
        r
        for r in plain
        if r["year"] == 2017 and r["stage"] in ("储备", "落地") and r["reserve_date"] < "2017-09"
    ][::3][:2]
    for r in picks:
        last = max(_days(r[c]) for c in ("reserve_date", "landing_date", "start_date") if r[c])
        r["terminated_date"] = min(last + timedelta(days=int(rng.integers(40, 200))), END)
        r["terminated_date"] = r["terminated_date"].isoformat()
        r["production_date"], r["stage"] = None, "终止"


def _subsidies(rng, recs: list[dict]) -> None:
    """Province and city awards, district matching requested and approved within the cap."""
    for c in ("subsidy_province_wan", "subsidy_city_wan", "matching_requested_wan"):
        for r in recs:
            r[c] = None
    for r in recs:
        r["matching_approved_wan"], r["approval_date"], r["approved_by"] = None, None, None
    started = [r for r in recs if r["stage"] in ("开工", "投产")]
    small = [r for r in started if r["total_investment_wan"] < 800][::9][:3]
    for r in started:
        edge = any(r is s for s in small)
        if not edge and rng.random() > 0.55:
            continue
        total = r["total_investment_wan"]
        share = rng.uniform(0.52, 0.65) if edge else rng.uniform(0.05, 0.20)
        city = rng.uniform(0.4, 0.8) if rng.random() < 0.7 else 1.0
        r["subsidy_city_wan"] = round(total * share * city, 1)
        province = round(round(total * share, 1) - r["subsidy_city_wan"], 1)
        r["subsidy_province_wan"] = province if province > 0 else None
        if not edge and rng.random() > 0.5:
            continue
        r["matching_requested_wan"] = round(total * rng.uniform(0.05, 0.25), 1)
        room = 0.5 * total - r["subsidy_city_wan"] - (r["subsidy_province_wan"] or 0.0)
        if room <= 0 or rng.random() > 0.6:
            continue
        r["matching_approved_wan"] = np.floor(10 * min(r["matching_requested_wan"], room)) / 10
        after = _days(r["production_date"] or r["start_date"])
        r["approval_date"] = min(after + timedelta(days=int(rng.integers(30, 150))), END)
        r["approval_date"] = r["approval_date"].isoformat()
        r["approved_by"] = APPROVER


def make_projects(
    rng: np.random.Generator, enterprises: pd.DataFrame, parks: pd.DataFrame
) -> pd.DataFrame:
    """The ``projects`` table (columns exactly ``COLUMNS``) from the layers as written."""
    firms = pd.DataFrame(enterprises.drop(columns="geometry", errors="ignore"))
    y15 = firms[firms["survey_year"] == 2015]
    recs = _completed(rng, y15) + _under_way(rng, y15) + _later(rng, y15, firms, parks)
    _key_projects(rng, recs)
    _terminate(rng, recs)
    _subsidies(rng, recs)
    table = pd.DataFrame(recs)
    table = table.sort_values(["year", "reserve_date", "uscc"], kind="stable").reset_index(
        drop=True
    )
    phase = table.groupby("name").cumcount().to_numpy()  # a firm's second 机器换人项目 …
    table["name"] = [
        n if k == 0 else f"{n}（{PHASES[k]}期）" for n, k in zip(table["name"], phase, strict=True)
    ]
    seq = table.groupby("year").cumcount() + 1
    table["project_id"] = [f"XM-{y}-{k:04d}" for y, k in zip(table["year"], seq, strict=True)]
    return table[COLUMNS]


def write_projects(table: pd.DataFrame, gpkg: Path) -> None:
    """Add ``table`` to ``gpkg`` as a GeoPackage attributes table (no geometry)."""
    pyogrio.write_dataframe(table, gpkg, layer=PROJECT_TABLE, driver="GPKG")
