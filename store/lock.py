"""One writer at a time: the lock an import or an undo holds for its whole run.

Two browser tabs, two app instances, or the CLI while the app runs, must not interleave an
import. Each back end serialises them its own way — a lock file beside a GeoPackage
(``filelock``, released by the kernel if the process dies), a PostgreSQL advisory lock held by
the database for a PostGIS workspace — and whoever cannot get it within a short wait is told the
workspace is busy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from store.workspace import Workspace

__all__ = ["DEFAULT_TIMEOUT_S", "workspace_lock"]

DEFAULT_TIMEOUT_S = 2.0


@contextmanager
def workspace_lock(
    workspace: Workspace, *, timeout: float = DEFAULT_TIMEOUT_S, what: str = "import"
) -> Iterator[None]:
    """Hold the workspace's import lock for the block.

    Raises
    ------
    errors.WorkspaceBusyError
        When another import or undo holds it for longer than ``timeout`` seconds.
    """
    with workspace.write_lock(timeout=timeout, what=what):
        yield
