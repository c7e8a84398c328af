"""The working database, one interface over two back ends.

A workspace is named by a *location*: a path to a GeoPackage file (the embedded default, one
planner on one machine) or a ``postgresql://`` connection string (a PostGIS database shared by
the industry bureau, the land bureau and the towns). ``--workspace`` or ``$PARKPLAN_WORKSPACE``
chooses it. Both back ends keep the same layers (EPSG:4326), the same attribute tables
(scenarios, import history, targets) and the same rasters, and give the same frames back, so
everything above this package works on either.

Seams:
- this module: the interface (:class:`Workspace`), the choice of back end by location, and what
  is the same on both (district outline, ``info``, the data version hashed from canonical Arrow
  tables, so a copy between back ends keeps its version);
- :mod:`store.gpkg`: the GeoPackage back end (atomic writes by file replacement);
- :mod:`store.postgis`, :mod:`store.pg_schema`: the PostGIS back end and its migrations;
- :mod:`store.copy`: copying a workspace between back ends.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from shapely.geometry.base import BaseGeometry

from errors import WorkspaceBusyError
from geo.crs import AREA_CRS, STORE_CRS
from geo.schema import DATA_TABLES, LAYERS

__all__ = [
    "DEFAULT_WORKSPACE",
    "ENV_VAR",
    "RASTERS",
    "RASTER_SIDECARS",
    "SAMPLE_DIR",
    "SAMPLE_GPKG",
    "Create",
    "Frames",
    "Then",
    "Workspace",
    "busy_error",
    "canonical_table",
    "content_hash",
    "is_database_location",
    "iter_names",
    "resolve_workspace",
    "sample_workspace",
    "table_bytes",
]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "parks"
SAMPLE_GPKG = SAMPLE_DIR / "panyu_sample.gpkg"
RASTERS = {"irradiance": "panyu_irradiance.tif", "landuse": "panyu_landuse.tif"}
RASTER_SIDECARS = {"landuse": "panyu_landuse_classes.csv"}
DEFAULT_WORKSPACE = ROOT / "workspace" / "parkplan.gpkg"
ENV_VAR = "PARKPLAN_WORKSPACE"

# A location starting with one of these schemes is a database; anything else is a file path.
_BACKENDS = {
    "postgresql://": "store.postgis:PostGISWorkspace",
    "postgres://": "store.postgis:PostGISWorkspace",
}
_FILE_BACKEND = "store.gpkg:GeoPackageWorkspace"

Create = Literal["sample", "empty", "never"]
Frames = Mapping[str, "gpd.GeoDataFrame | pd.DataFrame"]
# what a change writes after its layers, in the same atomic step, given the data version they
# make (the history row records it): more attribute tables, computed before anything is stored
Then = Callable[[str], Frames]


def is_database_location(location: str | os.PathLike[str]) -> bool:
    """True when ``location`` is a connection string rather than a file path."""
    return isinstance(location, str) and location.lower().startswith(tuple(_BACKENDS))


def resolve_workspace(location: str | os.PathLike[str] | None = None) -> Path | str:
    """The workspace location: ``location``, else ``$PARKPLAN_WORKSPACE``, else the default.

    A file path comes back absolute; a connection string comes back as given.
    """
    chosen = location or os.environ.get(ENV_VAR) or DEFAULT_WORKSPACE
    if is_database_location(chosen):
        return str(chosen)
    return Path(chosen).expanduser().resolve()


class Workspace(ABC):
    """A workspace: layers, attribute tables and rasters. Open one with :meth:`open`."""

    @classmethod
    def open(
        cls, location: str | os.PathLike[str] | None = None, *, create: Create = "sample"
    ) -> Workspace:
        """Open the workspace at ``location``.

        ``create`` says what to do with a workspace that does not exist yet: fill it with a copy
        of the bundled Panyu sample (the default), leave it empty (for a copy), or refuse.
        """
        target = resolve_workspace(location)
        spec = _FILE_BACKEND
        if isinstance(target, str):
            spec = next(v for k, v in _BACKENDS.items() if target.lower().startswith(k))
        module, name = spec.split(":")
        backend: type[Workspace] = getattr(importlib.import_module(module), name)
        return backend.connect(target, create=create)

    @classmethod
    @abstractmethod
    def connect(cls, target: Path | str, *, create: Create) -> Workspace:
        """Open this back end's workspace at ``target`` (see :meth:`open`)."""

    # -- naming --------------------------------------------------------------------------
    @property
    @abstractmethod
    def location(self) -> str:
        """A string :meth:`open` accepts to reach this workspace again (never a password)."""

    @property
    @abstractmethod
    def label(self) -> str:
        """A short name for people: the file name, or database and schema."""

    @property
    @abstractmethod
    def errors_log(self) -> Path:
        """The local file where unexpected errors of imports are written in full."""

    @property
    @abstractmethod
    def scratch_dir(self) -> Path:
        """A local folder for files made for this workspace (export packs)."""

    # -- reading -------------------------------------------------------------------------
    @abstractmethod
    def layers(self, *, internal: bool = False) -> list[str]:
        """Names of the spatial layers (attribute tables: :meth:`tables`).

        Layers whose name starts with ``_`` (the snapshots kept for undo) are the workspace's
        own bookkeeping, not data: listed only with ``internal=True``.
        """

    @abstractmethod
    def tables(self) -> list[str]:
        """Names of the attribute tables (no geometry): scenarios, history, targets …"""

    @abstractmethod
    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame:
        """Read one layer (EPSG:4326)."""

    @abstractmethod
    def read_table(self, name: str) -> pd.DataFrame:
        """Read one attribute table as a plain DataFrame."""

    @abstractmethod
    def read_arrow(self, name: str) -> pa.Table:
        """One layer or table as Arrow, in stored row order; a layer's geometry as WKB in the
        last column, ``geometry`` (for hashing and copying; see :func:`canonical_table`)."""

    @abstractmethod
    def raster_path(self, kind: str) -> Path:
        """A local file of a raster of this workspace (``irradiance`` or ``landuse``)."""

    @abstractmethod
    def raster_classes_path(self, kind: str) -> Path:
        """A local file of a raster's class table (``landuse``)."""

    @abstractmethod
    def feature_counts(self, *, internal: bool = False) -> dict[str, int]:
        """Rows per layer and per attribute table."""

    @abstractmethod
    def change_token(self) -> tuple[object, ...]:
        """A cheap value that changes whenever anything in the workspace is written.

        Caches key on it (with :attr:`location`), so an import by one user invalidates them for
        everybody, on either back end.
        """

    # -- writing -------------------------------------------------------------------------
    @abstractmethod
    def write_many(
        self, layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], *, then: Then | None = None
    ) -> str:
        """Replace several layers or tables in one atomic step; return the data version after.

        A GeoDataFrame is stored as a layer and must be in EPSG:4326; a plain DataFrame is
        stored as an attribute table. ``then`` is called with the data version the layers make
        (before anything is visible) and gives more tables written in the same step — the
        history row that records that version. All are written, or none.
        """

    @abstractmethod
    def write_rasters(self, rasters: Mapping[str, Path], sidecars: Mapping[str, Path]) -> None:
        """Replace the rasters (and their class tables) from local files."""

    @abstractmethod
    def write_lock(self, *, timeout: float, what: str) -> AbstractContextManager[None]:
        """Hold the workspace's import lock for a block (see :mod:`store.lock`)."""

    def write(self, layer: str, gdf: gpd.GeoDataFrame) -> None:
        """Replace one layer, atomically."""
        self.write_many({layer: gdf})

    def write_table(self, name: str, table: pd.DataFrame) -> None:
        """Replace one attribute table (no geometry), atomically."""
        self.write_many({name: table})

    # -- the same on every back end ------------------------------------------------------
    def district(self) -> BaseGeometry:
        """The district outline: the union of the towns (EPSG:4326)."""
        return shapely.union_all(self.read("towns", columns=[]).geometry.to_numpy())

    def data_version(self) -> str:
        """A short hash of the data: the layers of :data:`geo.schema.LAYERS`, the data tables of
        :data:`geo.schema.DATA_TABLES` (the project library) and the rasters.

        Other attribute tables (scenarios, import history, targets, audit) are left out, so
        saving a scenario does not change the version the scenario records. The same content has the
        same version on every back end. Recorded by every export.
        """
        key = (self.location, *self.change_token())
        if key not in _VERSIONS:
            _VERSIONS[key] = self._content_hash()
        return _VERSIONS[key]

    def _content_hash(self) -> str:
        """SHA-256 (first 12 hex digits) of every data layer's canonical rows, then the rasters
        (:func:`content_hash`)."""
        return content_hash(
            [*self.layers(), *self.tables()],
            self.read_arrow,
            [self.raster_path(kind) for kind in RASTERS],
        )

    def _remember_version(self, version: str) -> None:
        """After a write that computed its version: the version of the new change token."""
        _VERSIONS[(self.location, *self.change_token())] = version

    def info(self) -> dict[str, object]:
        """Layers, counts, survey years, CRS and the district area, for ``cli.py info``."""
        layers = set(self.layers())
        counts = {k: v for k, v in self.feature_counts().items() if k in layers}
        towns = self.read("towns", columns=[])
        years: list[int] = []
        if "enterprises" in counts:
            ent = self.read("enterprises", columns=["survey_year"])
            years = sorted(int(y) for y in ent["survey_year"].dropna().unique())
        district_km2 = float(towns.to_crs(AREA_CRS).union_all().area) / 1e6
        return {
            "workspace": self.location,
            "crs": STORE_CRS,
            "area_crs": AREA_CRS,
            "layers": counts,
            "survey_years": years,
            "district_area_km2": district_km2,
            "bounds": [float(v) for v in towns.total_bounds],
            "data_version": self.data_version(),
        }


