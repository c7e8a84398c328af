"""Compact snapshots of the data layers after every change, so the history can go back to any
entry (restore) and undo needs no copy of a whole layer.

Every row of a data layer has a 64-bit hash of its values and geometry (:func:`row_hashes`).
After each change the workspace keeps, per layer the change wrote, the ordered hashes of its rows
(table ``_history_states``: entry, layer, the layer's column signature, the hashes); entry 0 is
the state before the first recorded change. Rows that leave a layer are kept once in
``_rows_<layer>`` (a bookkeeping layer, never data). A layer at any entry is therefore the rows
of its hash list, found in the live layer or among the kept rows — the changed rows, not copies.

The data tables of :data:`geo.schema.DATA_TABLES` (the project library) are kept the same way,
their rows hashed without a geometry and their leaving rows in the table ``_rows_<table>``.

Seams: :func:`snapshot_tables` (what a change adds, computed before its one write);
:func:`state_at` (a layer as it was after an entry).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from errors import ImportStateError
from geo.schema import DATA_TABLES, LAYERS
from store.workspace import Workspace

__all__ = [
    "STATES",
    "recorded_layers",
    "row_hashes",
    "rows_layer",
    "signature",
    "snapshot_tables",
    "state_at",
]

STATES = "_history_states"
_COLUMNS = ["entry", "layer", "signature", "hashes"]


def rows_layer(layer: str) -> str:
    """The bookkeeping layer that keeps the rows that left ``layer``."""
    return f"_rows_{layer}"


def _geometry_name(frame: pd.DataFrame) -> str | None:
    return frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None


def _is_table(name: str) -> bool:
    return name in DATA_TABLES


def _read(ws: Workspace, name: str) -> pd.DataFrame:
    """A data layer, or a data table, as stored."""
    return ws.read_table(name) if _is_table(name) else ws.read(name)


def signature(frame: pd.DataFrame) -> str:
    """The layer's columns and their types (JSON): a state comes back into the same shape."""
    geometry = _geometry_name(frame)
    types = {str(c): str(t) for c, t in frame.dtypes.items() if c != geometry}
    return json.dumps(
        {"columns": [str(c) for c in frame.columns], "types": types}, ensure_ascii=False
    )


def _columns_of(sig: str) -> list[str]:
    return list(json.loads(sig)["columns"])


def _typed(frame: pd.DataFrame, sig: str) -> pd.DataFrame:
    """``frame`` with the column types the state had (where its values allow them)."""
    for column, kind in json.loads(sig)["types"].items():
        if column in frame.columns and str(frame[column].dtype) != kind:
            try:
                frame[column] = frame[column].astype(kind)
            except (TypeError, ValueError):
                continue  # e.g. a missing value in an integer column: keep it as it is
    return frame


def _canonical(column: pd.Series) -> pd.Series:
    """One text per value, the same before and after a round trip through either back end
    (an integer stored as 5 and read as 5.0, a flag as True or 1, a missing value as None or
    NaN)."""
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        numbers = pd.to_numeric(column, errors="coerce").astype("float64")
        return numbers.map(repr).where(numbers.notna(), "")
    return column.astype(object).where(column.notna(), "").astype(str)


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash per row of its values (in column order) and its geometry's WKB (a data
    table: its values alone)."""
    geometry = _geometry_name(frame)
    attributes = frame if geometry is None else frame.drop(columns=geometry)
    values = pd.DataFrame(
        {str(c): _canonical(attributes[c]) for c in attributes.columns}, index=frame.index
    )
    if isinstance(frame, gpd.GeoDataFrame):
        values["_wkb"] = shapely.to_wkb(frame.geometry.to_numpy(), hex=True)
    return pd.util.hash_pandas_object(values, index=False).to_numpy(dtype=np.uint64)


def _b64(hashes: np.ndarray) -> str:
    return base64.b64encode(np.asarray(hashes, dtype="<u8").tobytes()).decode("ascii")


def _unb64(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u8")


def _encode(hashes: np.ndarray, base: tuple[int, np.ndarray] | None) -> str:
    """A state as JSON: runs of the base state's rows (``[start, length]``) and literal hashes,
    so a change that keeps most rows stores little more than what it changed."""
    if base is None:
        return json.dumps({"base": None, "ops": [_b64(hashes)]})
    entry, previous = base
    where = pd.Series(np.arange(len(previous)), index=previous)
    where = where[~where.index.duplicated()]
    positions = where.reindex(hashes).to_numpy(dtype="float64")
    ops: list[object] = []
    i, n = 0, len(hashes)
    while i < n:
        if np.isnan(positions[i]):
            j = i
            while j < n and np.isnan(positions[j]):
                j += 1
            ops.append(_b64(hashes[i:j]))
        else:
            start, j = int(positions[i]), i + 1
            while j < n and positions[j] == start + (j - i):
                j += 1
            ops.append([start, j - i])
        i = j
    return json.dumps({"base": entry, "ops": ops})


def _decode(states: pd.DataFrame, layer: str, entry: int) -> np.ndarray:
    """The ordered row hashes of ``layer``'s state recorded at ``entry``."""
    row = states[(states["layer"] == layer) & (states["entry"] == entry)].iloc[-1]
    state = json.loads(str(row["hashes"]))
    previous = None if state["base"] is None else _decode(states, layer, int(state["base"]))
    parts = []
    for op in state["ops"]:
        if isinstance(op, str):
            parts.append(_unb64(op))
        else:
            assert previous is not None
            parts.append(previous[op[0] : op[0] + op[1]])
    return np.concatenate(parts) if parts else np.zeros(0, dtype="<u8")


