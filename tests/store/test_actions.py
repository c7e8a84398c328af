"""Writing actions as an account: the role is checked in the logic, a town imports its own rows
only (others named by row, nothing stored), and a scripted day leaves one audit row per action
(on the suite's back end)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from config import load_settings
from errors import AccessDeniedError, SignInError, ValidationError
from exports.pack import export_product, resolve_selection
from geo.checksum import sha256_file
from store.accounts import Account, add_account, authenticate
from store.actions import (
    delete_scenario_as,
    export_as,
    import_as,
    save_scenario_as,
    save_targets_as,
    undo_as,
)
from store.audit import read_audit
from store.history import read_history
from store.scenarios import list_scenarios
from store.targets import load_split
from tests.conftest import workspace_digest

SETTINGS = load_settings()
PLANNER = Account("wang", "planner")
CLERK = Account("hualong_clerk", "town", "化龙")
VIEWER = Account("guest", "viewer")
LAND = Account("land", "land")


def survey_file(ws, path, towns: dict[str, int]):
    """A spreadsheet of the stored 2015 firms of ``towns`` (n rows each, in that order)."""
    firms = ws.read("enterprises")
    firms = firms[firms["survey_year"] == 2015]
    picked = pd.concat([firms[firms["town"] == t].head(n) for t, n in towns.items()])
    table = pd.DataFrame(
        {
            "统一社会信用代码": picked["uscc"],
            "企业名称": picked["name"],
            "行业代码": picked["industry_code"],
            "规模以上": picked["above_scale"].map({True: "是", False: "否"}),
            "从业人员": picked["employees"],
            "用地面积": picked["land_area_m2"],
            "工业总产值": picked["gross_output"],
            "工业增加值": picked["value_added"],
            "主营业务收入": picked["revenue"],
            "税收": picked["tax"],
            "用电量": picked["electricity_kwh"],
            "新鲜水用量": picked["water_m3"],
            "经度": picked.geometry.x,
            "纬度": picked.geometry.y,
        }
    )
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_a_town_account_importing_another_towns_rows_is_refused_row_by_row(
    fresh_workspace, tmp_path
):
    ws = fresh_workspace
    # rows 2–3 化龙, 4–6 石楼, 7 化龙 (header = line 1)
    table = pd.read_csv(survey_file(ws, tmp_path / "a.csv", {"化龙": 2, "石楼": 3}))
    more = pd.read_csv(survey_file(ws, tmp_path / "b.csv", {"化龙": 3}))
    path = tmp_path / "2016_化龙.csv"
    pd.concat([table, more.tail(1)]).to_csv(path, index=False, encoding="utf-8-sig")
    before = workspace_digest(ws)
    with pytest.raises(ValidationError) as info:
        import_as(ws, CLERK, path, layer="enterprises", year=2016)
    assert [(p.row, p.value) for p in info.value.problems] == [
        (4, "石楼"),
        (5, "石楼"),
        (6, "石楼"),
    ]
    assert "imports the firms of 化龙 only" in str(info.value)
    assert workspace_digest(ws) == before
    assert read_audit(ws).empty


def test_a_town_import_replaces_its_own_rows_only(fresh_workspace, tmp_path):
    ws = fresh_workspace
    both = survey_file(ws, tmp_path / "2016.csv", {"化龙": 3, "石楼": 2})
    import_as(ws, PLANNER, both, layer="enterprises", year=2016)
    own = survey_file(ws, tmp_path / "2016_化龙.csv", {"化龙": 1})
    report = import_as(ws, CLERK, own, layer="enterprises", year=2016)
    assert (report.rows, report.replaced) == (1, 3)
    stored = ws.read("enterprises")
    y2016 = stored[stored["survey_year"] == 2016]
    assert y2016["town"].value_counts().to_dict() == {"石楼": 2, "化龙": 1}
    assert read_history(ws)["user"].tolist() == ["wang", "hualong_clerk"]


@pytest.mark.parametrize("actor", [CLERK, VIEWER, LAND], ids=lambda a: a.role)
def test_a_forced_call_without_the_right_is_refused_and_writes_nothing(
    fresh_workspace, tmp_path, actor
):
    ws = fresh_workspace
    path = survey_file(ws, tmp_path / "2016.csv", {"化龙": 2})
    before = workspace_digest(ws)
    calls = [
        lambda: save_scenario_as(ws, actor, "x", parks=["PY-SQ-001"], parameters={}),
        lambda: undo_as(ws, actor),
        lambda: import_as(ws, actor, path, layer="parks"),
        lambda: export_as(ws, actor, "briefing", lambda: [tmp_path / "never.pdf"]),
    ]
    if actor is not CLERK:
        calls.append(lambda: import_as(ws, actor, path, layer="enterprises", year=2016))
    for call in calls:
        with pytest.raises(AccessDeniedError, match=f"role {actor.role}"):
            call()
    assert workspace_digest(ws) == before


def test_a_town_edits_its_own_targets_only(fresh_workspace):
    ws = fresh_workspace
    cfg = SETTINGS.targets
    frame = load_split(ws, config=cfg).frame.copy()
    at = frame.index[(frame["year"] == 2016) & (frame["town"] == "石楼")][0]
    frame.at[at, "robot_firms"] += 1
    before = workspace_digest(ws)
    with pytest.raises(AccessDeniedError, match=f"rows {at + 1} are of other towns"):
        save_targets_as(ws, CLERK, frame, config=cfg)
    assert workspace_digest(ws) == before
    frame = load_split(ws, config=cfg).frame.copy()
    mine = frame.index[(frame["year"] == 2016) & (frame["town"] == "化龙")][0]
    frame.at[mine, "robot_firms"] += 1
    assert save_targets_as(ws, CLERK, frame, config=cfg).changes == 1


def test_a_scripted_day_leaves_one_audit_row_per_action(fresh_workspace, tmp_path):
    ws = fresh_workspace
    auth = SETTINGS.auth
    add_account(
        ws, "wang", "planner-pass-2026", role="planner", config=auth, by=Account("ops", "admin")
    )
    with pytest.raises(SignInError):
        authenticate(ws, "wang", "not-the-password", config=auth)
    user = authenticate(ws, "wang", "planner-pass-2026", config=auth).account
    path = survey_file(ws, tmp_path / "2016.csv", {"化龙": 2, "石楼": 1})
    import_as(ws, user, path, layer="enterprises", year=2016)
    undo_as(ws, user)
    save_scenario_as(ws, user, "三园先行", parks=["PY-SQ-001", "PY-SQ-002"], parameters={"k": 2})
    frame = load_split(ws, config=SETTINGS.targets).frame.copy()
    frame.loc[0, "robot_firms"] += 2
    save_targets_as(ws, user, frame, config=SETTINGS.targets)
    selection = resolve_selection(ws, scenario="三园先行")
    out = tmp_path / "parcels.csv"
    files = export_as(ws, user, "parcels", lambda: export_product(ws, selection, "csv", out))
    delete_scenario_as(ws, user, "三园先行")
    assert list_scenarios(ws) == []
    log = read_audit(ws)
    assert log["action"].tolist() == [
        "account_add", "sign_in_failed", "sign_in", "import", "undo", "scenario_save",
        "target_edit", "export", "scenario_delete",
    ]  # fmt: skip
    assert log["seq"].tolist() == list(range(1, 10))
    assert set(log["user"].iloc[1:]) == {"wang"}
    assert set(log["role"].iloc[1:]) == {"planner"}
    assert log.at[3, "checksum"] == sha256_file(path)
    assert log.at[4, "checksum"] == sha256_file(path)
    assert log.at[5, "object"] == "三园先行"
    sums = dict(part.split("=") for part in log.at[7, "checksum"].split("; "))
    assert sums == {f.name: sha256_file(f) for f in files}
    times = pd.to_datetime(log["when"], utc=True)
    assert times.is_monotonic_increasing
    assert (times <= pd.Timestamp(datetime.now(UTC))).all()


def test_a_download_is_checked_then_audited_with_the_sha256_of_its_bytes(fresh_workspace):
    from store.actions import export_bytes_as

    ws = fresh_workspace
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"\xef\xbb\xbfpark,area\n"

    data = export_bytes_as(ws, LAND, "parcels", "list.csv", make)
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["role"], last["action"]) == ("land", "land", "export")
    assert last["checksum"] == "list.csv=" + __import__("hashlib").sha256(data).hexdigest()
    before = len(read_audit(ws))
    with pytest.raises(AccessDeniedError, match="只读"):
        export_bytes_as(ws, VIEWER, "parcels", "list.csv", make)
    assert made == [1]  # a refused download is never built
    assert len(read_audit(ws)) == before


def test_an_action_and_its_audit_row_are_one_write(fresh_workspace, tmp_path, monkeypatch):
    """The audit row is stored in the write that stores the import (store.audit.along): one
    write_many call, and a failure making the row leaves the import unstored too."""
    import store.audit

    ws = fresh_workspace
    path = survey_file(ws, tmp_path / "a.csv", {"化龙": 2})
    calls: list[list[str]] = []
    write_many = type(ws).write_many

    def counted(self, layers, **kw):
        calls.append(sorted(layers))
        return write_many(self, layers, **kw)

    monkeypatch.setattr(type(ws), "write_many", counted)
    import_as(ws, PLANNER, path, layer="enterprises", year=2015)
    assert len(calls) == 1
    last = read_audit(ws).iloc[-1]
    entry = int(read_history(ws)["entry"].iloc[-1])
    assert (last["action"], last["detail"].split(";")[0]) == ("import", f"history entry {entry}")

    before = workspace_digest(ws)
    appended = store.audit.appended

    def broken(*args, **kwargs):
        raise OSError("disk full while making the audit row")

    monkeypatch.setattr(store.audit, "appended", broken)
    with pytest.raises(OSError, match="disk full"):
        undo_as(ws, PLANNER)
    monkeypatch.setattr(store.audit, "appended", appended)
    assert workspace_digest(ws) == before  # neither the undo nor its row
    undo_as(ws, PLANNER)
    assert read_audit(ws).iloc[-1]["action"] == "undo"
    assert list(read_history(ws)["action"]) == ["import", "undo"]
