"""The progress page under AppTest (issue 23): a chart per indicator, the table of a place,
the ranking side by side, the 2015 phase-out candidates followed, the parks on request."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyogrio
import pytest

from scoring.targets.split import KEYS
from store.workspace import SAMPLE_GPKG
from tests.pages.conftest import open_page
from ui.progress.charts import indicator_chart, series_frame


def _frame(at, *columns: str):
    """The first table holding ``columns`` (a plain st.dataframe carries no key in its proto)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no dataframe with {columns!r}")


@pytest.fixture(scope="module")
def firms():
    return pyogrio.read_dataframe(SAMPLE_GPKG, layer="enterprises", read_geometry=False)


def test_progress_page_charts_each_indicator_and_lists_the_district(app, firms):
    at = open_page(app, "progress")
    assert at.title[0].value == "规划进度"
    assert at.selectbox(key="progress_place").value == "全区"
    charts = [*at.get("arrow_vega_lite_chart"), *at.get("vega_lite_chart")]
    assert len(charts) == len(KEYS)
    spec = json.loads(charts[0].proto.spec)
    assert spec["encoding"]["x"]["title"] == "年度"
    assert spec["encoding"]["color"]["title"] == "系列"
    assert spec["title"] == "工业投资（亿元）"
    table = _frame(at, "指标", "名次变化")
    assert list(table.columns) == [
        "年度", "指标", "目标", "实际", "完成率（%）", "排名", "名次变化",
    ]  # fmt: skip
    invest = table[(table["指标"] == "工业投资") & (table["年度"] == 2016)]
    expected = firms.loc[firms["survey_year"] == 2016, "industrial_investment"].sum() / 1e4
    assert invest["实际"].iloc[0] == pytest.approx(expected, abs=0.01)


def test_a_chart_draws_target_and_actual_and_never_a_missing_actual():
    progress = pd.DataFrame(
        {
            "town": "全区", "year": [2015, 2016, 2017], "indicator": "industrial_investment",
            "target": [103.09, 111.34, 119.13], "actual": [99.0, 107.0, np.nan],
        }
    )  # fmt: skip
    labels = {"year": "年度", "series": "系列", "series_target": "目标", "series_actual": "实际"}
    spec = indicator_chart(series_frame(progress, "全区", "industrial_investment"),
                           "industrial_investment", labels=labels)  # fmt: skip
    values = spec["data"]["values"]
    assert [(v["year"], v["series"]) for v in values] == [
        ("2015", "目标"), ("2016", "目标"), ("2017", "目标"), ("2015", "实际"), ("2016", "实际"),
    ]  # fmt: skip
    for channel in ("x", "y", "color", "strokeDash"):
        assert spec["encoding"][channel]["title"] in {"年度", "工业投资（亿元）", "系列"}


def test_ranking_side_by_side_and_a_town_of_choice(app):
    at = open_page(app, "progress")
    ranking = _frame(at, "2015 年排名")
    assert {"2015 年排名", "2016 年排名", "2017 年排名", "2017 年名次变化"} <= set(ranking.columns)
    assert len(ranking) == 16
    change = ranking["2017 年名次变化"].astype(int)
    assert (change == ranking["2016 年排名"] - ranking["2017 年排名"]).all()
    assert any("竞争排名" in c.value for c in at.caption)
    at.selectbox(key="progress_place").set_value("化龙").run()
    assert not at.exception
    table = _frame(at, "指标", "名次变化")
    assert table["排名"].notna().all()


def test_follow_up_of_the_2015_candidates_with_land_freed(app):
    at = open_page(app, "progress")
    summary = _frame(at, "状态", "腾出用地（亩）")
    assert set(summary["状态"]) == {"仍为候选", "改善（不再是候选）", "迁出（换园区或镇街）",
                                     "关停（不再调查）"}  # fmt: skip
    y17 = summary[summary["年度"] == 2017].set_index("状态")
    freed = y17.loc[["迁出（换园区或镇街）", "关停（不再调查）"], "腾出用地（亩）"].sum()
    assert freed == pytest.approx(y17["腾出用地（亩）"].sum())
    assert freed > 0
    follow = _frame(at, "2016 年状态")
    assert len(follow) == summary[summary["年度"] == 2016]["企业数"].sum()


def test_parks_across_years_on_request_and_english(app):
    at = open_page(app, "progress")
    at.button(key="progress_parks_button").click().run()
    assert not at.exception
    parks = _frame(at, "2015 年评分")
    assert {"2015 年评分", "2016 年排名", "2017 年排名"} <= set(parks.columns)
    assert (parks[["2015 年排名", "2016 年排名", "2017 年排名"]] <= 10).any(axis=1).all()
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Plan progress"
