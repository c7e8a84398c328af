"""The working database: one GeoPackage per workspace, rasters beside it.

A missing workspace is created as a copy of the bundled Panyu sample; the sample itself is
never written. Every write goes to a copy of the file which replaces the original only when the
write has finished (``os.replace`` is atomic on one file system), so a failed write leaves the
workspace exactly as it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from errors import UnknownKeyError, WorkspaceError
from geo.crs import AREA_CRS, STORE_CRS
from geo.schema import LAYERS

__all__ = [
    "DEFAULT_WORKSPACE",
    "ENV_VAR",
    "RASTERS",
    "SAMPLE_GPKG",
    "Workspace",
    "resolve_workspace",
]

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "parks"
SAMPLE_GPKG = SAMPLE_DIR / "panyu_sample.gpkg"
RASTERS = {"irradiance": "panyu_irradiance.tif", "landuse": "panyu_landuse.tif"}
RASTER_SIDECARS = {"landuse": "panyu_landuse_classes.csv"}
DEFAULT_WORKSPACE = ROOT / "workspace" / "parkplan.gpkg"
ENV_VAR = "PARKPLAN_WORKSPACE"


def resolve_workspace(path: str | os.PathLike[str] | None = None) -> Path:
    """The workspace path: ``path``, else ``$PARKPLAN_WORKSPACE``, else the default."""
    chosen = path or os.environ.get(ENV_VAR) or DEFAULT_WORKSPACE
    return Path(chosen).expanduser().resolve()


def _is_sample(path: Path) -> bool:
    return path.resolve() == SAMPLE_GPKG.resolve()


@dataclass(frozen=True)
class Workspace:
    """A GeoPackage workspace. Open with :meth:`open`."""

    path: Path

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Workspace:
        """Open the workspace at ``path``; create it from the bundled sample when missing."""
        target = resolve_workspace(path)
        if _is_sample(target):
            raise WorkspaceError(
                f"{target} is the bundled sample, which is read-only; "
                "choose another workspace path (--workspace / PARKPLAN_WORKSPACE)"
            )
        if target.suffix.lower() != ".gpkg":
            raise WorkspaceError(f"{target.name}: a workspace must be a .gpkg file")
        if not target.exists():
            cls._create_from_sample(target)
        return cls(target)

    @staticmethod
    def _create_from_sample(target: Path) -> None:
        if not SAMPLE_GPKG.exists():
            raise WorkspaceError(f"the bundled sample {SAMPLE_GPKG} is missing")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for kind, name in RASTERS.items():
                shutil.copyfile(SAMPLE_DIR / name, _raster_path(target, kind))
            for kind, name in RASTER_SIDECARS.items():
                shutil.copyfile(SAMPLE_DIR / name, _sidecar_path(target, kind))
            fd, tmp = tempfile.mkstemp(suffix=".gpkg", dir=target.parent)
            os.close(fd)
            shutil.copyfile(SAMPLE_GPKG, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise WorkspaceError(f"cannot create workspace {target}: {exc}") from exc
        log.info("created workspace %s from the bundled sample", target)

    # -- reading -------------------------------------------------------------------------
    def layers(self, *, internal: bool = False) -> list[str]:
        """Names of the spatial layers in the workspace (attribute tables: :meth:`tables`).

        Layers whose name starts with ``_`` (the snapshots kept for undo) are the workspace's
        own bookkeeping, not data: listed only with ``internal=True``.
        """
        names = [str(n) for n, kind in pyogrio.list_layers(self.path) if kind is not None]
        return names if internal else [n for n in names if not n.startswith("_")]

    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame:
        """Read one layer (EPSG:4326)."""
        known = self.layers(internal=True)
        if layer not in known:
            raise UnknownKeyError("layer", layer, known)
        gdf = gpd.read_file(
            self.path, layer=layer, columns=columns, engine="pyogrio", use_arrow=True
        )
        if gdf.crs is None or not gdf.crs.equals(STORE_CRS):
            raise WorkspaceError(f"{self.path.name}:{layer} is not stored in {STORE_CRS}")
        return gdf

    def raster_path(self, kind: str) -> Path:
        """Path of a raster of this workspace (``irradiance`` or ``landuse``)."""
        if kind not in RASTERS:
            raise UnknownKeyError("raster", kind, list(RASTERS))
        return _raster_path(self.path, kind)

    def raster_classes_path(self, kind: str) -> Path:
        """Path of a raster's class table (``landuse``)."""
        if kind not in RASTER_SIDECARS:
            raise UnknownKeyError("raster class table", kind, list(RASTER_SIDECARS))
        return _sidecar_path(self.path, kind)

    def district(self) -> BaseGeometry:
        """The district outline: the union of the towns (EPSG:4326)."""
        return shapely.union_all(self.read("towns", columns=[]).geometry.to_numpy())

    def tables(self) -> list[str]:
        """Names of the attribute tables (no geometry): scenarios, history, targets …"""
        return [str(name) for name, kind in pyogrio.list_layers(self.path) if kind is None]

    def read_table(self, name: str) -> pd.DataFrame:
        """Read one attribute table (a layer without geometry) as a plain DataFrame."""
        known = self.tables()
        if name not in known:
            raise UnknownKeyError("table", name, known)
        return pyogrio.read_dataframe(self.path, layer=name, use_arrow=True)

    def data_version(self) -> str:
        """A short hash of the data: the layers of :data:`geo.schema.LAYERS` and the rasters.

        Attribute tables (scenarios, import history, targets) are left out, so saving a
        scenario does not change the version the scenario records. Recorded by every export.
        """
        stat = self.path.stat()
        key = (str(self.path), stat.st_mtime_ns, stat.st_size)
        if key not in _VERSIONS:
            _VERSIONS[key] = _content_hash(self.path, [_raster_path(self.path, k) for k in RASTERS])
        return _VERSIONS[key]

    def info(self) -> dict[str, object]:
        """Layers, counts, survey years, CRS and the district area, for ``cli.py info``."""
        counts = {name: int(n) for name, n in _feature_counts(self.path).items()}
        towns = self.read("towns", columns=[])
        years: list[int] = []
        if "enterprises" in counts:
            ent = self.read("enterprises", columns=["survey_year"])
            years = sorted(int(y) for y in ent["survey_year"].dropna().unique())
        district_km2 = float(towns.to_crs(AREA_CRS).union_all().area) / 1e6
        bounds = [float(v) for v in towns.total_bounds]
        return {
            "workspace": str(self.path),
            "crs": STORE_CRS,
            "area_crs": AREA_CRS,
            "layers": counts,
            "survey_years": years,
            "district_area_km2": district_km2,
            "bounds": bounds,
            "data_version": self.data_version(),
        }

    # -- writing -------------------------------------------------------------------------
    def write(self, layer: str, gdf: gpd.GeoDataFrame) -> None:
        """Replace one layer, atomically."""
        self.write_many({layer: gdf})

    def write_table(self, name: str, table: pd.DataFrame) -> None:
        """Replace one attribute table (no geometry), atomically."""
        self.write_many({name: table})

    def write_many(
        self,
        layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame],
    ) -> None:
        """Replace several layers or tables in one atomic step.

        A GeoDataFrame is stored as a layer and must be in EPSG:4326; a plain DataFrame is
        stored as an attribute table. All are written, or none.
        """
        if _is_sample(self.path):
            raise WorkspaceError("the bundled sample is read-only")
        for name, gdf in layers.items():
            if isinstance(gdf, gpd.GeoDataFrame) and (
                gdf.crs is None or not gdf.crs.equals(STORE_CRS)
            ):
                raise WorkspaceError(f"layer {name} must be in {STORE_CRS} before it is stored")
        fd, tmp_name = tempfile.mkstemp(suffix=".gpkg", dir=self.path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            shutil.copyfile(self.path, tmp)
            for name, gdf in layers.items():
                pyogrio.write_dataframe(
                    gdf, tmp, layer=name, driver="GPKG", layer_options={"OVERWRITE": "YES"}
                )
            os.replace(tmp, self.path)
        except Exception as exc:
            tmp.unlink(missing_ok=True)
            if isinstance(exc, WorkspaceError):
                raise
            raise WorkspaceError(
                f"could not write {', '.join(layers)} to {self.path}: {exc}"
            ) from exc
        log.info(
            "wrote %s to %s",
            ", ".join([f"{k} ({len(v):,} rows)" for k, v in layers.items()]),
            self.path.name,
        )


_VERSIONS: dict[tuple[str, int, int], str] = {}


def _content_hash(gpkg: Path, rasters: list[Path]) -> str:
    """SHA-256 (first 12 hex digits) of every data layer's rows, then of each raster.

    Each layer is read as one Arrow table (attributes and WKB geometry, in feature order) and
    hashed in Arrow's IPC stream form: C-speed, and the same bytes for the same content.
    """
    from pyogrio.raw import read_arrow

    digest = hashlib.sha256()
    stored = {str(n) for n, _ in pyogrio.list_layers(gpkg)}
    for layer in sorted(set(LAYERS) & stored):
        digest.update(layer.encode())
        _meta, table = read_arrow(gpkg, layer=layer)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table.combine_chunks())
        digest.update(sink.getvalue())
    for raster in rasters:
        if raster.exists():
            digest.update(raster.read_bytes())
    return digest.hexdigest()[:12]


def _raster_path(gpkg: Path, kind: str) -> Path:
    return gpkg.with_name(f"{gpkg.stem}.{kind}.tif")


def _sidecar_path(gpkg: Path, kind: str) -> Path:
    return gpkg.with_name(f"{gpkg.stem}.{kind}_classes.csv")


def _feature_counts(path: Path) -> dict[str, int]:
    counts = {}
    for name, kind in pyogrio.list_layers(path):
        if kind is not None and not str(name).startswith("_"):
            counts[str(name)] = int(pyogrio.read_info(path, layer=name)["features"])
    return counts
