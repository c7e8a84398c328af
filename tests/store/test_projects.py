"""The project library in the workspace (on the suite's back end): a refused import lists every
problem with its row and field and changes nothing; an import previews, stores with its stage
log and is undone; an approval above the cap or the budget is refused with its reason, one
within them is stored with who approved it and its audit row; roles and towns are checked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from errors import AccessDeniedError, ImportStateError, ValidationError
from scoring.projects.actuals import project_actuals
from store.accounts import Account
from store.actions import restore_as, undo_as
from store.audit import read_audit
from store.history import read_history
from store.project_actions import (
    apply_projects_import_as,
    approve_matching_as,
    plan_projects_import_as,
    set_stage_as,
)
from store.projects import (
    COLUMNS,
    STAGE_COLUMNS,
    normalised,
    normalised_stages,
    projects_with_places,
    read_projects,
    read_stages,
)
from tests.conftest import workspace_digest
from tests.store.projects_files import firms_of, library_file, outsider_uscc, row

SETTINGS = load_settings().projects
PLANNER = Account("李规划", "planner")
CLERK = Account("化龙_clerk", "town", "化龙")
VIEWER = Account("只读王", "viewer")
LAND = Account("国土张", "land")


@pytest.fixture(autouse=True)
def no_library(fresh_workspace):
    """The sample's workspace without its project library: these tests build their own."""
    fresh_workspace.write_many(
        {
            "projects": normalised(pd.DataFrame(columns=COLUMNS)),
            "project_stages": normalised_stages(pd.DataFrame(columns=STAGE_COLUMNS)),
        }
    )
    assert read_projects(fresh_workspace).empty


def imported(ws, tmp_path, rows, actor=PLANNER, name="library.csv"):
    plan = plan_projects_import_as(
        ws, actor, library_file(tmp_path / name, rows), settings=SETTINGS
    )
    return plan, apply_projects_import_as(ws, actor, plan)


def test_a_refused_import_lists_every_problem_and_changes_nothing(fresh_workspace, tmp_path):
    ws = fresh_workspace
    a, b = firms_of(ws, "化龙", 2)
    rows = [
        row("P1", a),  # fine
        row("P2", outsider_uscc()),
        row("P3", a, type="买地"),
        row("P4", a, stage="施工"),
        row("P5", a, start_date="2015-02-01"),  # before its landing date 2015-03-01
        row("P6", a, equipment_investment_wan=7000),
        row("P7", b, subsidy_city_wan=-5),
        row("P8", b, matching_approved_wan=1500),  # 1000 + 1000 + 1500 > 50 % of 6000
        row("P9", b, stage="投产"),  # without its production date
        row("P10", b),
        row("P10", a),
    ]
    path = library_file(tmp_path / "bad.csv", rows)
    before = workspace_digest(ws)
    with pytest.raises(ValidationError) as caught:
        plan_projects_import_as(ws, PLANNER, path, settings=SETTINGS)
    found = {(p.row, p.field.split("（")[0]) for p in caught.value.problems}
    assert found == {
        (3, "uscc"),
        (4, "type"),
        (5, "stage"),
        (6, "start_date"),
        (7, "equipment_investment_wan"),
        (8, "subsidy_city_wan"),
        (9, "matching_approved_wan"),
        (10, "stage"),
        (11, "project_id"),
        (12, "project_id"),
    }
    assert all(p.file == "bad.csv" and p.allowed for p in caught.value.problems)
    assert "3000" in str(caught.value) or "50%" in str(caught.value)
    assert workspace_digest(ws) == before


