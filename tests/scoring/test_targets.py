"""Town targets: the default split, actuals from the survey, completion, rank, no-survey years."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from config import load_settings
from scoring.targets.completion import completion_table, evaluate_year
from scoring.targets.report import CLI_COLUMNS, cli_table, district_panel, yearly_series
from scoring.targets.split import (
    KEYS,
    allocate,
    default_split,
    industrial_base,
    town_actuals,
)

CFG = load_settings().targets
TOWNS = ["甲", "乙", "丙"]

# The plan's district figures (一(二)), hand-computed: 2016 and 2017 by the growth rates,
# amounts rounded to 0.01 亿元, counts to whole firms.
PLAN = {
    2015: {"industrial_investment": 103.09, "tech_retrofit_investment": 26.80,
           "tech_retrofit_firms": 89, "robot_firms": 10, "rd_share": 13.0},
    2016: {"industrial_investment": 111.34,  # 103.09 × 1.08 = 111.3372
           "tech_retrofit_investment": 32.70,  # 26.80 × 1.22 = 32.696
           "tech_retrofit_firms": 109,  # 89 × 1.22 = 108.58
           "robot_firms": 12, "rd_share": 13.0},  # 10 × 1.22 = 12.2
    2017: {"industrial_investment": 119.13,  # 111.3372 × 1.07 = 119.1308
           "tech_retrofit_investment": 39.24,  # 32.696 × 1.20 = 39.2352
           "tech_retrofit_firms": 130,  # 108.58 × 1.20 = 130.296
           "robot_firms": 15, "rd_share": 13.0},  # 12.2 × 1.20 = 14.64
}  # fmt: skip


def firm(town: str, year: int = 2015, *, above: bool = True, code: str = "3311", **kw):
    row = {
        "survey_year": year,
        "town": town,
        "above_scale": above,
        "industry_code": code,
        "gross_output": 100.0,
        "value_added": 20.0,
        "high_tech": False,
        "industrial_investment": np.nan,
        "tech_retrofit_investment": np.nan,
        "tech_retrofit": False,
        "robot_retrofit": False,
        "rd_institution": False,
        "clean_production_audit": False,
    }
    row.update(kw)
    return row


@pytest.fixture
def small() -> pd.DataFrame:
    """Three towns: 甲 has 3 above-scale firms, 乙 one above and one below, 丙 none in 2015."""
    return pd.DataFrame(
        [
            firm("甲", gross_output=300.0, industrial_investment=5000.0, tech_retrofit=True,
                 rd_institution=True, clean_production_audit=True, code="2614"),
            firm("甲", gross_output=100.0, industrial_investment=15000.0, robot_retrofit=True,
                 tech_retrofit_investment=2000.0, code="2614"),
            firm("甲", gross_output=100.0, high_tech=True, clean_production_audit=True),
            firm("乙", gross_output=500.0, tech_retrofit_investment=500.0, rd_institution=True),
            firm("乙", above=False, gross_output=900.0, tech_retrofit=True, robot_retrofit=True,
                 industrial_investment=1000.0),
            firm("丙", year=2014, gross_output=50.0),
        ]
    )  # fmt: skip


def test_industrial_base_is_the_share_of_above_scale_output(small):
    base = industrial_base(small, year=2015, towns=TOWNS)
    # 甲 300 + 100 + 100 = 500, 乙 500 (its below-scale firm does not count), 丙 nothing in 2015
    assert base.to_dict() == {"甲": 0.5, "乙": 0.5, "丙": 0.0}


def test_actuals_by_hand(small):
    got = town_actuals(small, year=2015, towns=TOWNS, config=CFG)
    assert got.loc["甲", "industrial_investment"] == pytest.approx(2.0)  # 20 000 万元 = 2 亿元
    assert got.loc["乙", "industrial_investment"] == pytest.approx(0.1)  # below-scale counts
    assert got.loc["甲", "tech_retrofit_investment"] == pytest.approx(0.2)
    assert got.loc["甲", "tech_retrofit_firms"] == 1
    assert got.loc["乙", "tech_retrofit_firms"] == 0  # the retrofit firm is below scale
    assert got.loc["甲", "robot_firms"] == 1
    assert got.loc["乙", "robot_firms"] == 0
    assert got.loc["甲", "rd_share"] == pytest.approx(100 / 3)
    assert got.loc["乙", "rd_share"] == pytest.approx(100.0)
    assert got.loc["甲", "clean_production_share"] == pytest.approx(200 / 3)
    # key industries (division 26, chemicals): 2 firms in 甲, one audited
    assert got.loc["甲", "clean_production_key_share"] == pytest.approx(50.0)
    assert math.isnan(got.loc["乙", "clean_production_key_share"])
    # 丙 has no survey row in 2015: no value, not zero
    assert got.loc["丙", list(KEYS)].isna().all()


def test_a_field_nobody_reported_is_no_data_not_zero(small):
    frame = small.assign(industrial_investment=np.nan)
    got = town_actuals(frame, year=2015, towns=TOWNS, config=CFG)
    assert got["industrial_investment"].isna().all()
    assert got.loc["甲", "tech_retrofit_investment"] == pytest.approx(0.2)


def test_default_split_adds_up_to_the_plan_in_every_year(sample_survey):
    firms, towns = sample_survey
    split = default_split(firms, towns=towns, config=CFG)
    assert sorted(split["year"].unique()) == [2015, 2016, 2017]
    for year, figures in PLAN.items():
        rows = split[split["year"] == year]
        assert len(rows) == 16
        assert set(rows["town"]) == set(towns)
        for key, expected in figures.items():
            if key == "rd_share":
                assert (rows[key] == expected).all()
            else:
                assert rows[key].sum() == pytest.approx(expected, abs=1e-9), (year, key)
                assert (rows[key] >= 0).all()
    counts = split[["tech_retrofit_firms", "robot_firms"]].to_numpy()
    assert (counts == np.floor(counts)).all()
    cents = split["industrial_investment"].to_numpy() * 100
    assert np.allclose(cents, np.round(cents))


def test_default_split_follows_the_industrial_base(sample_survey):
    firms, towns = sample_survey
    split = default_split(firms, towns=towns, config=CFG).query("year == 2015").set_index("town")
    # independent oracle: each town's share of above-scale gross output, 2015
    rows = firms[(firms["survey_year"] == 2015) & firms["above_scale"].astype(bool)]
    share = rows.groupby("town")["gross_output"].sum() / rows["gross_output"].sum()
    quota = share.reindex(towns).fillna(0) * 103.09
    assert (split["industrial_investment"] - quota).abs().max() <= 0.01 + 1e-9


def test_clean_production_runs_from_the_year_before_the_base_year_to_100(sample_survey):
    """From each town's 2014 actual (the year before the base year) to 100 % in 2017, so the
    2015 target is not by construction the 2015 actual (issue 23)."""
    firms, towns = sample_survey
    split = default_split(firms, towns=towns, config=CFG)

    def actual(year: int) -> pd.Series:
        rows = firms[(firms["survey_year"] == year) & firms["above_scale"].astype(bool)]
        return rows.groupby("town")["clean_production_audit"].mean() * 100

    a14, a15 = actual(2014), actual(2015)
    wide = split.pivot(index="town", columns="year", values="clean_production_share")
    for town in towns:
        assert wide.loc[town, 2015] == pytest.approx(a14[town] + (100 - a14[town]) / 3)
        assert wide.loc[town, 2016] == pytest.approx(a14[town] + 2 * (100 - a14[town]) / 3)
        assert wide.loc[town, 2017] == pytest.approx(100.0)
    completion = a15.reindex(towns) / wide[2015].reindex(towns) * 100
    # not 100 % by construction: only by coincidence (小谷围: 0 of 3 audited in 2014, so a
    # target of 33.3 %, and 1 of 3 in 2015)
    assert (completion.round(6) != 100.0).sum() >= 14


def test_clean_production_runs_from_the_base_year_when_the_year_before_is_missing(
    sample_survey,
):
    firms, towns = sample_survey
    later = firms[firms["survey_year"] >= 2015]
    split = default_split(later, towns=towns, config=CFG)
    rows = later[(later["survey_year"] == 2015) & later["above_scale"].astype(bool)]
    a15 = rows.groupby("town")["clean_production_audit"].mean() * 100
    wide = split.pivot(index="town", columns="year", values="clean_production_share")
    for town in towns:
        assert wide.loc[town, 2015] == pytest.approx(a15[town])
        assert wide.loc[town, 2016] == pytest.approx((a15[town] + 100) / 2)


def test_actuals_match_a_direct_count_of_the_sample(sample_survey):
    firms, towns = sample_survey
    got = town_actuals(firms, year=2015, towns=towns, config=CFG)
    for town in towns:  # oracle: plain boolean masks, one town at a time
        mine = firms[(firms["survey_year"] == 2015) & (firms["town"] == town)]
        above = mine[mine["above_scale"] == True]  # noqa: E712
        expected = {
            "industrial_investment": mine["industrial_investment"].sum() / 1e4,
            "tech_retrofit_investment": mine["tech_retrofit_investment"].sum() / 1e4,
            "tech_retrofit_firms": int((above["tech_retrofit"] == True).sum()),  # noqa: E712
            "robot_firms": int((above["robot_retrofit"] == True).sum()),  # noqa: E712
            "rd_share": 100 * (above["rd_institution"] == True).sum() / len(above),  # noqa: E712
            "clean_production_share": 100
            * (above["clean_production_audit"] == True).sum()  # noqa: E712
            / len(above),
        }
        for key, value in expected.items():
            assert got.loc[town, key] == pytest.approx(value), (town, key)


def test_completion_capped_mean_rank_and_behind():
    targets = pd.DataFrame({k: [10.0, 10.0, 10.0] for k in KEYS}, index=["a", "b", "c"])
    actuals = targets.copy()
    actuals.loc["a"] = [30.0, 10.0, 10.0, 10.0, 10.0, 10.0]  # 300 % → capped 150 %
    actuals.loc["b"] = [5.0] * 6  # 50 %
    actuals.loc["c", "industrial_investment"] = 0.0  # 0 %, 100 % elsewhere
    targets.loc["c", "robot_firms"] = 0.0  # a zero target is not evaluated
    out = completion_table(targets, actuals, cap=1.5)
    assert out.loc["a", "industrial_investment_completion"] == pytest.approx(300.0)
    assert out.loc["a", "completion"] == pytest.approx((150 + 5 * 100) / 6)
    assert out.loc["b", "completion"] == pytest.approx(50.0)
    assert math.isnan(out.loc["c", "robot_firms_completion"])
    assert out.loc["c", "indicators"] == 5
    assert out.loc["c", "completion"] == pytest.approx(400 / 5)
    assert out["rank"].tolist() == [1, 3, 2]
    assert out["behind"].tolist() == [False, True, True]
    wider = completion_table(targets, actuals, cap=3.0)
    assert wider.loc["a", "completion"] == pytest.approx((300 + 500) / 6)


def test_ranks_follow_completion_on_the_sample(sample_survey):
    firms, towns = sample_survey
    split = default_split(firms, towns=towns, config=CFG)
    report = evaluate_year(firms, split, year=2015, towns=towns, config=CFG)
    assert report.status == "ok"
    table = report.table.dropna(subset=["completion"]).sort_values("rank")
    assert table["rank"].iloc[0] == 1
    assert table["completion"].is_monotonic_decreasing
    assert (table["behind"] == (table["completion"] < 100)).all()
    assert report.check["matches"].all()


def test_a_year_without_survey_says_so(sample_survey):
    firms, towns = sample_survey
    firms = firms[firms["survey_year"] <= 2015]  # a workspace surveyed 2014–2015 only
    split = default_split(firms, towns=towns, config=CFG)
    report = evaluate_year(firms, split, year=2016, towns=towns, config=CFG)
    assert report.status == "no_survey"
    assert not report.has_survey
    assert "2016" in report.message("zh")
    assert "没有" in report.message("zh")
    assert "no enterprise survey for 2016" in report.message("en")
    actual = report.table[[f"{k}_actual" for k in KEYS]]
    assert actual.isna().all().all()  # never zeros
    assert report.table["completion"].isna().all()
    assert report.table["rank"].isna().all()
    targets = report.table[[f"{k}_target" for k in KEYS]]
    assert targets.notna().all().all()  # the targets are still shown


def test_cli_table_columns_in_contract_order(sample_survey):
    firms, towns = sample_survey
    split = default_split(firms, towns=towns, config=CFG)
    table = cli_table(evaluate_year(firms, split, year=2015, towns=towns, config=CFG))
    expected = ["town"]
    for key in (
        "industrial_investment",
        "tech_retrofit_investment",
        "tech_retrofit_firms",
        "robot_firms",
        "rd_share",
        "clean_production_share",
    ):
        expected += [f"{key}_target", f"{key}_actual"]
    expected += ["completion", "rank", "behind"]
    assert list(table.columns) == expected == list(CLI_COLUMNS)
    assert table["town"].tolist() == towns


def test_district_panel_by_hand(small):
    frame = pd.concat(
        [small, pd.DataFrame([firm("乙", year=2014, value_added=100.0)])], ignore_index=True
    )
    panel = district_panel(frame, year=2015, config=CFG)
    # above-scale output 2015: 甲 500 + 乙 500; high-tech firm: 100 → 10 %
    assert panel.loc["high_tech_share", "actual"] == pytest.approx(10.0)
    assert panel.loc["high_tech_share", "target"] == pytest.approx(46.5)  # 48.5 − 2 points
    # value added: 2015 six firms × 20 − 丙's 2014 row = 5 × 20 = 100; 2014: 20 + 100 = 120
    assert panel.loc["value_added_growth", "actual"] == pytest.approx((100 / 120 - 1) * 100)
    assert panel.loc["value_added_growth", "target"] == pytest.approx(8.0)
    assert panel.loc["patent_applications", "target"] == pytest.approx(2967 / 1.25**2)
    assert not panel.loc["patent_applications", "has_data"]
    assert not panel.loc["new_high_tech_firms", "has_data"]
    later = district_panel(frame, year=2016, config=CFG)
    assert not later["has_data"].any()
    assert later.loc["high_tech_share", "target"] == pytest.approx(47.5)


def test_yearly_series_has_no_actual_for_a_year_without_survey(sample_survey):
    firms, towns = sample_survey
    firms = firms[firms["survey_year"] <= 2015]  # a workspace surveyed 2014–2015 only
    split = default_split(firms, towns=towns, config=CFG)
    series = yearly_series(firms, split, towns=towns, config=CFG)
    actual_years = set(series.loc[series["series"] == "actual", "year"])
    assert actual_years == {2014, 2015}
    assert set(series.loc[series["series"] == "target", "year"]) == {2015, 2016, 2017}


@settings(deadline=None)  # arithmetic, not timing: a busy shared machine must not fail it
@given(
    total=st.integers(min_value=0, max_value=100_000),
    weights=st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=1, max_size=20).filter(
        lambda w: sum(w) > 0
    ),
)
def test_allocate_sums_exactly_and_stays_within_one_unit(total, weights):
    parts = allocate(total * 0.01, np.array(weights), unit=0.01)
    assert round(parts.sum() / 0.01) == total
    quota = np.array(weights) / sum(weights) * total
    assert (np.abs(parts / 0.01 - quota) < 1 + 1e-6).all()
    assert (parts >= 0).all()


def test_allocate_by_hand():
    assert allocate(10, np.array([1.0, 1.0, 1.0]), unit=1).tolist() == [4.0, 3.0, 3.0]
    # quotas 44.5, 26.7, 17.8 → floors 44, 26, 17 (87); the 2 left go to .8 and .7
    assert allocate(89, np.array([0.5, 0.3, 0.2]), unit=1).tolist() == [44.0, 27.0, 18.0]
