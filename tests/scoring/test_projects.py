"""The project library's rules against hand-computed figures: the 50 % cap (also when province
and city alone exceed it), the key flag at exactly 5 000 万元, the late rule on its boundary
date, the budget share-out per year and town, and the towns' actuals from completed projects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from scoring.projects.actuals import project_actuals, retrofit_actuals
from scoring.projects.budget import budget_by_town, budget_by_year, remaining_budget
from scoring.projects.report import project_table
from scoring.projects.rules import follow_up, is_key, late_projects, max_district_matching
from store.projects import COLUMNS, normalised

SETTINGS = load_settings().projects  # key 5 000 万元, cap 50 %, budget 2015 6 700, 2016 8 200


def frame(**columns: list) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {
        "project_id": [f"P{i}" for i in range(1, n + 1)],
        "stage": ["储备"] * n,
        "year": [2015] * n,
    }
    return normalised(pd.DataFrame({**base, **columns}))


def test_the_cap_leaves_the_district_what_province_and_city_did_not_take() -> None:
    projects = frame(
        total_investment_wan=[6000, 1000, 2000, 800],
        subsidy_province_wan=[1000, 600, 500, None],
        subsidy_city_wan=[1000, None, 500, None],
    )
    most = max_district_matching(projects, cap_share=0.5)
    # 3000 − 2000; 500 − 600 < 0 → 0 (province alone above 50 %); 1000 − 1000 at the cap; 400
    assert most.tolist() == [1000.0, 0.0, 0.0, 400.0]
    assert max_district_matching(projects, cap_share=0.4).tolist() == [400.0, 0.0, 0.0, 320.0]


def test_a_project_is_key_at_exactly_the_threshold_or_when_the_city_lists_it() -> None:
    projects = frame(
        total_investment_wan=[5000, 4999.99, 100, None],
        city_key=[False, False, True, False],
    )
    assert is_key(projects, threshold_wan=5000).tolist() == [True, False, True, False]
    assert is_key(projects, threshold_wan=100).tolist() == [True, True, True, False]


def test_the_late_rule_is_strict_on_the_planned_date() -> None:
    projects = frame(
        stage=["落地", "开工", "投产", "终止", "储备", "储备"],
        planned_start_date=[
            "2016-03-01",
            "2016-01-01",
            "2015-01-01",
            "2015-01-01",
            None,
            "2016-03-01",
        ],
        planned_production_date=[
            None,
            "2016-12-31",
            "2015-06-01",
            "2015-06-01",
            "2016-12-31",
            "2016-06-01",
        ],
        total_investment_wan=[5000, 8000, 9000, 9000, 100, 6000],
    )
    on_day = follow_up(projects, as_of="2016-03-01").tolist()
    assert on_day == ["on_time", "on_time", "done", "terminated", "on_time", "on_time"]
    next_day = follow_up(projects, as_of="2016-03-02").tolist()
    assert next_day == ["late_start", "on_time", "done", "terminated", "on_time", "late_start"]
    year_end = follow_up(projects, as_of="2017-01-01").tolist()
    # not started and past its planned production: late production rather than late start
    assert year_end == [
        "late_start",
        "late_production",
        "done",
        "terminated",
        "late_production",
        "late_production",
    ]


def test_late_projects_are_the_key_ones_per_town() -> None:
    projects = frame(
        stage=["落地", "落地", "开工", "落地"],
        planned_start_date=["2016-03-01", "2016-03-01", "2016-01-01", "2016-03-01"],
        planned_production_date=[None, None, "2016-02-01", None],
        total_investment_wan=[5000, 4000, 6000, 100],
        city_key=[False, False, False, True],
    ).assign(town=["石碁", "化龙", "化龙", "化龙"])
    late = late_projects(projects, as_of="2016-03-02", threshold_wan=5000)
    # P2 is late but not key; 化龙 before 石碁 (by town, then id)
    assert late["project_id"].tolist() == ["P3", "P4", "P1"]
    assert late["follow_up"].tolist() == ["late_production", "late_start", "late_start"]
    assert late["missed_date"].tolist() == ["2016-02-01", "2016-03-01", "2016-03-01"]


def budget_projects() -> pd.DataFrame:
    return frame(
        year=[2015, 2015, 2015, 2015, 2016],
        stage=["投产", "开工", "储备", "终止", "投产"],
        matching_requested_wan=[1000, 500, 400, 200, 50],
        matching_approved_wan=[800, 300, None, 100, 50],
    ).assign(town=["化龙", "化龙", "石碁", "石碁", "石碁"])


def test_the_budget_is_shared_out_per_year() -> None:
    table = budget_by_year(budget_projects(), settings=SETTINGS).set_index("year")
    assert table.index.tolist() == [2015, 2016, 2017]
    # requested: the terminated project's 200 no longer asked for; paid: 投产 only
    assert table.loc[2015].tolist() == [6700.0, 1900.0, 1200.0, 800.0, 5500.0]
    assert table.loc[2016].tolist() == [8200.0, 50.0, 50.0, 50.0, 8150.0]
    assert table.loc[2017].tolist() == [9800.0, 0.0, 0.0, 0.0, 9800.0]
    assert remaining_budget(budget_projects(), settings=SETTINGS, year=2015) == 5500.0
    assert remaining_budget(budget_projects(), settings=SETTINGS, year=2020) == 0.0


def test_the_budget_per_town_shows_the_districts_remaining() -> None:
    table = budget_by_town(
        budget_projects(), settings=SETTINGS, towns=["化龙", "石碁", "南村"], years=[2015]
    ).set_index("town")
    assert table.loc["化龙", ["requested_wan", "approved_wan", "paid_wan"]].tolist() == [
        1500.0,
        1100.0,
        800.0,
    ]
    assert table.loc["石碁", ["requested_wan", "approved_wan", "paid_wan"]].tolist() == [
        400.0,
        100.0,
        0.0,
    ]
    assert table.loc["南村", ["requested_wan", "approved_wan", "paid_wan"]].tolist() == [0.0] * 3
    assert table["remaining_wan"].tolist() == [5500.0] * 3
    assert table["budget_wan"].tolist() == [6700.0] * 3


def actual_projects() -> pd.DataFrame:
    return frame(
        uscc=["U1", "U1", "U2", "U3", "U4"],
        stage=["投产", "投产", "投产", "投产", "开工"],
        production_date=["2016-05-01", "2016-07-01", "2016-02-01", "2017-01-02", None],
        total_investment_wan=[3000, 1000, 2000, 500, 9000],
    ).assign(town=["化龙", "化龙", "化龙", "石碁", "石碁"])


def test_town_actuals_count_distinct_firms_and_sum_in_yi_yuan() -> None:
    table = project_actuals(actual_projects(), years=[2016, 2017], towns=["化龙", "石碁"])
    rows = {(r.year, r.town): r for r in table.itertuples()}
    assert rows[(2016, "化龙")].tech_retrofit_firms == 2  # U1 twice, U2
    assert rows[(2016, "化龙")].tech_retrofit_investment == pytest.approx(0.6)  # 6 000 万元
    assert rows[(2016, "石碁")].tech_retrofit_firms == 0
    assert rows[(2017, "石碁")].tech_retrofit_investment == pytest.approx(0.05)
    assert set(table["source"]) == {"projects"}


def test_retrofit_actuals_say_where_they_come_from() -> None:
    survey = pd.DataFrame(
        {
            "tech_retrofit_firms": [7.0, 3.0],
            "tech_retrofit_investment": [1.5, 0.2],
            "robot_firms": [1.0, 0.0],
        },
        index=pd.Index(["化龙", "石碁"], name="town"),
    )
    kept = retrofit_actuals(survey, actual_projects(), year=2016, source="survey")
    assert kept["tech_retrofit_firms"].tolist() == [7.0, 3.0]
    assert set(kept["retrofit_source"]) == {"survey"}
    mine = retrofit_actuals(survey, actual_projects(), year=2016, source="projects")
    assert mine["tech_retrofit_firms"].tolist() == [2.0, 0.0]
    assert mine["tech_retrofit_investment"].to_numpy() == pytest.approx(np.array([0.6, 0.0]))
    assert mine["robot_firms"].tolist() == [1.0, 0.0]  # the other indicators stay the survey's
    assert set(mine["retrofit_source"]) == {"projects"}
    assert survey["tech_retrofit_firms"].tolist() == [7.0, 3.0]  # the input is not changed


def test_the_project_table_of_a_year() -> None:
    projects = frame(
        year=[2015, 2016, 2015],
        total_investment_wan=[6000, 5000, 1000],
        subsidy_province_wan=[1000, 0, 0],
        stage=["储备", "储备", "投产"],
        planned_start_date=["2015-06-01", None, None],
    ).assign(town=["石碁", "化龙", "化龙"], firm_name=None, park_id=None)
    table = project_table(projects, settings=SETTINGS, as_of="2015-07-01", year=2015)
    assert table["project_id"].tolist() == ["P3", "P1"]
    assert table["key"].tolist() == [False, True]
    assert table["max_district_matching_wan"].tolist() == [500.0, 2000.0]
    assert table["follow_up"].tolist() == ["done", "late_start"]
    assert table["follow_up_label"].tolist() == ["已投产", "逾期未开工"]
    assert set(COLUMNS) <= set(table.columns)
