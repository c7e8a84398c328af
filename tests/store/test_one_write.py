"""Every change is one atomic write on both back ends: a failure injected at any write step of an
import, an undo, a scenario save or a target edit leaves the workspace identical and says so;
the history row carries the data version after in the same write; firms' park and town are
re-derived whenever parks change; the change token covers the rasters."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import store.workspace as workspace_module
from config import load_settings
from errors import WorkspaceError
from geo.joins import locate
from store.history import read_history, undo_last
from store.imports import import_file
from store.scenarios import TABLE as SCENARIOS
from store.scenarios import list_scenarios, save_scenario
from store.targets import LOG as TARGETS_LOG
from store.targets import TABLE as TARGETS
from store.targets import load_split, save_split
from store.workspace import Workspace
from tests.conftest import BACKEND, workspace_digest
from tests.store.test_history import survey_file

ROOT = Path(__file__).resolve().parents[2]


class InjectedError(OSError):
    """An OS failure (a full disk, a lost server) at one write step."""


def fail_at_step(monkeypatch, step: int) -> list[str]:
    """Make the ``step``-th table written by the back end fail; return the names written."""
    calls: list[str] = []
    if BACKEND == "postgis":
        from store.postgis import PostGISWorkspace

        original = PostGISWorkspace._replace

        def replace(self, conn, name, frame):
            calls.append(name)
            if len(calls) == step:
                raise InjectedError(f"injected failure writing {name}")
            return original(self, conn, name, frame)

        monkeypatch.setattr(PostGISWorkspace, "_replace", replace)
    else:
        import store.gpkg

        original_write = store.gpkg._write

        def write(path, name, frame):
            calls.append(name)
            if len(calls) == step:
                raise InjectedError(f"injected failure writing {name}")
            return original_write(path, name, frame)

        monkeypatch.setattr(store.gpkg, "_write", write)
    return calls


def _import(ws: Workspace, tmp_path: Path):
    path = survey_file(ws, tmp_path)
    return lambda: import_file(ws, path, layer="enterprises", year=2016, user="王五")


def _parks_import(ws: Workspace, tmp_path: Path):
    path = tmp_path / "parks.gpkg"
    ws.read("parks").iloc[1:].to_file(path, driver="GPKG")  # without the first park
    return lambda: import_file(ws, path, layer="parks")


def _scenario(ws: Workspace, _tmp_path: Path):
    return lambda: save_scenario(ws, "三园", parks=["PY-SL-021"], parameters={"n": 3})


def _targets(ws: Workspace, _tmp_path: Path):
    cfg = load_settings().targets
    frame = load_split(ws, config=cfg).frame.copy()
    frame.loc[frame.index[0], "industrial_investment"] += 1.0
    return lambda: save_split(ws, frame, user="李科长", config=cfg)


CHANGES = {
    "import": _import,
    "parks import": _parks_import,
    "scenario": _scenario,
    "target edit": _targets,
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_failure_at_every_write_step_leaves_the_workspace_identical(
    fresh_workspace, tmp_path, monkeypatch, kind
):
    ws = fresh_workspace
    # which tables the change writes: run it once on a copy of the workspace
    probe = Workspace.open(_copy_location(ws, tmp_path), create="never")
    calls = fail_at_step(monkeypatch, 999)
    (tmp_path / "probe").mkdir()
    CHANGES[kind](probe, tmp_path / "probe")()
    steps = list(calls)
    monkeypatch.undo()
    assert len(steps) >= 1
    before, history = workspace_digest(ws), len(read_history(ws))
    (tmp_path / "run").mkdir()
    change = CHANGES[kind](ws, tmp_path / "run")
    for step in range(1, len(steps) + 1):
        fail_at_step(monkeypatch, step)
        with pytest.raises(WorkspaceError, match="nothing was changed") as info:
            change()
        assert "injected failure" in str(info.value)
        monkeypatch.undo()
        assert workspace_digest(ws) == before, f"step {step} ({steps[step - 1]}) left a trace"
        assert len(read_history(ws)) == history
    assert not [p for p in ws.scratch_dir.glob("*.tmp.gpkg")]  # no temporaries left


def _copy_location(ws: Workspace, tmp_path: Path) -> str:
    from store.copy import copy_workspace
    from tests.conftest import workspace_location

    target = workspace_location(tmp_path, "probe")
    copy_workspace(ws.location, target)
    return target


def test_an_import_writes_its_version_after_in_the_same_write(fresh_workspace, tmp_path):
    ws = fresh_workspace
    report = _import(ws, tmp_path)()
    row = read_history(ws).iloc[-1]
    assert int(row["entry"]) == report.entry
    workspace_module._VERSIONS.clear()  # hash the stored data afresh
    assert row["version_after"] == ws.data_version() != row["version_before"]
    undo_last(ws)  # the recorded version is the real one: undo is allowed
    assert ws.data_version() == row["version_before"]


def test_a_failed_history_write_leaves_undo_possible(fresh_workspace, tmp_path, monkeypatch):
    """Finding 1 of issue 18: a failure in the history step used to store the layers anyway."""
    ws = fresh_workspace
    _import(ws, tmp_path)()
    before = workspace_digest(ws)
    path = tmp_path / "second.csv"
    survey_file(ws, tmp_path, name="second.csv", year=2017)

    def broken(*args, **kwargs):
        raise InjectedError("injected failure in the history step")

    monkeypatch.setattr("store.history.append_entry", broken)
    with pytest.raises(WorkspaceError, match="nothing was changed: injected failure"):
        import_file(ws, path, layer="enterprises", year=2017)
    monkeypatch.undo()
    assert workspace_digest(ws) == before
    undo_last(ws)  # the first import can still be undone


def test_parks_reimported_without_a_park_leave_no_firm_pointing_at_it(fresh_workspace, tmp_path):
    ws = fresh_workspace
    gone = str(ws.read("parks").iloc[0]["park_id"])
    firms = ws.read("enterprises")
    assert (firms["park_id"] == gone).sum() > 0
    _parks_import(ws, tmp_path)()
    after = ws.read("enterprises")
    assert (after["park_id"] == gone).sum() == 0
    # every firm's park and town is what its location says (an independent spatial join)
    truth = locate(after, ws.read("towns"), ws.read("parks"))
    assert after["park_id"].fillna("").tolist() == truth["park_id"].fillna("").tolist()
    assert after["town"].fillna("").tolist() == truth["town"].fillna("").tolist()
    undo_last(ws)  # the park comes back, and its firms with it
    assert (ws.read("enterprises")["park_id"] == gone).sum() == (firms["park_id"] == gone).sum()


def test_a_raster_write_changes_the_version(fresh_workspace, tmp_path):
    ws = fresh_workspace
    version = ws.data_version()
    changed = tmp_path / "irradiance.tif"
    changed.write_bytes(ws.raster_path("irradiance").read_bytes() + b"\0")
    time.sleep(0.01)
    ws.write_rasters({"irradiance": changed}, {})
    assert ws.data_version() != version
    workspace_module._VERSIONS.clear()
    assert ws.data_version() == Workspace.open(ws.location, create="never").data_version()


def test_scenario_and_target_edit_are_one_write_each(fresh_workspace, monkeypatch):
    ws = fresh_workspace
    calls = fail_at_step(monkeypatch, 999)
    _scenario(ws, Path())()
    assert calls == [SCENARIOS]
    calls.clear()
    _targets(ws, Path())()
    assert sorted(calls) == sorted([TARGETS, TARGETS_LOG])
    assert [s.name for s in list_scenarios(ws)] == ["三园"]


def _writing(ws: Workspace) -> bool:
    """Whether another process is in the middle of writing ``ws``."""
    if BACKEND == "postgis":
        from store.pg_connection import connection, fetch_all

        with connection(ws.address) as conn:
            rows = fetch_all(
                conn,
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                "AND pid <> pg_backend_pid() AND query ILIKE '%COPY%'",
            )
        return int(rows[0][0]) > 0
    return bool(list(ws.path.parent.glob("*.tmp.gpkg")))


def test_kill_9_in_the_middle_of_a_large_import_keeps_the_old_data(fresh_workspace, tmp_path):
    ws = fresh_workspace
    before = workspace_digest(ws)
    path = survey_file(ws, tmp_path, n=100_000, name="big.csv")  # the whole 2015 survey
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "import",
            str(path),
            "--layer",
            "enterprises",
            "--year",
            "2016",
            "--workspace",
            ws.location,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not _writing(ws):
        time.sleep(0.01)
    assert proc.poll() is None, "the import finished before it could be killed mid-write"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if BACKEND == "postgis":
        time.sleep(0.5)  # the server notices the lost session and rolls its transaction back
    assert workspace_digest(ws) == before
    if BACKEND == "gpkg":
        with sqlite3.connect(ws.path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reopened = Workspace.open(ws.location, create="never")
    assert len(reopened.read("enterprises")) == len(ws.read("enterprises")) > 0
    assert read_history(reopened).empty
