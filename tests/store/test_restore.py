"""Restore to any point of the history: after 20 district imports the workspace is at most 1.5×
one without history, and restoring entry 1 gives its layers and data version back."""

from __future__ import annotations

import time

import pandas as pd
import pytest

import cli
from errors import ImportStateError
from geo.schema import LAYERS
from store.history import read_history, restore_to, undo_last
from store.imports import import_file
from store.workspace import Workspace, is_database_location
from tests.conftest import workspace_digest, workspace_location
from tests.store.test_imports import survey_table

IMPORTS = 20


def size_of(ws: Workspace) -> int:
    """Bytes the workspace takes: the file, or every table of its schema."""
    if not is_database_location(ws.location):
        return ws.path.stat().st_size
    from store.pg_connection import connection, fetch_all

    with connection(ws.address) as conn:
        rows = fetch_all(
            conn,
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 "
            "AND c.relkind = 'r'",
            [ws.address.schema],
        )
    return int(rows[0][0])


def data(ws: Workspace) -> dict[str, pd.DataFrame]:
    return {name: ws.read(name) for name in LAYERS if name in ws.layers()}


def district_survey(ws: Workspace, tmp_path, k: int):
    """The district's whole 2016 survey, the k-th time: a few firms report other figures."""
    table, _ = survey_table(ws, 2015, n=100_000)
    table["从业人员"] = table["从业人员"].astype(int)
    rows = table.index[k * 7 % len(table) :][:25]
    table.loc[rows, "从业人员"] = table.loc[rows, "从业人员"] + k + 1
    path = tmp_path / f"survey_{k:02d}.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_twenty_district_imports_stay_compact_and_restore_to_the_first(
    fresh_workspace, tmp_path, capsys
):
    ws = fresh_workspace
    versions, states = [], []
    for k in range(IMPORTS):
        import_file(ws, district_survey(ws, tmp_path, k), layer="enterprises", year=2016)
        versions.append(ws.data_version())
        if k == 0:
            states.append(data(ws))
    # the same data without any history: the layers copied into a new workspace
    bare = Workspace.open(workspace_location(tmp_path, "plain"), create="empty")
    bare.write_many(data(ws))
    ratio = size_of(ws) / size_of(bare)
    with capsys.disabled():
        print(
            f"\nsize after {IMPORTS} district imports: {size_of(ws):,} B vs {size_of(bare):,} B "
            f"without history ({ratio:.2f}×)"
        )
    assert ratio <= 1.5
    started = time.perf_counter()
    done = restore_to(ws, 1, user="王五")
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"restore to entry 1: {seconds:.1f} s")
    assert ws.data_version() == versions[0] == done["version_after"]
    for name, frame in states[0].items():
        pd.testing.assert_frame_equal(ws.read(name), frame)
    history = read_history(ws)
    assert history.iloc[-1]["action"] == "restore"
    assert int(history.iloc[-1]["undoes"]) == 1
    # and back to the last import, through the CLI
    assert cli.main(["restore", str(IMPORTS), "--workspace", ws.location]) == 0
    assert "已恢复 restored" in capsys.readouterr().out
    assert ws.data_version() == versions[-1]


def test_restore_to_before_the_first_change_and_refusals(fresh_workspace, tmp_path):
    ws = fresh_workspace
    original, version = data(ws), ws.data_version()
    with pytest.raises(ImportStateError, match="no snapshots yet"):
        restore_to(ws, 0)
    path = tmp_path / "parks.gpkg"
    ws.read("parks").iloc[3:].to_file(path, driver="GPKG")
    import_file(ws, path, layer="parks")
    restore_to(ws, 0)
    assert ws.data_version() == version
    for name, frame in original.items():
        pd.testing.assert_frame_equal(ws.read(name), frame)
    before = workspace_digest(ws)
    with pytest.raises(ImportStateError, match="no history entry 9"):
        restore_to(ws, 9)
    assert workspace_digest(ws) == before
    # a layer whose columns changed since cannot go back
    parks = ws.read("parks").assign(extra="x")
    ws.write("parks", parks)
    with pytest.raises(ImportStateError, match="columns of parks changed"):
        restore_to(ws, 1)


def test_undo_after_a_restore_is_refused_and_history_lists_everything(fresh_workspace, tmp_path):
    ws = fresh_workspace
    import_file(ws, district_survey(ws, tmp_path, 0), layer="enterprises", year=2016)
    restore_to(ws, 0)
    with pytest.raises(ImportStateError, match=r"no import to undo \(entry 2 was a restore\)"):
        undo_last(ws)
    assert cli.main(["history", "--workspace", ws.location]) == 0
    assert list(read_history(ws)["action"]) == ["import", "restore"]
