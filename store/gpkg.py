"""The GeoPackage back end: one file per workspace, rasters beside it (the embedded default).

A missing workspace is created as a copy of the bundled Panyu sample; the sample itself is
never written. Every write goes to a copy of the file which replaces the original only when the
write has finished (``os.replace`` is atomic on one file system), so a failed write leaves the
workspace exactly as it was. Imports are serialised by a lock file beside the workspace
(``filelock``: an OS-level ``flock``, released by the kernel if the process dies).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
import pyogrio.errors
from filelock import FileLock, Timeout
from pyogrio.raw import read_arrow

from errors import UnknownKeyError, WorkspaceError, WorkspaceLocationError
from geo.crs import STORE_CRS
from store import pending
from store.workspace import (
    RASTER_SIDECARS,
    RASTERS,
    SAMPLE_DIR,
    SAMPLE_GPKG,
    Create,
    Then,
    Workspace,
    busy_error,
    content_hash,
)

__all__ = ["GeoPackageWorkspace"]

log = logging.getLogger(__name__)


def _is_sample(path: Path) -> bool:
    return path.resolve() == SAMPLE_GPKG.resolve()


@dataclass(frozen=True)
class GeoPackageWorkspace(Workspace):
    """A GeoPackage workspace. Open with :meth:`Workspace.open`."""

    path: Path

    @classmethod
    def connect(cls, target: Path | str, *, create: Create) -> GeoPackageWorkspace:
        target = Path(target)
        if _is_sample(target):
            raise WorkspaceError(
                f"{target} is the bundled sample, which is read-only; "
                "choose another workspace path (--workspace / PARKPLAN_WORKSPACE)"
            )
        if any(ord(c) < 32 for c in str(target)):
            raise WorkspaceLocationError(
                f"{str(target)!r}: a workspace path may not hold a newline or another control "
                "character"
            )
        if target.suffix.lower() != ".gpkg":
            raise WorkspaceError(
                f"{target.name}: a workspace must be a .gpkg file or a postgresql:// address"
            )
        empty = target.is_file() and target.stat().st_size == 0  # e.g. made by `touch`
        if empty and create == "sample":
            _create_from_sample(target)  # README: an empty workspace is filled from the sample
        elif not target.exists():
            if create == "never":
                raise WorkspaceError(f"no workspace at {target}")
            if create == "sample":
                _create_from_sample(target)
        return cls(target)

    # -- naming --------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def label(self) -> str:
        return self.path.name

    @property
    def errors_log(self) -> Path:
        return self.path.with_name(self.path.name + ".errors.log")

    @property
    def scratch_dir(self) -> Path:
        return self.path.parent

    # -- reading -------------------------------------------------------------------------
    def _listed(self) -> list[tuple[str, bool]]:
        if not self.path.exists():
            return []
        return [(str(n), kind is not None) for n, kind in pyogrio.list_layers(self.path)]

    def layers(self, *, internal: bool = False) -> list[str]:
        names = [n for n, spatial in self._listed() if spatial]
        return names if internal else [n for n in names if not n.startswith("_")]

    def tables(self) -> list[str]:
        return [n for n, spatial in self._listed() if not spatial]

    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame:
        known = self.layers(internal=True)
        if layer not in known:
            raise UnknownKeyError("layer", layer, known)
        gdf = gpd.read_file(
            self.path, layer=layer, columns=columns, engine="pyogrio", use_arrow=True
        )
        if gdf.crs is None or not gdf.crs.equals(STORE_CRS):
            raise WorkspaceError(f"{self.path.name}:{layer} is not stored in {STORE_CRS}")
        return gdf

    def read_table(self, name: str) -> pd.DataFrame:
        known = self.tables()
        if name not in known:
            raise UnknownKeyError("table", name, known)
        return pyogrio.read_dataframe(self.path, layer=name, use_arrow=True)

    def read_arrow(self, name: str) -> pa.Table:
        meta, table = read_arrow(self.path, layer=name)
        geometry = meta.get("geometry_name") or "wkb_geometry"
        if geometry in table.column_names:
            column = table.column(geometry)
            table = table.drop_columns([geometry]).append_column("geometry", column)
        return table

    def raster_path(self, kind: str) -> Path:
        if kind not in RASTERS:
            raise UnknownKeyError("raster", kind, list(RASTERS))
        if _is_sample(self.path):
            return SAMPLE_DIR / RASTERS[kind]
        return self.path.with_name(f"{self.path.stem}.{kind}.tif")

    def raster_classes_path(self, kind: str) -> Path:
        if kind not in RASTER_SIDECARS:
            raise UnknownKeyError("raster class table", kind, list(RASTER_SIDECARS))
        if _is_sample(self.path):
            return SAMPLE_DIR / RASTER_SIDECARS[kind]
        return self.path.with_name(f"{self.path.stem}.{kind}_classes.csv")

    def feature_counts(self, *, internal: bool = False) -> dict[str, int]:
        counts = {}
        for name, _spatial in self._listed():
            if internal or not name.startswith("_"):
                counts[name] = int(pyogrio.read_info(self.path, layer=name)["features"])
        return counts

    def change_token(self) -> tuple[object, ...]:
        """The file's and the rasters' modification times and sizes: everything the data
        version hashes."""
        token: list[object] = []
        for path in (self.path, *(self.raster_path(kind) for kind in RASTERS)):
            try:
                stat = path.stat()
            except FileNotFoundError:
                token += [None, None]
            else:
                token += [stat.st_mtime_ns, stat.st_size]
        return tuple(token)

    # -- writing -------------------------------------------------------------------------
    def write_many(
        self, layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], *, then: Then | None = None
    ) -> str:
        if _is_sample(self.path):
            raise WorkspaceError("the bundled sample is read-only")
        for name, gdf in layers.items():
            if isinstance(gdf, gpd.GeoDataFrame) and (
                gdf.crs is None or not gdf.crs.equals(STORE_CRS)
            ):
                raise WorkspaceError(f"layer {name} must be in {STORE_CRS} before it is stored")
        names = ", ".join(layers)
        tmp: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(suffix=".tmp.gpkg", dir=self.path.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            if self.path.exists():
                shutil.copyfile(self.path, tmp)
                _give_mode(tmp, like=self.path)  # keep the workspace's mode (a shared folder)
            else:
                tmp.unlink()  # GDAL creates the file with the first layer
            for name, gdf in layers.items():
                _write(tmp, name, gdf)
            staged = GeoPackageWorkspace(tmp)
            version = content_hash(
                [*staged.layers(), *staged.tables()],
                staged.read_arrow,
                [self.raster_path(kind) for kind in RASTERS],
            )
            more = then(version) if then else {}
            for name, table in more.items():
                _write(tmp, name, table)
            # an action's audit row, made from what this write stores (store.pending)
            for name, table in pending.take(self.location, {**layers, **more}).items():
                _write(tmp, name, table)
            os.replace(tmp, self.path)
            tmp = None
        except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise WorkspaceError(
                f"could not write {names} to {self.path}; nothing was changed: {exc}"
            ) from exc
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        self._remember_version(version)
        log.info(
            "wrote %s to %s",
            ", ".join([f"{k} ({len(v):,} rows)" for k, v in layers.items()]),
            self.path.name,
        )
        return version

    def write_rasters(self, rasters: Mapping[str, Path], sidecars: Mapping[str, Path]) -> None:
        try:
            for kind, source in rasters.items():
                _copy_atomic(source, self.raster_path(kind))
            for kind, source in sidecars.items():
                _copy_atomic(source, self.raster_classes_path(kind))
        except OSError as exc:
            raise WorkspaceError(f"could not write the rasters of {self.path}: {exc}") from exc

    @contextmanager
    def write_lock(self, *, timeout: float, what: str) -> Iterator[None]:
        lock = FileLock(self.path.with_name(self.path.name + ".lock"), timeout=timeout,
                        thread_local=False)
        try:
            lock.acquire()
        except Timeout as exc:
            raise busy_error(self.label) from exc
        log.info("%s: lock taken on %s", what, self.label)
        try:
            yield
        finally:
            lock.release()


def _write(path: Path, name: str, frame: gpd.GeoDataFrame | pd.DataFrame) -> None:
    pyogrio.write_dataframe(
        frame, path, layer=name, driver="GPKG", layer_options={"OVERWRITE": "YES"}
    )


def _give_mode(path: Path, *, like: Path) -> None:
    """Give a temporary file (mkstemp: 0600) the mode of the file it replaces, or the mode a
    new file gets under the process's umask, so a shared folder stays shared."""
    if like.exists():
        shutil.copymode(like, path)
        return
    path.chmod(0o666 & ~_umask())


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would change it for every
    thread for a moment)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def _copy_atomic(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        _give_mode(Path(tmp), like=target)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_from_sample(target: Path) -> None:
    if not SAMPLE_GPKG.exists():
        raise WorkspaceError(f"the bundled sample {SAMPLE_GPKG} is missing")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        ws = GeoPackageWorkspace(target)
        for kind, name in RASTERS.items():
            shutil.copyfile(SAMPLE_DIR / name, ws.raster_path(kind))
        for kind, name in RASTER_SIDECARS.items():
            shutil.copyfile(SAMPLE_DIR / name, ws.raster_classes_path(kind))
        _copy_atomic(SAMPLE_GPKG, target)
    except OSError as exc:
        raise WorkspaceError(f"cannot create workspace {target}: {exc}") from exc
    log.info("created workspace %s from the bundled sample", target)
