"""Import a bureau's file into the workspace: check everything, show what changes, then write.

Two steps, so the app can show a preview between them:

1. :func:`plan_import` reads the file behind the guards against hostile files, validates it
   (every problem at once), derives town and park of each enterprise and compares the result
   with what is stored (:mod:`store.changes`). Nothing is written.
2. :func:`apply_import` takes the workspace lock, checks that the data are still those the plan
   was made on, and writes in one atomic step: the new layer, the firms' derived fields, the
   snapshot of what changed (:mod:`store.snapshots`) and the history row (:mod:`store.history`).

Enterprises replace the rows of the survey years the file holds (one version per year); parks and
parcels replace their layer. :func:`import_file` does both steps (``dry_run``: the first only).
Any other failure is a bug: it propagates to the one top-level handler of the page or the CLI,
which writes its traceback to the workspace's errors log (:mod:`store.errorlog`); nothing is
stored then either, because the write is one atomic step (:func:`store.history.commit_change`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from errors import (
    ImportStateError,
    Problem,
    UnknownKeyError,
    ValidationError,
)
from geo.checksum import sha256_file
from geo.io import check_raw
from geo.read_budget import read_budgeted
from geo.readers_guard import ReadLimits
from store.changes import Changes, compare
from store.derived import assign_firms
from store.history import commit_change, now
from store.lock import default_timeout_s, workspace_lock
from store.workspace import Workspace

__all__ = [
    "IMPORTABLE",
    "ImportPlan",
    "ImportReport",
    "ImportSettings",
    "apply_import",
    "import_file",
    "plan_import",
]

log = logging.getLogger(__name__)

IMPORTABLE = ("enterprises", "parks", "parcels")
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ImportSettings:
    """The ``[import]`` settings: file limits, repair tolerance, lock wait."""

    limits: ReadLimits = field(default_factory=ReadLimits.default)
    repair_max_area_change: float = 0.01
    lock_timeout_s: float = field(default_factory=default_timeout_s)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> ImportSettings:
        """From a whole configuration; ``None`` reads config/defaults.toml now."""
        if config is None:
            from config import load_config

            config = load_config()
        section = config["import"]
        return cls(
            limits=ReadLimits.from_config(config),
            repair_max_area_change=float(section["repair_max_area_change"]),
            lock_timeout_s=float(section["lock_timeout_s"]),
        )


@dataclass(frozen=True)
class ImportPlan:
    """A checked file and what storing it would change (nothing written yet)."""

    layer: str
    source: str
    sha256: str
    years: tuple[int, ...]
    incoming: gpd.GeoDataFrame
    result: gpd.GeoDataFrame
    changes: Changes
    warnings: tuple[Problem, ...]
    base_version: str
    replaced: int

    @property
    def rows(self) -> int:
        return len(self.incoming)


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    layer: str
    source: str
    rows: int
    replaced: int
    survey_years: tuple[int, ...]
    dry_run: bool
    counts: Mapping[str, int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    entry: int | None = None


def _silent(_fraction: float, _message: str) -> None:
    return None


def _year_problems(gdf: gpd.GeoDataFrame, year: int, source: str, offset: int) -> list[Problem]:
    wrong = gdf.index[gdf["survey_year"] != year]
    return [
        Problem(
            source,
            int(i) + offset,
            "survey_year（调查年度）",
            int(gdf.at[i, "survey_year"]),
            f"须为 {year} / must be {year} (--year)",
        )
        for i in wrong
    ]


def _merge_enterprises(
    ws: Workspace, gdf: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, tuple[int, ...]]:
    """(new layer content, stored rows it replaces, the file's survey years)."""
    gdf = assign_firms(gdf, ws.read("towns"), ws.read("parks"))
    years = tuple(sorted(int(y) for y in gdf["survey_year"].unique()))
    existing = ws.read("enterprises")
    mask = existing["survey_year"].isin(years)
    keep, replaced = existing[~mask], existing[mask]
    stored = pd.concat([keep, gdf.reindex(columns=keep.columns)], ignore_index=True)
    result = gpd.GeoDataFrame(stored, geometry="geometry", crs=gdf.crs)
    return result, replaced, years


def plan_import(
    ws: Workspace,
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    year: int | None = None,
    settings: ImportSettings | None = None,
    on_progress: Progress | None = None,
) -> ImportPlan:
    """Read, check and compare ``path`` as ``layer``; write nothing.

    Raises
    ------
    errors.ValidationError
        Every problem of the file, or the one reason a hostile file is refused.
    """
    if layer not in IMPORTABLE:
        raise UnknownKeyError("importable layer", layer, list(IMPORTABLE))
    path = Path(path)
    settings = settings or ImportSettings.from_config()
    progress = on_progress or _silent
    progress(0.05, f"reading {path.name}")
    # hostile files stop here; the read runs in a worker process within its time and memory
    raw = read_budgeted(path, layer=layer, limits=settings.limits)
    progress(0.2, "checking")
    base_version = ws.data_version()
    extra = {"survey_year": str(year)} if year is not None and layer == "enterprises" else None
    checked = check_raw(
        raw,
        source=path.name,
        layer=layer,
        coords=coords,
        district=ws.district(),
        repair_max_area_change=settings.repair_max_area_change,
        extra_columns=extra,
    )
    gdf = checked.frame
    progress(0.4, "checked")
    if layer == "enterprises":
        if year is not None and (
            problems := _year_problems(gdf, year, path.name, checked.row_offset)
        ):
            raise ValidationError(problems, source=path.name)
        progress(0.5, "locating towns and parks")
        result, replaced, years = _merge_enterprises(ws, gdf)
        gdf = result.iloc[len(result) - len(gdf) :].reset_index(drop=True)
    else:
        replaced = ws.read(layer) if layer in ws.layers() else gdf.iloc[:0]
        result, years = gdf, ()
    progress(0.6, "comparing with the workspace")
    changes = compare(replaced, gdf, layer=layer)
    sha = sha256_file(path)
    log.info("planned %s → %s: %s", path.name, layer, changes.summary())
    return ImportPlan(
        layer=layer,
        source=path.name,
        sha256=sha,
        years=years,
        incoming=gdf,
        result=result,
        changes=changes,
        warnings=checked.warnings,
        base_version=base_version,
        replaced=len(replaced),
    )


def apply_import(
    ws: Workspace,
    plan: ImportPlan,
    *,
    user: str = "",
    settings: ImportSettings | None = None,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Store a plan: the layer, its snapshot (for undo and restore) and the history row, in
    one atomic write.

    Raises
    ------
    errors.WorkspaceBusyError
        Another import or undo holds the workspace.
    errors.ImportStateError
        The data changed since the plan was made: check the file again.
    """
    settings = settings or ImportSettings.from_config()
    progress = on_progress or _silent
    with workspace_lock(ws, timeout=settings.lock_timeout_s):
        progress(0.7, "checking the workspace")
        current = ws.data_version()
        if current != plan.base_version:
            raise ImportStateError(
                f"{plan.source}: 检查之后工作库已变化，请重新检查 / the workspace changed since "
                f"this file was checked (version {plan.base_version} → {current}); check it again"
            )
        row = {
            "when": now(),
            "user": user.strip(),
            "action": "import",
            "file": plan.source,
            "sha256": plan.sha256,
            "layer": plan.layer,
            "years": ", ".join(map(str, plan.years)),
            "rows": plan.rows,
            "new": plan.changes.counts["new"],
            "changed": plan.changes.counts["changed"],
            "removed": plan.changes.counts["removed"],
            "version_before": current,
        }
        progress(0.8, "writing")
        written = commit_change(ws, {plan.layer: plan.result}, row)
        entry = int(written["entry"])
    progress(1.0, "done")
    log.info(
        "imported %s → %s: %s (entry %d)", plan.source, plan.layer, plan.changes.summary(), entry
    )
    return _report(plan, dry_run=False, entry=entry)


def _report(plan: ImportPlan, *, dry_run: bool, entry: int | None = None) -> ImportReport:
    return ImportReport(
        layer=plan.layer,
        source=plan.source,
        rows=plan.rows,
        replaced=plan.replaced,
        survey_years=plan.years,
        dry_run=dry_run,
        counts=dict(plan.changes.counts),
        warnings=plan.warnings,
        entry=entry,
    )


def import_file(
    ws: Workspace,
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    year: int | None = None,
    dry_run: bool = False,
    user: str = "",
    settings: ImportSettings | None = None,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Validate ``path`` as ``layer`` and store it in ``ws`` (unless ``dry_run``)."""
    settings = settings or ImportSettings.from_config()
    plan = plan_import(
        ws, path, layer=layer, coords=coords, year=year, settings=settings, on_progress=on_progress
    )
    if dry_run:
        return _report(plan, dry_run=True)
    return apply_import(ws, plan, user=user, settings=settings, on_progress=on_progress)
