"""The firm profile (一企一档) of a small built workspace: every survey year, the screen's figures
and flags with their reasons, places from the location, survey fields, projects; the search."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors import UnknownKeyError
from scoring.profile.search import FOUND_COLUMNS, find_firms, near_matches
from scoring.profile.topics import flag_lines
from store.firm_profile import load_profile, screens_of
from tests.conftest import workspace_location
from tests.profile_workspace import YEARS, build_profile_workspace, profile_firm


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_profile_workspace(workspace_location(tmp_path_factory.mktemp("prof"), "prof"))


@pytest.fixture(scope="module")
def profile(built):
    ws, _park = built
    return load_profile(ws, profile_firm())


def _year(frame: pd.DataFrame, year: int) -> pd.Series:
    return frame[frame["survey_year"] == year].iloc[0]


def test_every_survey_year_of_the_workspace_is_in_the_overview(profile):
    assert profile.survey_years == YEARS
    assert profile.years == (2014, 2015)
    places = profile.topics["places"]
    assert places["survey_year"].tolist() == [2014, 2015, 2016]
    assert places["surveyed"].tolist() == [True, True, False]
    assert profile.name == "企业0"
    for topic in ("indicators", "flags", "grade", "surcharge", "retrofit", "audit", "land"):
        assert profile.topics[topic]["survey_year"].tolist() == [2014, 2015], topic


def test_park_and_town_follow_the_location_not_the_stored_fields(built, profile):
    _ws, park = built
    row = _year(profile.topics["places"], 2015)
    assert row["park_id"] == park["park_id"]  # stored: OLD-PARK
    assert row["park_name"] == park["name"]
    assert row["town"] != "旧镇"
    assert row["town"] == park["town"]


def test_indicators_and_the_land_flag_are_the_screens(profile):
    ind = profile.topics["indicators"]
    # 2014: tax 30 on 10 000 m² = 15 亩 → 2.0 万元/亩; 2015: 6 → 0.4; value added 100 / 10 people
    assert _year(ind, 2014)["tax_per_mu"] == pytest.approx(2.0)
    assert _year(ind, 2015)["tax_per_mu"] == pytest.approx(0.4)
    assert _year(ind, 2015)["labour_productivity"] == pytest.approx(10.0)
    assert _year(ind, 2015)["plot_ratio"] == pytest.approx(5000 / 10000)
    flags = profile.topics["flags"]
    assert not _year(flags, 2014)["flag_land"]
    assert bool(_year(flags, 2015)["flag_land"])
    assert int(_year(flags, 2015)["flag_count"]) == 1
    reason = _year(flags, 2015)["reason_land"]
    assert reason.startswith("占地过大：亩均税收 0.4")
    assert "0.5 × 中位数 2" in reason
    assert "容积率 0.5" in reason
    assert _year(flags, 2015)["reason_labour"] == ""


def test_grade_and_surcharge_rows_equal_the_screen_of_that_year(built, profile):
    ws, _park = built
    screens = screens_of(ws.read("enterprises"))
    for year in (2014, 2015):
        table = screens[year].table
        mine = table[table["uscc"] == profile_firm()].iloc[0]
        grade = _year(profile.topics["grade"], year)
        assert grade["grade"] == str(mine["grade"])
        assert grade["score"] == pytest.approx(mine["score"])
        paid = _year(profile.topics["surcharge"], year)
        assert paid["surcharge_yuan"] == pytest.approx(mine["surcharge_yuan"])
        assert paid["d_year"] == mine["d_year"]


def test_retrofit_audit_and_land_demand_come_from_the_survey(profile):
    retro = profile.topics["retrofit"]
    assert [bool(v) for v in retro["tech_retrofit"]] == [False, True]
    assert [bool(v) for v in retro["robot_retrofit"]] == [False, True]
    assert _year(retro, 2015)["tech_retrofit_investment"] == 120.0
    assert [bool(v) for v in profile.topics["audit"]["clean_production_audit"]] == [True, False]
    land = profile.topics["land"]
    assert _year(land, 2015)["land_demand_mu"] == pytest.approx(3.0)  # 2 000 m² / 666.67
    assert math.isnan(_year(land, 2014)["land_demand_mu"])
    assert _year(land, 2015)["land_mu"] == pytest.approx(15.0)


def test_an_unknown_uscc_names_near_matches(built):
    ws, _park = built
    wrong = profile_firm()[:-1] + ("0" if profile_firm()[-1] != "0" else "1")
    with pytest.raises(UnknownKeyError) as caught:
        load_profile(ws, wrong)
    assert profile_firm() in caught.value.known


def test_search_by_name_substring_and_uscc(built):
    ws, _park = built
    firms = ws.read("enterprises")
    found = find_firms(firms, "企业1")
    # 企业1, then 企业10, 企业11: names that start with the query, by name
    assert found["name"].tolist() == ["企业1", "企业10", "企业11"]
    assert found["survey_year"].tolist() == [2016, 2016, 2016]
    assert found["years"].tolist() == [3, 3, 3]
    by_uscc = find_firms(firms, profile_firm().lower())
    assert by_uscc["uscc"].tolist()[0] == profile_firm()
    assert find_firms(firms, "  ").empty
    assert near_matches(firms, "X" * 18) == []


def test_flag_lines_split_the_reasons_by_flag():
    text = (
        "用工过多：全员劳动生产率 1 < 2；占地过大：未评估，缺少用地面积；"
        "评分缺项（按组均值计）：税收"
    )
    assert flag_lines(text) == {
        "labour": "用工过多：全员劳动生产率 1 < 2",
        "land": "占地过大：未评估，缺少用地面积",
    }
    assert flag_lines(None) == {}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=12))
def test_any_query_finds_only_firms_that_match_it(built, query):
    ws, _park = built
    found = find_firms(_FIRMS.setdefault("f", ws.read("enterprises")), query, limit=5)
    assert list(found.columns) == list(FOUND_COLUMNS)
    assert len(found) <= 5
    text = query.strip()
    for name, uscc in zip(found["name"], found["uscc"], strict=True):
        assert text in name or text.upper() in uscc.upper()
    assert found["uscc"].is_unique


_FIRMS: dict = {}
