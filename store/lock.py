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

__all__ = ["default_timeout_s", "workspace_lock"]


def default_timeout_s() -> float:
    """How long to wait for the lock: ``[import] lock_timeout_s`` of config/defaults.toml."""
    from config import load_settings

    return load_settings().import_.lock_timeout_s


@contextmanager
def workspace_lock(
    workspace: Workspace, *, timeout: float | None = None, what: str = "import"
) -> Iterator[None]:
    """Hold the workspace's import lock for the block (``timeout`` ``None``: the setting).

    Raises
    ------
    errors.WorkspaceBusyError
        When another import or undo holds it for longer than ``timeout`` seconds.
    """
    wait = default_timeout_s() if timeout is None else timeout
    with workspace.write_lock(timeout=wait, what=what):
        yield
