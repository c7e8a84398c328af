"""Copying a workspace between back ends (GeoPackage → PostGIS and back), with a count check.

Every layer (the undo snapshots too), every attribute table (scenarios, import history,
targets) and the rasters are copied; the destination must be empty. The layers and tables go in
one write (one transaction on PostGIS, one file replacement on a GeoPackage), then the rows of
each are counted on both sides and the data versions compared: a copy that does not match is
reported, never passed off as done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from errors import WorkspaceError
from store.workspace import (
    RASTER_SIDECARS,
    RASTERS,
    SAMPLE_GPKG,
    Workspace,
    iter_names,
    resolve_workspace,
    sample_workspace,
)

__all__ = ["copy_into", "copy_workspace"]

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]


def copy_into(source: Workspace, target: Workspace, *, on_progress: Progress | None = None) -> None:
    """Write every layer, table and raster of ``source`` into ``target`` (no checks)."""
    names = list(iter_names(source))
    frames: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {}
    for i, (name, spatial) in enumerate(names):
        if on_progress:
            on_progress(i / (len(names) + 2), name)
        frames[name] = source.read(name) if spatial else source.read_table(name)
    if on_progress:
        on_progress(len(names) / (len(names) + 2), "write")
    target.write_many(frames)
    rasters = {k: p for k in RASTERS if (p := source.raster_path(k)).exists()}
    sidecars = {k: p for k in RASTER_SIDECARS if (p := source.raster_classes_path(k)).exists()}
    target.write_rasters(rasters, sidecars)
    if on_progress:
        on_progress(1.0, "done")


def copy_workspace(
    source: str, target: str, *, on_progress: Progress | None = None
) -> dict[str, tuple[int, int]]:
    """Copy the workspace at ``source`` into a new or empty one at ``target``.

    Returns the rows per layer and table, as (source, target).

    Raises
    ------
    errors.WorkspaceError
        When ``source`` does not exist, ``target`` is not empty, or the counts or the data
        versions differ after the copy.
    """
    bundled = resolve_workspace(source) == SAMPLE_GPKG.resolve()  # read-only, a fine source
    src = sample_workspace() if bundled else Workspace.open(source, create="never")
    dst = Workspace.open(target, create="empty")
    if dst.layers(internal=True) or dst.tables():
        raise WorkspaceError(
            f"{dst.label} is not empty ({', '.join(dst.layers(internal=True) + dst.tables())}); "
            "copy into a new GeoPackage or an empty schema"
        )
    copy_into(src, dst, on_progress=on_progress)
    before, after = src.feature_counts(internal=True), dst.feature_counts(internal=True)
    counts = {n: (before[n], after.get(n, 0)) for n in before}
    wrong = {n: c for n, c in counts.items() if c[0] != c[1]}
    if wrong or set(after) != set(before):
        raise WorkspaceError(f"the copy to {dst.label} does not match: {wrong or after}")
    if src.data_version() != dst.data_version():
        raise WorkspaceError(
            f"the copy to {dst.label} has data version {dst.data_version()}, "
            f"the source {src.data_version()}"
        )
    log.info("copied %s to %s (%d layers and tables)", src.label, dst.label, len(counts))
    return counts
