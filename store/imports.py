"""Import a bureau's file into the workspace: validate everything first, then write atomically.

Nothing is stored unless the whole file passes. Enterprises replace the rows of the survey
years the file holds (one version per year); parks and parcels replace their layer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from errors import Problem, UnknownKeyError, ValidationError
from geo.io import read_raw
from geo.joins import locate
from geo.schema import layer_schema
from geo.validate import validate_layer
from store.workspace import Workspace

__all__ = ["IMPORTABLE", "ImportReport", "import_file"]

log = logging.getLogger(__name__)

IMPORTABLE = ("enterprises", "parks", "parcels")
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    layer: str
    source: str
    rows: int
    replaced: int
    survey_years: tuple[int, ...]
    dry_run: bool


def _with_year(raw: pd.DataFrame, year: int | None, layer: str) -> pd.DataFrame:
    """Fill the survey year from ``--year`` when the file has no such column."""
    if year is None or layer != "enterprises":
        return raw
    headers = layer_schema(layer).header_map()
    if any(headers.get(str(c).strip().lower()) == "survey_year" for c in raw.columns):
        return raw
    return raw.assign(survey_year=str(year))


def import_file(
    ws: Workspace,
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    year: int | None = None,
    dry_run: bool = False,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Validate ``path`` as ``layer`` and store it in ``ws`` (unless ``dry_run``)."""
    if layer not in IMPORTABLE:
        raise UnknownKeyError("importable layer", layer, list(IMPORTABLE))
    path = Path(path)
    progress = on_progress or (lambda _f, _m: None)
    progress(0.1, f"reading {path.name}")
    raw = _with_year(read_raw(path), year, layer)
    progress(0.3, "checking")
    row_offset = 1 if isinstance(raw, gpd.GeoDataFrame) else 2
    gdf = validate_layer(
        raw, layer, source=path.name, district=ws.district(), coords=coords, row_offset=row_offset
    )
    years: tuple[int, ...] = ()
    if layer == "enterprises":
        if year is not None:
            wrong = gdf.index[gdf["survey_year"] != year]
            if len(wrong):
                problems = [
                    Problem(
                        path.name,
                        int(i) + row_offset,
                        "survey_year（调查年度）",
                        int(gdf.at[i, "survey_year"]),
                        f"须为 {year} / must be {year} (--year)",
                    )
                    for i in wrong
                ]
                raise ValidationError(problems, source=path.name)
        progress(0.6, "locating towns and parks")
        where = locate(gdf, ws.read("towns"), ws.read("parks"))
        gdf = gdf.assign(town=where["town"], park_id=where["park_id"])
        years = tuple(sorted(int(y) for y in gdf["survey_year"].unique()))
        existing = ws.read("enterprises")
        keep = existing[~existing["survey_year"].isin(years)]
        replaced = len(existing) - len(keep)
        stored = pd.concat([keep, gdf.reindex(columns=keep.columns)], ignore_index=True)
        result = gpd.GeoDataFrame(stored, geometry="geometry", crs=gdf.crs)
    else:
        replaced = len(ws.read(layer, columns=[])) if layer in ws.layers() else 0
        result = gdf
    if not dry_run:
        progress(0.8, "writing")
        ws.write(layer, result)
    progress(1.0, "done")
    log.info(
        "%s %s: %d rows (%d replaced)",
        "checked" if dry_run else "imported",
        path.name,
        len(gdf),
        replaced,
    )
    return ImportReport(layer, path.name, len(gdf), replaced, years, dry_run)
