"""The PostGIS back end: a workspace shared by the bureaus and the towns on one database.

A workspace is one schema (see :mod:`store.pg_connection` for the address). Each layer is a
table with a ``geometry(<type>, 4326)`` column and a GiST index on it; each attribute table a
plain table; both keep their row order in a ``_row`` key. Rasters are stored as files in
``_parkplan_files`` and handed to rasterio as local copies named by their SHA-256.

Every write (an import, an undo, a saved scenario) is one transaction: all its tables are
replaced, or none — a connection killed half-way leaves the database as it was. Writes take a
transaction-scoped advisory lock and imports a session one (:meth:`write_lock`), so two imports
at once are serialised by the database, never interleaved. Every write increments the revision
counter, which two app instances on one database use to see each other's changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import adbc_driver_manager
import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from errors import UnknownKeyError, WorkspaceError
from geo.crs import STORE_CRS
from store import pending
from store.pg_connection import (
    PgAddress,
    advisory_key,
    connection,
    execute,
    fetch_all,
    ident,
    parse_address,
)
from store.pg_schema import BOOKKEEPING, ensure_schema
from store.workspace import (
    DEFAULT_WORKSPACE,
    RASTER_SIDECARS,
    RASTERS,
    Create,
    Then,
    Workspace,
    busy_error,
    content_hash,
    geometry_wkb,
    sample_workspace,
)

__all__ = ["PostGISWorkspace"]

log = logging.getLogger(__name__)

ROW = "_row"
FILE_CACHE = Path(tempfile.gettempdir()) / "parkplan-pg-files"
# Another instance's write is seen within this many seconds; this process's own at once.
TOKEN_TTL_S = 1.0
_TOKENS: dict[str, tuple[float, tuple[object, ...]]] = {}


@dataclass(frozen=True)
class PostGISWorkspace(Workspace):
    """A workspace in a PostGIS schema. Open with :meth:`Workspace.open`."""

    address: PgAddress

    @classmethod
    def connect(cls, target: Path | str, *, create: Create) -> PostGISWorkspace:
        address = parse_address(str(target))
        ws = cls(address)
        with connection(address) as conn:
            ensure_schema(conn, address)
        if create == "never" and not ws.layers(internal=True):
            raise WorkspaceError(f"no workspace in {address.label} (the schema is empty)")
        if create == "sample":
            ws._seed_from_sample()
        return ws

    def _seed_from_sample(self) -> None:
        """Fill an empty workspace with the bundled sample, once, however many open it."""
        if self.layers(internal=True):
            return
        from store.copy import copy_into  # imported when needed (copy imports this module)

        with self.write_lock(timeout=120.0, what="sample copy"):
            if not self.layers(internal=True):
                copy_into(sample_workspace(), self)
                log.info("created workspace %s from the bundled sample", self.label)

    # -- naming --------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.address.safe

    @property
    def label(self) -> str:
        return self.address.label

    @property
    def errors_log(self) -> Path:
        name = f"{self.address.database}.{self.address.schema}.errors.log"
        return self.scratch_dir / name

    @property
    def scratch_dir(self) -> Path:
        folder = DEFAULT_WORKSPACE.parent
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _table(self, name: str) -> str:
        return f"{ident(self.address.schema)}.{ident(name)}"

    # -- reading -------------------------------------------------------------------------
    def _listed(self) -> list[tuple[str, bool]]:
        with connection(self.address) as conn:
            rows = fetch_all(
                conn,
                "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a "
                "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = c.oid "
                "AND t.typname = 'geometry' AND NOT a.attisdropped) "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname",
                [self.address.schema],
            )
        return [(str(name), bool(spatial)) for name, spatial in rows if name not in BOOKKEEPING]

    def layers(self, *, internal: bool = False) -> list[str]:
        names = [n for n, spatial in self._listed() if spatial]
        return names if internal else [n for n in names if not n.startswith("_")]

    def tables(self) -> list[str]:
        return [n for n, spatial in self._listed() if not spatial]

    def _columns(self, conn: Any, name: str) -> list[tuple[str, str]] | None:
        """The columns of table ``name`` and their types (``None``: no such table of ours)."""
        rows = fetch_all(
            conn,
            "SELECT a.attname, t.typname FROM pg_attribute a "
            "JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum",
            [self._table(name)],
        )
        if not rows or name in BOOKKEEPING:  # every table written here has its _row key
            return None
        return [(str(c), str(t)) for c, t in rows if c != ROW]

    def _select(
        self, name: str, columns: list[str] | None, *, kind: str = "", conn: Any = None
    ) -> pa.Table:
        """Rows of ``name`` in stored order, a layer's geometry as WKB in ``geometry``.

        With ``kind`` (``"layer"`` or ``"table"``) a name that is not one of those raises
        :class:`errors.UnknownKeyError` listing the known ones (looked up only then).
        """
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(connection(self.address))
            stored = self._columns(conn, name)
            spatial = stored is not None and any(t == "geometry" for _, t in stored)
            if kind and (stored is None or spatial != (kind == "layer")):
                known = self.layers(internal=True) if kind == "layer" else self.tables()
                raise UnknownKeyError(kind, name, known)
            stored = stored or []
            wanted = [
                c for c, t in stored if t != "geometry" and (columns is None or c in columns)
            ]
            parts = [ident(c) for c in wanted]
            parts += [f"ST_AsBinary({ident(c)}) AS geometry" for c, t in stored if t == "geometry"]
            if not parts:  # a table with no column left: keep the row count
                parts = ["NULL::int AS _empty"]
            with conn.cursor() as cur:
                cur.execute(f"SELECT {', '.join(parts)} FROM {self._table(name)} ORDER BY {ROW}")
                table = cur.fetch_arrow_table()
        if "_empty" in table.column_names:
            table = table.drop_columns(["_empty"])
        return table.replace_schema_metadata(None)

    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame:
        table = self._select(layer, columns, kind="layer")
        wkb = table.column("geometry").to_numpy(zero_copy_only=False)
        frame = table.drop_columns(["geometry"]).to_pandas() if table.num_columns > 1 else (
            pd.DataFrame(index=pd.RangeIndex(table.num_rows))
        )
        geometry = gpd.GeoSeries(shapely.from_wkb(wkb), crs=STORE_CRS, index=frame.index)
        return gpd.GeoDataFrame(frame, geometry=geometry, crs=STORE_CRS)

    def read_table(self, name: str) -> pd.DataFrame:
        return self._select(name, None, kind="table").to_pandas()

    def read_arrow(self, name: str) -> pa.Table:
        return self._select(name, None)

    def _file(self, name: str) -> Path:
        with connection(self.address) as conn:
            rows = fetch_all(
                conn,
                f"SELECT sha256 FROM {self._table('_parkplan_files')} WHERE name = $1",
                [name],
            )
            if not rows:
                return FILE_CACHE / "missing" / name
            target = FILE_CACHE / str(rows[0][0]) / name
            if not target.exists():
                with conn.cursor() as cur:
                    cur.execute(
                        f"SELECT data FROM {self._table('_parkplan_files')} WHERE name = $1",
                        (name,),
                    )
                    data = cur.fetch_arrow_table().column("data")[0].as_py()
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=target.parent)
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, target)
        return target

    def raster_path(self, kind: str) -> Path:
        if kind not in RASTERS:
            raise UnknownKeyError("raster", kind, list(RASTERS))
        return self._file(f"{kind}.tif")

    def raster_classes_path(self, kind: str) -> Path:
        if kind not in RASTER_SIDECARS:
            raise UnknownKeyError("raster class table", kind, list(RASTER_SIDECARS))
        return self._file(f"{kind}_classes.csv")

    def feature_counts(self, *, internal: bool = False) -> dict[str, int]:
        names = [n for n, _ in self._listed() if internal or not n.startswith("_")]
        if not names:
            return {}
        union = " UNION ALL ".join(
            f"SELECT {i}, count(*) FROM {self._table(n)}" for i, n in enumerate(names)
        )
        with connection(self.address) as conn:
            rows = dict(fetch_all(conn, union))
        return {n: int(rows[i]) for i, n in enumerate(names)}

    def change_token(self) -> tuple[object, ...]:
        """The revision counter; asked at most once a second per process (a page run asks for
        it once per cached loader), and at once after this process wrote."""
        now = time.monotonic()
        known = _TOKENS.get(self.location)
        if known is not None and now - known[0] < TOKEN_TTL_S:
            return known[1]
        with connection(self.address) as conn:
            rows = fetch_all(
                conn, f"SELECT value FROM {self._table('_parkplan_meta')} WHERE key = 'revision'"
            )
        token = (int(rows[0][0]),)
        _TOKENS[self.location] = (now, token)
        return token

    # -- writing -------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, what: str) -> Iterator[Any]:
        """One transaction holding the write lock; rolled back on any failure. A database
        error is one WorkspaceError line; anything else is a bug and propagates as it is."""
        with connection(self.address) as conn:
            try:
                key = advisory_key(self.address, "write")
                execute(conn, f"SELECT pg_advisory_xact_lock({key})")
                yield conn
                execute(
                    conn,
                    f"UPDATE {self._table('_parkplan_meta')} "
                    "SET value = (value::bigint + 1)::text WHERE key = 'revision'",
                )
                conn.commit()
            except (adbc_driver_manager.Error, OSError) as exc:
                _TOKENS.pop(self.location, None)
                _rollback(conn)
                raise WorkspaceError(
                    f"could not write {what} to {self.label}; nothing was changed: "
                    f"{self.address.scrub(str(exc)).strip()}"
                ) from exc
            except BaseException:
                _TOKENS.pop(self.location, None)
                _rollback(conn)
                raise
            _TOKENS.pop(self.location, None)

    def write_many(
        self, layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], *, then: Then | None = None
    ) -> str:
        for name, frame in layers.items():
            if isinstance(frame, gpd.GeoDataFrame) and (
                frame.crs is None or not frame.crs.equals(STORE_CRS)
            ):
                raise WorkspaceError(f"layer {name} must be in {STORE_CRS} before it is stored")
        rows = sum(len(f) for f in layers.values())
        with self._transaction(", ".join(layers)) as conn:
            for name, frame in layers.items():
                self._replace(conn, name, frame)
            version = content_hash(
                set(self.layers()) | set(self.tables()) | set(layers),
                lambda name: self._select(name, None, conn=conn),  # this transaction's rows
                [self.raster_path(kind) for kind in RASTERS],
            )
            more = then(version) if then else {}
            for name, table in more.items():
                self._replace(conn, name, table)
            # an action's audit row, made from what this write stores (store.pending)
            for name, table in pending.take(self.location, {**layers, **more}).items():
                self._replace(conn, name, table)
            with conn.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {self._table('_parkplan_writes')} (names, rows) VALUES ($1, $2)",
                    (", ".join(layers), rows),
                )
        self._remember_version(version)
        log.info(
            "wrote %s to %s",
            ", ".join([f"{k} ({len(v):,} rows)" for k, v in layers.items()]),
            self.label,
        )
        return version

    def _replace(self, conn: Any, name: str, frame: gpd.GeoDataFrame | pd.DataFrame) -> None:
        """Drop and re-create one table from ``frame`` (inside the caller's transaction)."""
        spatial = isinstance(frame, gpd.GeoDataFrame)
        table = _to_arrow(frame)
        execute(conn, f"DROP TABLE IF EXISTS {self._table(name)}")
        with conn.cursor() as cur:
            cur.adbc_ingest(name, table, mode="create", db_schema_name=self.address.schema)
        statements = [f"ALTER TABLE {self._table(name)} ADD PRIMARY KEY ({ROW})"]
        if spatial:
            assert isinstance(frame, gpd.GeoDataFrame)
            kind = _geometry_type(frame)
            statements += [
                f"ALTER TABLE {self._table(name)} ALTER COLUMN geometry "
                f"TYPE geometry({kind}, 4326) USING ST_SetSRID(ST_GeomFromWKB(geometry), 4326)",
                f"CREATE INDEX {ident(name + '_gist')} ON {self._table(name)} "
                "USING gist (geometry)",
            ]
        execute(conn, *statements)

    def write_rasters(self, rasters: Mapping[str, Path], sidecars: Mapping[str, Path]) -> None:
        names = [f"{k}.tif" for k in rasters] + [f"{k}_classes.csv" for k in sidecars]
        sources = [*rasters.values(), *sidecars.values()]
        data = [Path(p).read_bytes() for p in sources]
        files = pa.table(
            {
                "name": pa.array(names, pa.string()),
                "data": pa.array(data, pa.binary()),
                "sha256": pa.array([hashlib.sha256(d).hexdigest() for d in data], pa.string()),
            }
        )
        with self._transaction("rasters") as conn, conn.cursor() as cur:
            cur.execute(
                f"DELETE FROM {self._table('_parkplan_files')} WHERE name = ANY($1)",
                (names,),
            )
            cur.adbc_ingest(
                "_parkplan_files", files, mode="append", db_schema_name=self.address.schema
            )

    @contextmanager
    def write_lock(self, *, timeout: float, what: str) -> Iterator[None]:
        """Hold the import lock: a session advisory lock on a connection kept for the block."""
        key = advisory_key(self.address, "import")
        with connection(self.address) as conn:
            execute(conn, f"SET lock_timeout = {max(1, int(timeout * 1000))}")
            try:
                execute(conn, f"SELECT pg_advisory_lock({key})")
            except adbc_driver_manager.Error as exc:
                raise busy_error(self.label) from exc
            conn.commit()
            _TOKENS.pop(self.location, None)  # under the lock, every read is of the latest data
            log.info("%s: lock taken on %s", what, self.label)
            try:
                yield
            finally:
                _rollback(conn)
                try:
                    execute(conn, f"SELECT pg_advisory_unlock({key})")
                    conn.commit()
                except adbc_driver_manager.Error:
                    pass  # the session is gone, and its advisory locks with it


def _rollback(conn: Any) -> None:
    # a connection that is gone (terminated) cannot roll back: the server already did
    with contextlib.suppress(adbc_driver_manager.Error):
        conn.rollback()


def _to_arrow(frame: gpd.GeoDataFrame | pd.DataFrame) -> pa.Table:
    """``frame`` as Arrow: a ``_row`` key first, attributes, then the geometry as WKB."""
    attrs = frame
    if isinstance(frame, gpd.GeoDataFrame):
        attrs = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    table = pa.Table.from_pandas(attrs, preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_null(column.type):  # an empty or all-missing column: stored as text
            table = table.set_column(i, column.name, table.column(i).cast(pa.large_string()))
    if isinstance(frame, gpd.GeoDataFrame):
        table = table.append_column("geometry", geometry_wkb(frame))
    row = pa.array(np.arange(len(frame), dtype=np.int64))
    return table.add_column(0, ROW, row)


def _geometry_type(frame: gpd.GeoDataFrame) -> str:
    """The column's PostGIS type: the one geometry type of the layer, else ``Geometry``."""
    kinds = set(frame.geometry.dropna().geom_type)
    return kinds.pop() if len(kinds) == 1 else "Geometry"
