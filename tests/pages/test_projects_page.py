"""The project library page under AppTest: the year's figures against sums made here from the
stored table, an approval within the cap moving the year's remaining budget, one above it
refused with its reason and nothing stored, and a viewer without the approval control."""

from __future__ import annotations

import pandas as pd
import pytest

from config import load_settings
from store.accounts import Account
from store.project_actions import apply_projects_import_as, plan_projects_import_as
from store.projects import read_projects
from store.workspace import Workspace
from tests.pages.conftest import open_page
from tests.store.projects_files import firms_of, library_file, row

PLANNER = Account("李规划", "planner")


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def page_project(app_workspace, tmp_path_factory):
    """A 2015 project of a 化龙 firm asking 1 000 万元 (cap: 50 % × 6 000 − 1 000 − 1 000)."""
    ws = Workspace.open(app_workspace)
    (firm,) = firms_of(ws, "化龙", 1)
    path = library_file(tmp_path_factory.mktemp("lib") / "page.csv", [row("PG-1", firm)])
    plan = plan_projects_import_as(ws, PLANNER, path)
    apply_projects_import_as(ws, PLANNER, plan)
    return ws


def _budget_left(ws: Workspace, year: int) -> float:
    projects = read_projects(ws)
    approved = pd.to_numeric(projects.loc[projects["year"] == year, "matching_approved_wan"])
    return load_settings().projects.budget(year) - float(approved.fillna(0).sum())


def test_the_years_figures_are_the_stored_librarys(app, page_project):
    ws = page_project
    at = open_page(app, "projects")
    assert at.title[0].value == "技改项目库"
    projects = read_projects(ws)
    for year in (2015, 2017):
        at.selectbox(key="proj_year").set_value(year).run()
        mine = projects[projects["year"] == year]
        total = pd.to_numeric(mine["total_investment_wan"])
        key = (total >= 5_000) | mine["city_key"].astype(bool)
        metrics = _metrics(at)
        assert metrics["项目数"] == f"{len(mine):,}"
        assert metrics["重点项目"] == f"{int(key.sum()):,}"
        assert metrics["区配套剩余预算（万元）"] == f"{_budget_left(ws, year):,.1f}"


def test_an_approval_within_the_cap_moves_the_budget_and_one_above_is_refused(app, page_project):
    ws = page_project
    at = open_page(app, "projects")
    at.selectbox(key="proj_year").set_value(2015).run()
    before = _budget_left(ws, 2015)
    at.selectbox(key="proj_approve_id").set_value("PG-1").run()
    rule = " ".join(m.value for m in at.markdown)
    assert "50% × 总投资 6,000.0 − 省级 1,000.0 − 市级 1,000.0 = **1,000.0 万元**" in rule
    at.number_input(key="proj_amount").set_value(1200.0).run()
    at.button(key="proj_approve").click().run()
    assert not at.exception, at.exception
    refused = "输入有误，未写入任何数据： 区配套核准 / matching approval — 1"
    assert [e.value for e in at.error] == [refused]
    (problems,) = [d.value for d in at.dataframe if "要求" in d.value.columns]
    assert "1,000.00 万元" in problems["要求"].iloc[0]  # the reason names the cap
    stored = read_projects(ws).set_index("project_id").loc["PG-1"]
    assert pd.isna(stored["matching_approved_wan"]) or stored["matching_approved_wan"] == 0
    at.number_input(key="proj_amount").set_value(600.0).run()
    at.button(key="proj_approve").click().run()
    assert not at.exception, at.exception
    assert "已核准 PG-1 区配套 600.0 万元。" in [s.value for s in at.success]
    stored = read_projects(ws).set_index("project_id").loc["PG-1"]
    assert (stored["matching_approved_wan"], stored["approved_by"]) == (600.0, "李规划")
    assert _budget_left(ws, 2015) == pytest.approx(before - 600.0)
    assert _metrics(at)["区配套剩余预算（万元）"] == f"{before - 600.0:,.1f}"


def test_a_viewer_sees_the_library_but_cannot_approve(app_as, page_project):
    at = open_page(app_as("只读王"), "projects")
    assert "proj_approve_id" not in {s.key for s in at.selectbox}
    assert "您的角色不能核准区配套。" in [c.value for c in at.caption]


def test_the_park_card_lists_the_projects_of_the_parks_firms(app, page_project):
    from tests.pages.conftest import open_map

    ws = page_project
    projects = read_projects(ws)
    firms = ws.read("enterprises", columns=["uscc", "survey_year", "park_id"])
    park_of = firms.sort_values("survey_year").drop_duplicates("uscc", keep="last")
    projects = projects.assign(park_id=projects["uscc"].map(park_of.set_index("uscc")["park_id"]))
    busiest = projects["park_id"].value_counts().index[0]
    mine = projects[projects["park_id"] == busiest]
    at = open_map(app)
    at.session_state["map_park"] = busiest
    at.run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert f"技改项目（{len(mine)} 个）" in text
    newest = mine.sort_values(["year", "project_id"], ascending=[False, True]).iloc[0]
    assert f"{newest['project_id']} " in text.replace("\\-", "-")


def test_an_approval_is_on_the_admin_pages_audit_under_its_chinese_name(app_as, page_project):
    from store.project_actions import approve_matching_as

    approve_matching_as(page_project, PLANNER, "PG-1", 500.0, "2015-09-01")
    at = open_page(app_as("管理员"), "admin")
    at.selectbox(key="admin_action").set_value("approve_matching").run()
    assert not at.exception, at.exception
    (audit,) = [d.value for d in at.dataframe if "操作" in d.value.columns]
    assert set(audit["操作"]) == {"核准区配套"}
    assert "PG-1" in set(audit["对象"])


def test_the_data_pages_history_names_an_approval_in_chinese(app, page_project):
    from store.project_actions import approve_matching_as, set_stage_as

    approve_matching_as(page_project, PLANNER, "PG-1", 400.0, "2015-10-01")
    set_stage_as(page_project, PLANNER, "PG-1", "投产", "2016-03-01")
    at = open_page(app, "data")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    assert "核准区配套" in shown
    assert "更新项目阶段" in shown
