"""The import history of a workspace, and undo of the last import.

Every import and every undo adds a row to the workspace's ``import_history`` attribute table:
who (the user name given in the app, or the login on the command line), when, the file and its
SHA-256, the layer, the survey years, the counts (rows, new, changed, removed) and the data
version before and after. An import also keeps the layer's previous content in the layer
``_undo_<layer>``, written in the same atomic step as the import itself, so :func:`undo_last`
can put it back — atomically, under the workspace lock, and only when nothing has changed the
data since that import (its recorded data version is still the current one).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import geopandas as gpd
import pandas as pd

from errors import ImportStateError
from store.derived import with_derived
from store.lock import workspace_lock
from store.snapshots import recorded_layers, snapshot_tables, state_at
from store.workspace import Workspace

__all__ = [
    "COLUMNS",
    "TABLE",
    "append_entry",
    "commit_change",
    "read_history",
    "restore_to",
    "snapshot_layer",
    "undo_last",
]

log = logging.getLogger(__name__)

TABLE = "import_history"
COLUMNS = [
    "entry",
    "when",
    "user",
    "action",
    "file",
    "sha256",
    "layer",
    "years",
    "rows",
    "new",
    "changed",
    "removed",
    "undoes",
    "version_before",
    "version_after",
]
_INTS = ("entry", "rows", "new", "changed", "removed", "undoes")
# what a history entry that is not an import was, as undo's refusal names it
_AN = {
    "restore": "a restore",
    "undo": "an undo",
    "approve_matching": "a matching approval",
    "set_stage": "a stage change",
}


def snapshot_layer(layer: str) -> str:
    """The layer that kept ``layer``'s content from before the last import, in workspaces
    written before :mod:`store.snapshots` (undo still reads it there)."""
    return f"_undo_{layer}"


def read_history(workspace: Workspace) -> pd.DataFrame:
    """Every import and undo, oldest first (an empty table when there is none)."""
    if TABLE not in workspace.tables():
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in _INTS else object) for c in COLUMNS}
        )
    table = workspace.read_table(TABLE)
    table = table.reindex(columns=COLUMNS)
    for col in _INTS:
        table[col] = pd.to_numeric(table[col], errors="coerce").fillna(0).astype("int64")
    for col in set(COLUMNS) - set(_INTS):
        table[col] = table[col].astype(object).where(table[col].notna(), "").astype(str)
    return table.sort_values("entry", kind="stable").reset_index(drop=True)


def now() -> str:
    """The current local time, ISO 8601 to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append_entry(history: pd.DataFrame, row: Mapping[str, Any]) -> pd.DataFrame:
    """``history`` with ``row`` added as the next entry (a new frame; missing fields empty)."""
    entry = int(history["entry"].max()) + 1 if len(history) else 1
    full = {c: row.get(c, 0 if c in _INTS else "") for c in COLUMNS}
    full["entry"] = entry
    new = pd.DataFrame([full], columns=COLUMNS)
    if history.empty:
        return new
    return pd.concat([history, new], ignore_index=True)


def commit_change(
    workspace: Workspace,
    layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame],
    row: Mapping[str, Any],
) -> dict[str, Any]:
    """Write ``layers`` (with the fields derived from them, :mod:`store.derived`) and the
    history ``row`` with the data version they make, as ONE atomic write; return the entry.

    Nothing is written twice: the version after is computed from the staged layers before the
    write becomes visible, so a failure anywhere leaves the workspace as it was.
    """
    history = read_history(workspace)
    staged = with_derived(workspace, layers)
    entry = int(history["entry"].max()) + 1 if len(history) else 1
    kept = snapshot_tables(workspace, staged, entry)
    written: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {}

    def then(version: str) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
        written.update(kept)
        written[TABLE] = append_entry(history, {**row, "version_after": version})
        return written

    workspace.write_many(staged, then=then)
    return {str(k): v for k, v in written[TABLE].iloc[-1].items()}