def test_an_import_previews_stores_its_stage_log_and_is_undone(fresh_workspace, tmp_path):
    ws = fresh_workspace
    a, b = firms_of(ws, "化龙", 2)
    version = ws.data_version()
    plan, _report = imported(
        ws, tmp_path, [row("P1", a), row("P2", b, stage="储备", landing_date=None, start_date=None)]
    )
    assert plan.changes.counts == {"new": 2, "changed": 0, "removed": 0, "unchanged": 0}
    stored = read_projects(ws)
    assert stored["project_id"].tolist() == ["P1", "P2"]
    assert stored["year"].tolist() == [2015, 2015]  # from the reserve dates
    assert read_stages(ws)[["project_id", "stage", "date", "user"]].values.tolist() == [
        ["P1", "开工", "2015-06-01", "李规划"],
        ["P2", "储备", "2015-01-10", "李规划"],
    ]
    assert ws.data_version() != version
    # a second file: P1 produced, P2 gone, P3 new
    done = row("P1", a, stage="投产", production_date="2016-05-01")
    plan2, _ = imported(ws, tmp_path, [done, row("P3", b)], name="second.csv")
    assert plan2.changes.counts == {"new": 1, "changed": 1, "removed": 1, "unchanged": 0}
    changed = plan2.changes.table.set_index("key")
    assert changed.loc["P1", "fields"] == "stage, production_date"
    assert read_stages(ws)["stage"].tolist() == ["开工", "储备", "投产", "开工"]
    undo_as(ws, PLANNER)
    assert read_projects(ws)["project_id"].tolist() == ["P1", "P2"]
    assert read_projects(ws).loc[0, "stage"] == "开工"
    assert len(read_stages(ws)) == 2
    with pytest.raises(ImportStateError, match="no import to undo"):
        undo_as(ws, PLANNER)  # the last entry is an undo
    restore_as(ws, PLANNER, 0)  # before the first import: no project at all
    assert read_projects(ws).empty
    assert read_stages(ws).empty
    assert ws.data_version() == version
    assert read_history(ws)["action"].tolist() == ["import", "import", "undo", "restore"]


def test_an_approval_above_the_cap_or_budget_is_refused_one_within_is_stored(
    fresh_workspace, tmp_path
):
    ws = fresh_workspace
    (a,) = firms_of(ws, "化龙", 1)
    (c,) = firms_of(ws, "石碁", 1)
    imported(
        ws, tmp_path, [row("P1", a), row("P2", c, subsidy_province_wan=2500, subsidy_city_wan=800)]
    )
    before = workspace_digest(ws)
    # 50 % of 6 000 − 1 000 − 1 000 = 1 000
    with pytest.raises(ValidationError, match=r"1,000\.00 万元"):
        approve_matching_as(ws, PLANNER, "P1", 1000.01, "2015-07-01", settings=SETTINGS)
    # province + city 3 300 already above 3 000: the district may add nothing
    with pytest.raises(ValidationError, match=r"0\.00 万元"):
        approve_matching_as(ws, PLANNER, "P2", 1, "2015-07-01", settings=SETTINGS)
    small = SETTINGS.model_copy(update={"district_budget_wan": {"2015": 500.0}})
    with pytest.raises(ValidationError, match=r"remaining budget of 2015, 500\.00"):
        approve_matching_as(ws, PLANNER, "P1", 900, "2015-07-01", settings=small)
    for wrong in (-1.0, float("nan"), True):
        with pytest.raises(ValidationError, match="must be a number ≥ 0"):
            approve_matching_as(ws, PLANNER, "P1", wrong, "2015-07-01", settings=SETTINGS)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        approve_matching_as(ws, PLANNER, "P1", 900, "1 July", settings=SETTINGS)
    with pytest.raises(ValidationError, match="no such project"):
        approve_matching_as(ws, PLANNER, "P7", 900, "2015-07-01", settings=SETTINGS)
    with pytest.raises(AccessDeniedError):
        approve_matching_as(ws, CLERK, "P1", 900, "2015-07-01", settings=SETTINGS)
    with pytest.raises(AccessDeniedError):
        approve_matching_as(ws, LAND, "P1", 900, "2015-07-01", settings=SETTINGS)
    assert workspace_digest(ws) == before
    stored = approve_matching_as(ws, PLANNER, "P1", np.float64(900), "2015-07-01")
    assert (stored["matching_approved_wan"], stored["approval_date"], stored["approved_by"]) == (
        900.0,
        "2015-07-01",
        "李规划",
    )
    last = read_stages(ws).iloc[-1]
    assert (last["project_id"], last["stage"], last["date"], last["user"]) == (
        "P1",
        "核准",
        "2015-07-01",
        "李规划",
    )
    audit = read_audit(ws).iloc[-1]
    assert (audit["user"], audit["action"], audit["object"]) == ("李规划", "approve_matching", "P1")
    assert read_history(ws)["action"].tolist()[-1] == "approve_matching"
    # re-approving gives the earlier 900 back to the budget first: 1 000 fits 6 700 − 900 + 900
    again = approve_matching_as(ws, PLANNER, "P1", 1000, "2015-08-01", settings=SETTINGS)
    assert again["matching_approved_wan"] == 1000.0


