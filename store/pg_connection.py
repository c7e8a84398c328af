"""Reaching a PostGIS workspace: its address, a connection, and messages without passwords.

A PostGIS workspace is a schema of a PostgreSQL database, named by a libpq connection string
with one extra query parameter, ``schema`` (default ``parkplan``)::

    postgresql://planner@gis.panyu.gov.cn:5432/parkplan?schema=parkplan
    postgresql:///parkplan?host=/var/run/postgresql            (local socket)

Passwords belong in ``~/.pgpass`` (or ``PGPASSFILE``) or ``PGPASSWORD``, which libpq reads
itself; a password written in the string still works but is never shown: :attr:`PgAddress.safe`
and every message of this package leave it out.

Connections come from ADBC's PostgreSQL driver (Apache Arrow's database connectivity, over
libpq): query results arrive as Arrow tables and layers are written with binary ``COPY``, with
no row-by-row conversion in Python.
"""

from __future__ import annotations

import contextlib
import re
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import adbc_driver_manager
import adbc_driver_postgresql.dbapi as pg

from errors import WorkspaceError, WorkspaceLocationError

__all__ = [
    "DEFAULT_SCHEMA",
    "PgAddress",
    "advisory_key",
    "connect_error",
    "connection",
    "execute",
    "fetch_all",
    "ident",
    "literal",
    "parse_address",
    "with_schema",
]

DEFAULT_SCHEMA = "parkplan"
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
APPLICATION = "parkplan"


@dataclass(frozen=True)
class PgAddress:
    """A parsed PostGIS workspace address."""

    dsn: str = field(repr=False)  # what libpq gets (may hold a password: never shown)
    schema: str
    safe: str  # the address without its password, with the schema
    database: str
    host: str
    password: str | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return f"{self.database}.{self.schema} @ {self.host}"

    def scrub(self, text: str) -> str:
        """``text`` with the password (if one was written in the address) replaced by ***."""
        return text.replace(self.password, "***") if self.password else text


def parse_address(location: str) -> PgAddress:
    """Split a ``postgresql://`` location into libpq's string and the workspace schema."""
    try:
        parts = urlsplit(location)
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError as exc:
        raise WorkspaceLocationError(
            f"not a usable database address ({exc}); expected "
            "postgresql://user@host:port/database?schema=name"
        ) from None
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), DEFAULT_SCHEMA)
    if not _SCHEMA_RE.match(schema):
        raise WorkspaceError(
            f"schema={schema!r}: a workspace schema is lower-case letters, digits and _ "
            "(at most 63, not starting with a digit)"
        )
    rest = [(k, v) for k, v in query if k != "schema"]
    if not any(k == "application_name" for k, _ in rest):
        rest.append(("application_name", APPLICATION))
    dsn = urlunsplit(parts._replace(query=urlencode(rest)))
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", "@", 1)
    safe_query = urlencode([(k, v) for k, v in query if k != "schema"] + [("schema", schema)])
    safe = urlunsplit(parts._replace(netloc=netloc, query=safe_query))
    host = parts.hostname or dict(query).get("host") or "localhost"
    return PgAddress(
        dsn=dsn,
        schema=schema,
        safe=safe,
        database=parts.path.lstrip("/") or "(default database)",
        host=host,
        password=parts.password or None,
    )


def with_schema(location: str, schema: str) -> str:
    """``location`` (a ``postgresql://`` address) naming the workspace schema ``schema``."""
    parts = urlsplit(location)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "schema"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("schema", schema)])))


def ident(name: str) -> str:
    """``name`` quoted as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` quoted as an SQL string literal (standard_conforming_strings is on)."""
    return "'" + text.replace("'", "''") + "'"


def advisory_key(address: PgAddress, purpose: str) -> int:
    """A 64-bit advisory-lock key for ``purpose`` on this workspace's schema."""
    return zlib.crc32(f"parkplan:{purpose}:{address.schema}".encode()) - 2**31


def connect_error(address: PgAddress, exc: Exception) -> WorkspaceError:
    """A clear, password-free message for a failed connection."""
    reason = " ".join(address.scrub(str(exc)).replace("IO: [libpq] ", "").split())
    reason = reason.rstrip("?.")
    return WorkspaceError(
        f"无法连接 PostGIS 工作库 / cannot reach the PostGIS workspace {address.label}: {reason}. "
        "Check that the server runs and the address (--workspace / PARKPLAN_WORKSPACE); "
        "a password goes in ~/.pgpass or PGPASSWORD, not in the address."
    )


# Opening an ADBC database costs ~60 ms (the driver reads the server's types); a connection
# cloned from an open one, ~4 ms. One root connection per address is kept for the process.
_ROOTS: dict[str, Any] = {}
_ROOTS_LOCK = threading.Lock()


def _new_connection(address: PgAddress) -> Any:
    with _ROOTS_LOCK:
        root = _ROOTS.get(address.dsn)
        if root is not None:
            try:
                return root.adbc_clone()
            except adbc_driver_manager.Error:
                _ROOTS.pop(address.dsn)  # the server went away and came back: start again
                with contextlib.suppress(adbc_driver_manager.Error):
                    root.close()
        root = pg.connect(address.dsn)
        _ROOTS[address.dsn] = root
        return root.adbc_clone()


@contextmanager
def connection(address: PgAddress) -> Iterator[Any]:
    """A connection (autocommit off: work is committed by the caller), closed afterwards.

    Raises
    ------
    errors.WorkspaceError
        When the server cannot be reached or refuses the login, or a query of the block fails
        (the database's reason, no password in the message).
    """
    try:
        conn = _new_connection(address)
    except adbc_driver_manager.Error as exc:
        raise connect_error(address, exc) from None
    try:
        yield conn
    except adbc_driver_manager.Error as exc:  # a failed query or a lost server: one clear line
        reason = " ".join(address.scrub(str(exc)).split())
        raise WorkspaceError(
            f"PostGIS 工作库出错 / the PostGIS workspace {address.label} failed: {reason}"
        ) from None
    finally:
        # a session the server already ended (terminated backend) has nothing left to close
        with contextlib.suppress(adbc_driver_manager.Error):
            conn.close()


def fetch_all(conn: Any, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    """Rows of one query (small results only; large ones go through Arrow)."""
    with conn.cursor() as cur:
        cur.execute(sql, tuple(parameters) or None)
        return list(cur.fetchall())


def execute(conn: Any, *statements: str) -> None:
    """Run statements, in the connection's open transaction, and discard what they return.

    A statement that returns rows (``SELECT pg_advisory_lock(…)``) is read to its end: ADBC
    reports a failed query (a lock timeout) only when its result is fetched.
    """
    with conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
            if cur.description is not None:
                cur.fetchall()