def restore_to(
    workspace: Workspace, entry: int, *, user: str = "", lock_timeout: float | None = None
) -> dict[str, Any]:
    """Bring every recorded data layer back to what it was after history entry ``entry``
    (0: before the first recorded change), as one write recorded in the history itself.

    Raises
    ------
    errors.ImportStateError
        When there is no such entry, no snapshot goes back to it, or a layer's columns changed.
    """
    with workspace_lock(workspace, timeout=lock_timeout, what="restore"):
        history = read_history(workspace)
        known = [0, *history["entry"].tolist()]
        if entry not in known:
            raise ImportStateError(
                f"没有记录 {entry} / there is no history entry {entry} (known: {known[1:]})"
            )
        layers = {name: state_at(workspace, name, entry) for name in recorded_layers(workspace)}
        if not layers:
            raise ImportStateError(
                "该工作库没有快照，无法恢复 / this workspace keeps no snapshots yet: nothing to "
                "restore"
            )
        target = history[history["entry"] == entry]
        row = {
            "when": now(),
            "user": user.strip(),
            "action": "restore",
            "file": "" if target.empty else str(target.iloc[0]["file"]),
            "layer": ", ".join(layers),
            "rows": sum(len(f) for f in layers.values()),
            "undoes": entry,
            "version_before": workspace.data_version(),
        }
        done = commit_change(workspace, layers, row)
    log.info("restored the workspace to entry %d", entry)
    return done


def undo_last(
    workspace: Workspace, *, user: str = "", lock_timeout: float | None = None
) -> dict[str, Any]:
    """Restore the layer of the last import to its content before it; return the undo entry.

    Raises
    ------
    errors.ImportStateError
        When the last action is not an import (nothing to undo, or it was undone already), or
        the data changed since that import.
    errors.WorkspaceBusyError
        When another import or undo is running.
    """
    with workspace_lock(workspace, timeout=lock_timeout, what="undo"):
        history = read_history(workspace)
        if history.empty or history.iloc[-1]["action"] != "import":
            was = (
                ""
                if history.empty
                else f" (entry {history.iloc[-1]['entry']} was "
                f"{_AN.get(str(history.iloc[-1]['action']), 'an undo')})"
            )
            raise ImportStateError(f"没有可撤销的导入 / there is no import to undo{was}")
        last: dict[str, Any] = {str(k): v for k, v in history.iloc[-1].items()}
        layer, snapshot = str(last["layer"]), snapshot_layer(str(last["layer"]))
        # an import may write several data tables (projects and their stage log): "a, b"
        names = [n.strip() for n in layer.split(",") if n.strip()]
        current = workspace.data_version()
        if last["version_after"] != current:
            raise ImportStateError(
                f"导入 {last['file']} 之后数据已变化，不能撤销 / the data changed after the "
                f"import of {last['file']} (version {last['version_after'] or '?'} → {current}); "
                "undo would lose those changes"
            )
        recorded = recorded_layers(workspace)
        if len(names) > 1 and set(names) <= set(recorded):
            previous_of = {n: state_at(workspace, n, int(last["entry"]) - 1) for n in names}
        elif layer in recorded:
            previous_of = {layer: state_at(workspace, layer, int(last["entry"]) - 1)}
        elif snapshot in workspace.layers(internal=True):  # a workspace from before snapshots
            previous_of = {layer: workspace.read(snapshot)}
        else:
            raise ImportStateError(
                f"缺少 {snapshot}，无法撤销 / {snapshot} is missing: cannot undo"
            )
        row = {
            "when": now(),
            "user": user.strip(),
            "action": "undo",
            "file": last["file"],
            "sha256": last["sha256"],
            "layer": layer,
            "years": last["years"],
            "rows": len(next(iter(previous_of.values()))),
            "undoes": int(last["entry"]),
            "version_before": current,
        }
        entry = commit_change(workspace, previous_of, row)
    log.info("undid import %d (%s → %s)", int(last["entry"]), last["file"], layer)
    return entry