def test_a_town_account_imports_its_own_towns_projects_only(fresh_workspace, tmp_path):
    ws = fresh_workspace
    (a,) = firms_of(ws, "化龙", 1)
    (c,) = firms_of(ws, "石碁", 1)
    path = library_file(tmp_path / "mixed.csv", [row("P1", a), row("P2", c)])
    before = workspace_digest(ws)
    with pytest.raises(ValidationError) as caught:
        plan_projects_import_as(ws, CLERK, path, settings=SETTINGS)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "uscc（统一社会信用代码）")]
    assert "石碁" in caught.value.problems[0].allowed
    with pytest.raises(AccessDeniedError):
        plan_projects_import_as(ws, VIEWER, path, settings=SETTINGS)
    assert workspace_digest(ws) == before
    imported(ws, tmp_path, [row("P9", c)])  # the district's planner files 石碁's project
    imported(ws, tmp_path, [row("P1", a)], actor=CLERK, name="hualong.csv")
    # the town's import replaced 化龙's projects of 2015 only: 石碁's stays
    assert sorted(read_projects(ws)["project_id"]) == ["P1", "P9"]
    with pytest.raises(AccessDeniedError):
        set_stage_as(ws, CLERK, "P9", "投产", "2016-01-01")
    moved = set_stage_as(ws, CLERK, "P1", "投产", "2016-01-01")
    assert (moved["stage"], moved["production_date"]) == ("投产", "2016-01-01")
    assert read_stages(ws).iloc[-1][["stage", "user"]].tolist() == ["投产", "化龙_clerk"]
    with pytest.raises(ValidationError, match="2015-06-01"):
        set_stage_as(ws, PLANNER, "P9", "投产", "2015-05-01")  # before its start date


def test_town_actuals_from_stored_projects_equal_an_independent_sum(fresh_workspace, tmp_path):
    ws = fresh_workspace
    hl, sq = firms_of(ws, "化龙", 2), firms_of(ws, "石碁", 1)
    produced = {"stage": "投产", "production_date": "2016-09-01"}
    rows = [
        row("P1", hl[0], total_investment_wan=3000, **produced),
        row("P2", hl[0], total_investment_wan=1200, equipment_investment_wan=600, **produced),
        row("P3", hl[1], total_investment_wan=4500, **produced),
        row("P4", sq[0], total_investment_wan=2200, **produced),
        row("P5", sq[0], total_investment_wan=9000),  # 开工: not counted
    ]
    imported(ws, tmp_path, rows)
    placed = projects_with_places(read_projects(ws), ws.read("enterprises"))
    table = project_actuals(placed, years=[2016], towns=["化龙", "石碁"]).set_index("town")
    expected: dict[str, tuple[set[str], float]] = {"化龙": (set(), 0.0), "石碁": (set(), 0.0)}
    towns = {u: "化龙" for u in hl} | {sq[0]: "石碁"}
    for r in rows:
        if r["stage"] == "投产":
            firms, total = expected[towns[str(r["uscc"])]]
            expected[towns[str(r["uscc"])]] = (
                firms | {str(r["uscc"])},
                total + float(r["total_investment_wan"]) / 10_000,
            )  # type: ignore[arg-type]
    for town, (firms, total) in expected.items():
        assert table.loc[town, "tech_retrofit_firms"] == len(firms)
        assert table.loc[town, "tech_retrofit_investment"] == pytest.approx(total)
    assert table.loc["化龙", "tech_retrofit_investment"] == pytest.approx(0.87)
    assert pd.Series(placed["town"]).tolist() == ["化龙", "化龙", "化龙", "石碁", "石碁"]
