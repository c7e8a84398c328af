"""Import history, undo, the workspace lock, stale previews and unexpected failures."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import cli
from errors import ImportStateError, WorkspaceBusyError
from geo.schema import LAYERS
from store.history import read_history, undo_last
from store.imports import ImportSettings, apply_import, import_file, plan_import
from store.lock import workspace_lock
from tests.conftest import workspace_digest
from tests.store.test_imports import survey_table

ROOT = Path(__file__).resolve().parents[2]


def data_layers(ws) -> dict[str, pd.DataFrame]:
    return {name: ws.read(name) for name in LAYERS if name in ws.layers()}


def survey_file(ws, tmp_path: Path, year: int = 2016, n: int = 5, name: str = "s.csv") -> Path:
    table, _ = survey_table(ws, year, n=n)
    path = tmp_path / name
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_import_then_undo_restores_every_layer_and_history_shows_both(fresh_workspace, tmp_path):
    ws = fresh_workspace
    before, version = data_layers(ws), ws.data_version()
    report = import_file(ws, survey_file(ws, tmp_path), layer="enterprises", year=2016, user="王五")
    assert ws.data_version() != version
    entry = undo_last(ws, user="赵六")
    assert ws.data_version() == version
    after = data_layers(ws)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, check_like=False)
    history = read_history(ws)
    assert list(history["action"]) == ["import", "undo"]
    assert list(history["user"]) == ["王五", "赵六"]
    assert entry["undoes"] == report.entry == 1
    assert history.iloc[1]["version_after"] == version == history.iloc[0]["version_before"]


def test_undo_of_a_boundary_import(fresh_workspace, tmp_path):
    ws = fresh_workspace
    parks = ws.read("parks")
    subset = parks.head(5).copy()
    subset.loc[0, "name"] = "改名园区"
    path = tmp_path / "parks.gpkg"
    subset.to_file(path, driver="GPKG")
    import_file(ws, path, layer="parks")
    assert len(ws.read("parks")) == 5
    undo_last(ws)
    pd.testing.assert_frame_equal(ws.read("parks"), parks)


def test_nothing_to_undo(fresh_workspace, tmp_path):
    ws = fresh_workspace
    with pytest.raises(ImportStateError, match="no import to undo"):
        undo_last(ws)
    import_file(ws, survey_file(ws, tmp_path), layer="enterprises", year=2016)
    undo_last(ws)
    before = workspace_digest(ws)
    with pytest.raises(ImportStateError, match=r"no import to undo \(entry 2 was an undo\)"):
        undo_last(ws)
    assert workspace_digest(ws) == before


def test_undo_refuses_when_the_data_changed_since(fresh_workspace, tmp_path):
    ws = fresh_workspace
    import_file(ws, survey_file(ws, tmp_path), layer="enterprises", year=2016)
    parcels = ws.read("parcels")
    ws.write("parcels", parcels.head(10))  # someone else changed the data
    before = workspace_digest(ws)
    with pytest.raises(ImportStateError, match=r"the data changed after the import of s\.csv"):
        undo_last(ws)
    assert workspace_digest(ws) == before


def test_a_second_import_waits_for_the_lock_then_says_busy(fresh_workspace, tmp_path):
    ws = fresh_workspace
    path = survey_file(ws, tmp_path)
    settings = ImportSettings(lock_timeout_s=0.2)
    before = workspace_digest(ws)
    with workspace_lock(ws):
        start = time.perf_counter()
        with pytest.raises(WorkspaceBusyError, match="busy with another import or undo; try again"):
            import_file(ws, path, layer="enterprises", year=2016, settings=settings)
        assert time.perf_counter() - start < 30
        with pytest.raises(WorkspaceBusyError):
            undo_last(ws, lock_timeout=0.1)
    assert workspace_digest(ws) == before
    import_file(ws, path, layer="enterprises", year=2016, settings=settings)  # free again


def test_the_cli_is_told_busy_while_another_process_imports(fresh_workspace, tmp_path, capsys):
    ws = fresh_workspace
    path = survey_file(ws, tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from store.lock import workspace_lock; "
            "from store.workspace import Workspace; "
            f"ws = Workspace.open({ws.location!r}); "
            "lock = workspace_lock(ws); lock.__enter__(); print('locked', flush=True); "
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        code = cli.main(
            [
                "import",
                str(path),
                "--layer",
                "enterprises",
                "--year",
                "2016",
                "--workspace",
                ws.location,
            ]
        )
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert code == 1
    assert "busy" in capsys.readouterr().err
    assert "import_history" not in ws.tables()


def test_a_stale_preview_is_not_applied(fresh_workspace, tmp_path):
    """Two tabs preview files; the first confirms; the second's preview no longer matches."""
    ws = fresh_workspace
    first = plan_import(
        ws, survey_file(ws, tmp_path, n=3, name="a.csv"), layer="enterprises", year=2016
    )
    second = plan_import(
        ws, survey_file(ws, tmp_path, n=5, name="b.csv"), layer="enterprises", year=2016
    )
    apply_import(ws, first)
    before = workspace_digest(ws)
    with pytest.raises(ImportStateError, match=r"b\.csv: .*changed since this file was checked"):
        apply_import(ws, second)
    assert workspace_digest(ws) == before
    assert len(read_history(ws)) == 1


