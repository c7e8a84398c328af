"""The bookkeeping tables of a PostGIS workspace, with a schema version and migrations.

Every workspace schema carries ``_parkplan_schema`` (one row per applied migration: version,
description, when). Opening a workspace applies the migrations it lacks, in one transaction
under an advisory lock (two app instances starting together apply them once), and refuses a
schema written by a newer ParkPlan. Data layers and attribute tables are not part of the
migrations: they are written whole by imports and the tool's own tables.

Migrations:
1. ``_parkplan_meta`` (key/value: the revision counter every write increments, which caches
   key on) and ``_parkplan_files`` (the rasters and their class tables, by name, with SHA-256).
2. ``_parkplan_writes``: one row per committed write (when, the layers and tables, rows, the
   client), so a shared database shows who changed what from which app instance.
"""

from __future__ import annotations

import logging
from typing import Any

import adbc_driver_manager

from errors import WorkspaceError
from store.pg_connection import PgAddress, advisory_key, execute, fetch_all, ident

__all__ = [
    "BOOKKEEPING",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ensure_schema",
    "require_writable",
    "schema_version",
]

log = logging.getLogger(__name__)

BOOKKEEPING = ("_parkplan_schema", "_parkplan_meta", "_parkplan_files", "_parkplan_writes")

MIGRATIONS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: (
        "revision counter and stored files",
        (
            "CREATE TABLE {s}._parkplan_meta (key text PRIMARY KEY, value text NOT NULL)",
            "INSERT INTO {s}._parkplan_meta VALUES ('revision', '0')",
            "CREATE TABLE {s}._parkplan_files "
            "(name text PRIMARY KEY, data bytea NOT NULL, sha256 text NOT NULL)",
        ),
    ),
    2: (
        "write log",
        (
            "CREATE TABLE {s}._parkplan_writes (id bigserial PRIMARY KEY, "
            "at timestamptz NOT NULL DEFAULT now(), names text NOT NULL, rows bigint NOT NULL, "
            "client text NOT NULL DEFAULT current_setting('application_name'))",
        ),
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)


def schema_version(conn: Any, address: PgAddress) -> int:
    """The migrations applied to the workspace's schema (0 for a new schema)."""
    exists = fetch_all(
        conn,
        "SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = '_parkplan_schema'",
        [address.schema],
    )
    if not exists:
        return 0
    rows = fetch_all(conn, f"SELECT max(version) FROM {ident(address.schema)}._parkplan_schema")
    return int(rows[0][0] or 0)


_PRIVILEGES = """
SELECT current_user,
       has_database_privilege(current_database(), 'CREATE'),
       n.oid IS NOT NULL,
       coalesce(has_schema_privilege(n.oid, 'CREATE'), false),
       coalesce(bool_and(has_table_privilege(c.oid, 'INSERT,UPDATE,DELETE')), true)
FROM (SELECT 1) AS one
LEFT JOIN pg_namespace n ON n.nspname = $1
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
GROUP BY n.oid
"""


def require_writable(conn: Any, address: PgAddress) -> None:
    """Refuse a login that cannot write the workspace, with one line naming the login and the
    grants it needs: ParkPlan writes on every sign-in (the audit) and every change. A reporting
    tool's read-only login reads the tables directly, not through ParkPlan (README).

    Raises
    ------
    errors.WorkspaceError
        The login may not create the schema, create tables in it or change its tables.
    """
    user, create_db, exists, create_schema, tables = fetch_all(
        conn, _PRIVILEGES, (address.schema,)
    )[0]
    writable = (create_schema and tables) if exists else create_db
    if writable:
        return
    conn.rollback()
    need = (
        f"GRANT CREATE ON DATABASE {address.database} TO {user}"
        if not exists
        else f"ALTER SCHEMA {address.schema} OWNER TO {user}"
    )
    raise WorkspaceError(
        f"数据库登录 {user} 只能读取、不能写入工作库 {address.label} / the login {user} may "
        f"read but not write the workspace {address.label}: ParkPlan records every sign-in "
        f"and change there; give it its own login that owns the schema ({need}; README: "
        "PostGIS grants)"
    )


def ensure_schema(conn: Any, address: PgAddress, *, upto: int = SCHEMA_VERSION) -> int:
    """Create the schema and apply the missing migrations up to ``upto``; return the version.

    Raises
    ------
    errors.WorkspaceError
        When PostGIS is not installed in the database and cannot be, or the schema was written
        by a newer ParkPlan.
    """
    s = ident(address.schema)
    require_writable(conn, address)
    execute(conn, f"SELECT pg_advisory_xact_lock({advisory_key(address, 'migrate')})")
    if not fetch_all(conn, "SELECT 1 FROM pg_extension WHERE extname = 'postgis'"):
        try:
            execute(conn, "CREATE EXTENSION IF NOT EXISTS postgis")
        except adbc_driver_manager.Error as exc:
            conn.rollback()
            raise WorkspaceError(
                f"PostGIS is not installed in {address.label} and this login may not install "
                f"it ({address.scrub(str(exc)).strip()}); ask the database administrator to run "
                "CREATE EXTENSION postgis"
            ) from None
    execute(
        conn,
        f"CREATE SCHEMA IF NOT EXISTS {s}",
        f"CREATE TABLE IF NOT EXISTS {s}._parkplan_schema (version int PRIMARY KEY, "
        "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    )
    current = schema_version(conn, address)
    if current > SCHEMA_VERSION:
        conn.rollback()
        raise WorkspaceError(
            f"the workspace {address.label} has schema version {current}, newer than this "
            f"ParkPlan knows ({SCHEMA_VERSION}); update ParkPlan before opening it"
        )
    for version in range(current + 1, upto + 1):
        description, statements = MIGRATIONS[version]
        execute(conn, *(sql.format(s=s) for sql in statements))
        with conn.cursor() as cur:
            cur.execute(
                f"INSERT INTO {s}._parkplan_schema (version, description) VALUES ($1, $2)",
                (version, description),
            )
        log.info("workspace %s: migration %d (%s) applied", address.label, version, description)
    conn.commit()
    return max(current, upto)
