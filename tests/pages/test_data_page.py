"""The data page: upload → problems → corrected file → preview → confirm → history → undo."""

from __future__ import annotations

import pandas as pd

from store.history import read_history
from store.workspace import Workspace
from tests.conftest import workspace_digest
from tests.pages.conftest import open_page
from tests.store.test_imports import survey_table


def frame_with(app, column: str) -> pd.DataFrame:
    """The table on the page that has ``column``."""
    (frame,) = [d.value for d in app.dataframe if column in d.value.columns]
    return frame


def test_bad_file_then_good_file_preview_confirm_and_undo(app, app_workspace):
    ws = Workspace.open(app_workspace)
    version = ws.data_version()
    before = workspace_digest(ws)
    table, firms = survey_table(ws, 2018, n=4)  # after the sample's last survey (2017)
    bad = table.copy()
    bad.loc[1, "税收"] = "n/a"
    open_page(app, "data")
    app.number_input(key="import_year").set_value(2018).run()
    upload = app.get("file_uploader")[0]
    upload.set_value(("bad.csv", bad.to_csv(index=False).encode("gbk"), "text/csv")).run()
    assert not app.exception
    assert "输入有误" in app.error[0].value
    problems = app.dataframe[-1].value
    assert list(problems["行"]) == [3]
    assert problems["字段"].iloc[0].startswith("tax")
    assert app.get("download_button")  # the problems as a workbook with Chinese headers
    assert workspace_digest(ws) == before

    good = table.to_csv(index=False).encode("utf-8-sig")
    app.get("file_uploader")[0].set_value(("2018.csv", good, "text/csv")).run()
    assert not app.exception
    assert not app.error
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["新增"] == "4"
    assert metrics["删除"] == "0"
    changes = frame_with(app, "变化字段")
    assert sorted(changes["编号"]) == sorted(f"{u}-2018" for u in firms["uscc"])
    assert set(changes["变化"]) == {"新增"}
    assert workspace_digest(ws) == before  # nothing stored before the confirmation

    app.button(key="import_confirm").click().run()
    assert not app.exception
    assert "已导入 2018.csv → enterprises：新增 4" in app.success[0].value
    stored = ws.read("enterprises").query("survey_year == 2018")
    assert sorted(stored["uscc"]) == sorted(firms["uscc"])
    history = frame_with(app, "操作人")
    assert list(history["操作人"]) == ["李规划"]  # the signed-in account, not a typed name

    app.button(key="undo_button").click().run()
    assert not app.exception
    assert "已撤销记录 1" in app.success[0].value
    assert ws.data_version() == version
    assert list(read_history(ws)["action"]) == ["import", "undo"]
    assert list(frame_with(app, "操作")["操作"]) == ["撤销", "导入"]

    # restore to the state after the import (entry 1), then to before it (entry 0)
    after_import = read_history(ws).iloc[0]["version_after"]
    app.button(key="restore_1").click().run()
    assert not app.exception
    assert "已恢复到记录 1" in app.success[0].value
    assert ws.data_version() == after_import
    app.button(key="restore_0").click().run()
    assert ws.data_version() == version
    assert list(read_history(ws)["action"]) == ["import", "undo", "restore", "restore"]
    assert list(frame_with(app, "操作")["操作"])[:2] == ["恢复", "恢复"]


def test_many_problems_are_summarised_by_field_and_rule_with_both_downloads(app, app_workspace):
    """Issue 22: 30 bad rows (60 problems) — a summary table above the list, every problem in
    the Excel and CSV downloads."""
    ws = Workspace.open(app_workspace)
    before = workspace_digest(ws)
    table, _firms = survey_table(ws, 2018, n=30)
    table["税收"] = "n/a"
    table["从业人员"] = "很多"
    open_page(app, "data")
    app.number_input(key="import_year").set_value(2018).run()
    upload = app.get("file_uploader")[0]
    upload.set_value(("bad.csv", table.to_csv(index=False).encode("utf-8-sig"), "text/csv"))
    app.run()
    assert not app.exception
    assert "60" in app.error[0].value
    summary = frame_with(app, "问题数")
    assert sorted(summary["问题数"]) == [30, 30]
    assert {f.split("（")[0] for f in summary["字段"]} == {"tax", "employees"}
    assert summary["前几行"].iloc[0] == "2, 3, 4, 5, 6"
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["下载问题清单（Excel）", "下载问题清单（CSV）"]
    assert workspace_digest(ws) == before