def test_a_bug_propagates_from_the_logic_and_the_cli_logs_it_in_one_line(
    fresh_workspace, tmp_path, monkeypatch, capsys
):
    ws = fresh_workspace
    path = survey_file(ws, tmp_path)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr("store.imports.compare", broken)
    before = workspace_digest(ws)
    with pytest.raises(ZeroDivisionError):  # not wrapped, not swallowed: a bug stays a bug
        import_file(ws, path, layer="enterprises", year=2016)
    assert workspace_digest(ws) == before
    args = ["import", str(path), "--layer", "enterprises", "--year", "2016"]
    code = cli.main([*args, "--workspace", ws.location])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "ZeroDivisionError: division by zero" in lines[0]
    assert str(ws.errors_log) in lines[0]
    details = ws.errors_log.read_text(encoding="utf-8")
    assert "Traceback" in details
    assert "second line" in details
    assert "cli.py import" in details
    assert workspace_digest(ws) == before


def test_history_and_undo_commands(fresh_workspace, tmp_path, capsys):
    ws = fresh_workspace
    path = survey_file(ws, tmp_path)
    assert cli.main(["history", "--workspace", ws.location]) == 0
    assert "no imports yet" in capsys.readouterr().out
    args = ["--workspace", ws.location]  # acts as the OS user, as admin
    assert cli.main(["import", str(path), "--layer", "enterprises", "--year", "2016", *args]) == 0
    assert cli.main(["undo", *args]) == 0
    assert "undone: import 1 of s.csv → enterprises" in capsys.readouterr().out
    assert cli.main(["history", "--workspace", ws.location]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert " import " in lines[1]
    assert " undo " in lines[2]
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] in lines[1]
    assert cli.main(["undo", *args]) == 1


def test_dry_run_prints_the_changes(fresh_workspace, tmp_path, capsys):
    ws = fresh_workspace
    table, firms = survey_table(ws, 2015, n=3)  # the stored 2015 survey, 3 firms of it
    table.loc[0, "税收"] = float(table.loc[0, "税收"]) + 1
    path = tmp_path / "2015.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    out_csv = tmp_path / "changes.csv"
    code = cli.main(
        [
            "import",
            str(path),
            "--layer",
            "enterprises",
            "--year",
            "2015",
            "--workspace",
            ws.location,
            "--dry-run",
            "--changes",
            str(out_csv),
        ]
    )
    assert code == 0
    stored_2015 = int(
        (ws.read("enterprises", columns=["survey_year"])["survey_year"] == 2015).sum()
    )
    out = capsys.readouterr().out
    assert f"new 0 · changed 3 · removed {stored_2015 - 3:,} · unchanged 0" in out
    changes = pd.read_csv(out_csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(changes.columns) == ["编号", "名称", "变化", "变化字段"]
    changed = changes[changes["变化"] == "changed"].set_index("编号")["变化字段"]
    keys = [f"{u}-2015" for u in firms["uscc"]]
    assert sorted(changed.index) == sorted(keys)
    assert "tax" in changed[keys[0]].split(", ")
    assert "tax" not in changed[keys[1]].split(", ")
    assert "import_history" not in ws.tables()
