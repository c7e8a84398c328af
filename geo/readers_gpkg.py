"""Look inside a GeoPackage with sqlite3 before GDAL does: refuse views and too many tables.

GDAL lists a GeoPackage's layers by querying them; a layer that is a view (a recursive CTE that
never ends) hangs it, and 20 000 registered tables take it over a minute. So the schema table
``sqlite_master`` is read first with Python's sqlite3 — the file opened read-only and immutable,
with a progress handler that stops any statement after ``gpkg_schema_timeout_s`` — and a file
with a view, or with more tables than ``max_gpkg_tables``, is refused naming the limit.
"""

from __future__ import annotations

import sqlite3
import time
import urllib.parse
from pathlib import Path

from geo.readers_guard import ReadLimits, refusal

__all__ = ["check_gpkg_schema"]


def _schema_counts(path: Path, timeout_s: float) -> dict[str, int]:
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro&immutable=1"
    deadline = time.monotonic() + timeout_s
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        rows = conn.execute("SELECT type, count(*) FROM sqlite_master GROUP BY type").fetchall()
    finally:
        conn.close()
    return {str(kind): int(n) for kind, n in rows}


def check_gpkg_schema(path: Path, limits: ReadLimits) -> None:
    """Refuse a GeoPackage with a view or more than ``max_gpkg_tables`` tables."""
    try:
        counts = _schema_counts(path, limits.gpkg_schema_timeout_s)
    except sqlite3.Error as exc:  # damaged, encrypted, or the time limit interrupted it
        raise refusal(
            path, "file", None, f"无法读取 GeoPackage / not readable as a GeoPackage: {exc}"
        ) from exc
    if counts.get("view", 0):
        raise refusal(
            path,
            "views",
            counts["view"],
            "GeoPackage 不得含视图（图层须为表）/ a GeoPackage may not contain views "
            "(layers must be tables)",
        )
    tables = counts.get("table", 0)
    if tables > limits.max_gpkg_tables:
        raise refusal(
            path,
            "tables",
            f"{tables:,}",
            f"GeoPackage 最多含 {limits.max_gpkg_tables:,} 个表 / a GeoPackage may hold at most "
            f"{limits.max_gpkg_tables:,} tables ([import] max_gpkg_tables)",
        )