def _states(ws: Workspace) -> pd.DataFrame:
    if STATES not in ws.tables():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
    table = ws.read_table(STATES)[_COLUMNS]
    table["entry"] = pd.to_numeric(table["entry"]).astype("int64")
    return table


def _kept(ws: Workspace, layer: str) -> pd.DataFrame | None:
    name = rows_layer(layer)
    if _is_table(layer):
        if name not in ws.tables():
            return None
        kept = ws.read_table(name)
    elif name not in ws.layers(internal=True):
        return None
    else:
        kept = ws.read(name)
    return kept.assign(_hash=kept["_hash"].astype("uint64"))


def _state(
    entry: int,
    layer: str,
    frame: pd.DataFrame,
    hashes: np.ndarray,
    base: tuple[int, np.ndarray] | None,
) -> dict[str, object]:
    return {
        "entry": entry,
        "layer": layer,
        "signature": signature(frame),
        "hashes": _encode(hashes, base),
    }


def snapshot_tables(
    ws: Workspace, staged: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], entry: int
) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """What change ``entry`` writes besides ``staged``: its states and the rows that leave.

    A layer recorded for the first time also gets its state before the change (entry 0).
    """
    states = _states(ws)
    out: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {}
    new_rows = []
    stored = set(ws.layers()) | set(ws.tables())
    for layer, frame in staged.items():
        spatial = isinstance(frame, gpd.GeoDataFrame)
        if not ((layer in LAYERS and spatial) or (_is_table(layer) and not spatial)):
            continue
        after = row_hashes(frame)
        mine = states[states["layer"] == layer]
        if layer not in stored:
            if mine.empty and not spatial:  # a data table's state before it existed: no rows
                empty = np.zeros(0, dtype=np.uint64)
                new_rows.append(_state(0, layer, frame.iloc[:0], empty, None))
            base = None if mine.empty else int(mine["entry"].max())
            previous = None if base is None else (base, _decode(states, layer, base))
            new_rows.append(_state(entry, layer, frame, after, previous))
            continue
        live = _read(ws, layer)
        before = row_hashes(live)
        if mine.empty:  # the state before the first recorded change
            new_rows.append(_state(0, layer, live, before, None))
            base, base_rows = 0, before
        else:  # runs refer to the recorded state, whatever wrote the live layer since
            base = int(mine["entry"].max())
            base_rows = _decode(states, layer, base)
        new_rows.append(_state(entry, layer, frame, after, (base, base_rows)))
        leaving = live[~np.isin(before, after)].assign(_hash=before[~np.isin(before, after)])
        kept = _kept(ws, layer)
        if kept is not None:
            leaving = leaving[~leaving["_hash"].isin(kept["_hash"])]
            if leaving.empty:
                continue
            leaving = pd.concat([kept, leaving.reindex(columns=kept.columns)], ignore_index=True)
        elif leaving.empty:
            continue
        leaving = leaving.assign(_hash=leaving["_hash"].astype("uint64").astype(str))
        if isinstance(live, gpd.GeoDataFrame):
            leaving = gpd.GeoDataFrame(leaving, geometry="geometry", crs=live.crs)
        out[rows_layer(layer)] = leaving
    if new_rows:
        out[STATES] = pd.concat([states, pd.DataFrame(new_rows)], ignore_index=True)[_COLUMNS]
    return out


def recorded_layers(ws: Workspace) -> list[str]:
    """The data layers whose states are kept."""
    return sorted(set(_states(ws)["layer"]))


def state_at(ws: Workspace, layer: str, entry: int) -> pd.DataFrame:
    """``layer`` (a data layer, a GeoDataFrame, or a data table) as it was after history entry
    ``entry``.

    Raises
    ------
    errors.ImportStateError
        When no state of the layer goes back that far, or its columns changed since.
    """
    states = _states(ws)
    mine = states[(states["layer"] == layer) & (states["entry"] <= entry)]
    if mine.empty:
        raise ImportStateError(
            f"{layer}: 该记录之前没有快照，无法恢复 / no snapshot of {layer} goes back to entry "
            f"{entry} (it predates snapshots)"
        )
    state = mine.sort_values("entry", kind="stable").iloc[-1]
    wanted = _decode(states, layer, int(state["entry"]))
    live = _read(ws, layer)
    if _columns_of(str(state["signature"])) != _columns_of(signature(live)):
        raise ImportStateError(
            f"{layer}: 字段已变化，无法恢复到记录 {entry} / the columns of {layer} changed since "
            f"entry {entry}; restoring would mix two schemas"
        )
    pool = live.assign(_hash=row_hashes(live))
    kept = _kept(ws, layer)
    if kept is not None:
        pool = pd.concat([pool, kept.reindex(columns=pool.columns)], ignore_index=True)
    pool = pool.drop_duplicates("_hash").set_index("_hash")
    missing = np.setdiff1d(wanted, pool.index.to_numpy(dtype=np.uint64))
    if len(missing):
        raise ImportStateError(
            f"{layer}: 快照缺少 {len(missing)} 行 / the snapshot of entry {entry} misses "
            f"{len(missing)} rows"
        )
    rows = pool.loc[wanted].reset_index(drop=True)
    if isinstance(live, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=live.crs)[list(live.columns)]
    else:
        frame = pd.DataFrame(rows)[list(live.columns)]
    return _typed(frame, str(state["signature"]))