_VERSIONS: dict[tuple[object, ...], str] = {}

_WIDE = {
    pa.types.is_string: pa.large_string(),
    pa.types.is_binary: pa.large_binary(),
    pa.types.is_integer: pa.float64(),
    pa.types.is_floating: pa.float64(),
}


def canonical_table(table: pa.Table) -> pa.Table:
    """``table`` with the types each back end may store differently made one: every number as
    float64 (an integer column with gaps is read into pandas as floats, and stored so by the
    next back end: the values, not their storage, make the version), string and binary as their
    large forms; no metadata."""
    fields, columns = [], []
    for field, column in zip(table.schema, table.columns, strict=True):
        wide = next((t for test, t in _WIDE.items() if test(field.type)), field.type)
        fields.append(pa.field(field.name, wide))
        columns.append(column.cast(wide) if wide != field.type else column)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields)).combine_chunks()


def table_bytes(table: pa.Table) -> bytes:
    """The content of ``table`` as bytes that depend on its values only (for hashing).

    Arrow leaves the bytes under a null undefined, so each column is written as its validity
    and its values with the nulls filled, after :func:`canonical_table`.
    """
    table = canonical_table(table)
    names, columns = [], []
    for field, column in zip(table.schema, table.columns, strict=True):
        fill = next((v for test, v in _FILLS.items() if test(field.type)), None)
        names += [f"{field.name}.valid", field.name]
        filled = pc.fill_null(column, pa.scalar(fill, field.type)) if fill is not None else column
        columns += [pc.is_valid(column), filled]
    clean = pa.Table.from_arrays(columns, names=names).combine_chunks()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, clean.schema) as writer:
        writer.write_table(clean)
    return bytes(sink.getvalue())


