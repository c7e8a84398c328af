"""One writer at a time: a lock file beside the workspace for imports and undo.

Two browser tabs, or the CLI while the app runs, must not interleave an import: each takes the
lock ``<workspace>.lock`` (``filelock``: an OS-level ``flock``, released by the kernel if the
process dies, and distinct per open file, so two tabs in one Streamlit process exclude each
other too). Whoever cannot get it within a short wait is told the workspace is busy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from errors import WorkspaceBusyError
from store.workspace import Workspace

__all__ = ["DEFAULT_TIMEOUT_S", "lock_path", "workspace_lock"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 2.0


def lock_path(workspace: Workspace) -> Path:
    """The lock file of ``workspace``: beside it, named after it."""
    return workspace.path.with_name(workspace.path.name + ".lock")


@contextmanager
def workspace_lock(
    workspace: Workspace, *, timeout: float = DEFAULT_TIMEOUT_S, what: str = "import"
) -> Iterator[None]:
    """Hold the workspace's write lock for the block.

    Raises
    ------
    errors.WorkspaceBusyError
        When another import or undo holds it for longer than ``timeout`` seconds.
    """
    lock = FileLock(lock_path(workspace), timeout=timeout, thread_local=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise WorkspaceBusyError(
            f"工作库正忙（另一导入或撤销正在进行），请稍后再试 / the workspace "
            f"{workspace.path.name} is busy with another import or undo; try again in a moment"
        ) from exc
    log.info("%s: lock taken on %s", what, workspace.path.name)
    try:
        yield
    finally:
        lock.release()
