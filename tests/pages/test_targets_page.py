"""The targets page under AppTest: the split, the ranking, the town card, a year without survey."""

from __future__ import annotations

import pytest

from scoring.targets.split import INDICATORS
from tests.pages.conftest import open_page


def _metric(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}; have {[m.label for m in at.metric]}")


def _frame(at, key: str, column: str):
    """The data editor with ``key``, or the first table holding ``column`` (a plain
    st.dataframe carries no key in its proto)."""
    for df in at.dataframe:
        if (df.proto.id and key in df.proto.id) or column in df.value.columns:
            return df.value
    raise AssertionError(f"no dataframe {key!r} with {column!r}")


def test_targets_page_shows_the_split_ranking_and_panel(app):
    at = open_page(app, "targets")
    assert at.title[0].value == "镇街目标"
    assert any("默认分解" in c.value for c in at.caption)
    assert at.selectbox(key="targets_year").value == 2015
    editor = _frame(at, "targets_editor_2015", "industrial_investment")
    assert len(editor) == 16
    assert round(editor["industrial_investment"].sum(), 6) == 103.09
    ranking = _frame(at, "targets_ranking", "排名")
    ranks = ranking["排名"].dropna().astype(int).tolist()
    assert ranks == sorted(ranks)
    assert ranks[0] == 1
    completion = ranking["综合完成率（%）"].dropna()
    assert completion.is_monotonic_decreasing
    behind = ranking["未完成"].dropna().astype(bool)
    assert (behind == (completion < 100)).all()
    # the town card opens on the best-ranked town
    assert at.selectbox(key="targets_town").value == ranking["镇街"].iloc[0]
    assert _metric(at, "排名") == "1 / 16"
    # nothing edited yet: nothing to save, and no default to restore
    assert at.button(key="targets_save").disabled
    assert at.button(key="targets_reset").disabled
    panel = _frame(at, "targets_panel", "说明")
    assert panel["实际"].tolist()[2:] == ["暂无数据", "暂无数据"]  # patents, new high-tech firms
    assert panel["实际"].iloc[0] != "暂无数据"  # high-tech share is measured
    assert at.get("download_button")
    assert not at.warning


def test_a_later_year_is_measured_against_its_own_survey(app):
    # the sample holds the 2016 survey (issue 23): its targets get a completion and a rank;
    # a year without a survey is covered by tests/scoring/test_targets.py and the CLI's test
    at = open_page(app, "targets")
    at.selectbox(key="targets_year").set_value(2016).run()
    assert not at.exception
    assert not any("没有 2016 年的企业调查数据" in w.value for w in at.warning)
    assert _metric(at, "综合完成率（%）") != "暂无数据"
    assert _metric(at, "排名").endswith("/ 16")
    editor = _frame(at, "targets_editor_2016", "industrial_investment")
    assert round(editor["industrial_investment"].sum(), 6) == 111.34
    assert any("竞争排名" in c.value for c in at.caption)  # ties: competition ranking


def test_targets_page_in_english(app):
    chinese = _frame(open_page(app, "targets"), "targets_ranking", "综合完成率（%）")
    app.session_state["lang"] = "en"
    at = open_page(app, "targets")
    assert at.title[0].value == "Town targets"
    ranking = _frame(at, "targets_ranking", "Overall completion (%)")
    assert len(ranking) == 16
    assert set(ranking.columns).isdisjoint(chinese.columns)  # every label translated
    # no indicator is named by its Chinese label in an English header
    zh_names = [item.label[0] for item in INDICATORS.values()]
    assert not [c for c in ranking.columns if any(name in c for name in zh_names)]
    # the same towns in the same order with the same figures, only the labels change
    assert ranking["Overall completion (%)"].tolist() == chinese["综合完成率（%）"].tolist()
    assert ranking.iloc[:, 0].tolist() == chinese["镇街"].tolist()


def test_retrofit_actuals_from_the_project_library_equal_an_independent_sum(app, app_workspace):
    """Chosen on the page, the towns' retrofit actuals are the library's projects completed in
    the year: distinct firms and their total investment (亿元) per firm's latest town."""
    from store.projects import read_projects
    from store.workspace import Workspace

    ws = Workspace.open(app_workspace)
    projects = read_projects(ws)
    firms = ws.read("enterprises", columns=["uscc", "survey_year", "town"])
    town_of = firms.sort_values("survey_year").drop_duplicates("uscc", keep="last")
    town_of = town_of.set_index("uscc")["town"]
    done = projects[projects["production_date"].astype(str).str.startswith("2015")]
    done = done.assign(town=done["uscc"].map(town_of))
    expected_firms = done.groupby("town")["uscc"].nunique()
    expected_money = done.groupby("town")["total_investment_wan"].sum() / 10_000
    at = open_page(app, "targets")
    at.selectbox(key="targets_year").set_value(2015).run()
    at.radio(key="targets_retrofit_source").set_value("projects").run()
    assert not at.exception, at.exception
    table = _frame(at, "targets_retrofit", "技改投资（亿元）").set_index("镇街")
    assert "各镇街技改实际值（来源：技改项目库（当年投产项目））" in [e.label for e in at.expander]
    for town, row in table.iterrows():
        assert row["完成技改企业数（家）"] == expected_firms.get(town, 0), town
        assert row["技改投资（亿元）"] == pytest.approx(
            round(float(expected_money.get(town, 0.0)), 2), abs=0.006
        ), town
    assert table["完成技改企业数（家）"].sum() == done["uscc"].nunique()