_FILLS = {
    pa.types.is_large_string: "",
    pa.types.is_large_binary: b"",
    pa.types.is_float64: 0.0,
    pa.types.is_boolean: False,
}


def geometry_wkb(gdf: gpd.GeoDataFrame) -> pa.Array:
    """The geometry of ``gdf`` as ISO WKB, little-endian, 2-D (as GDAL and PostGIS give it)."""
    wkb = shapely.to_wkb(gdf.geometry.to_numpy(), byte_order=1, flavor="iso")
    return pa.array(wkb, pa.binary())


def content_hash(
    layers: Iterable[str], read_arrow: Callable[[str], pa.Table], rasters: Iterable[Path]
) -> str:
    """SHA-256 (first 12 hex digits) of the data layers and data tables among ``layers`` (their
    canonical rows, read with ``read_arrow``), then the raster files that exist.

    Each layer is hashed as one canonical Arrow table in IPC stream form: C-speed, and the same
    bytes for the same content whichever back end stored it.
    """
    digest = hashlib.sha256()
    for layer in sorted((set(LAYERS) | set(DATA_TABLES)) & set(layers)):
        table = read_arrow(layer)
        if layer in DATA_TABLES and table.num_rows == 0:
            continue  # an emptied data table is as no table: undo comes back to the same version
        digest.update(layer.encode())
        digest.update(table_bytes(table))
    for path in rasters:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def busy_error(label: str) -> WorkspaceBusyError:
    """What a second import or undo is told while another holds the workspace (either back end)."""
    return WorkspaceBusyError(
        f"工作库正忙（另一导入或撤销正在进行），请稍后再试 / the workspace {label} is busy "
        "with another import or undo; try again in a moment"
    )


def sample_workspace() -> Workspace:
    """The bundled Panyu sample, for reading only (every write to it is refused)."""
    from store.gpkg import GeoPackageWorkspace

    return GeoPackageWorkspace(SAMPLE_GPKG)


def iter_names(workspace: Workspace) -> Iterator[tuple[str, bool]]:
    """Every layer (True) and attribute table (False) of ``workspace``, internal ones too."""
    for name in workspace.layers(internal=True):
        yield name, True
    for name in workspace.tables():
        yield name, False
