"""Exports that cannot destroy: every export file is written beside its target, then renamed.

:func:`atomic_path` hands a writer a path in a fresh hidden folder beside the target (same
file system, same file name, so writers that use the name — a Shapefile's stem — see the real
one) and moves the finished file onto the target with :func:`os.replace`, which is atomic: a
reader sees the earlier file or the new one, never half of one. When the writer fails the
folder is removed, so no partial file is left and the earlier file is untouched; a process
killed mid-write leaves only that hidden folder (named with the host and process id), which
the next export into the same folder removes (:func:`sweep_stale`). :func:`publish` does the
same for several files at once (a list with its manifest): every copy is made before the
first rename.

:func:`workspace_files` names what an export must never overwrite: the workspace GeoPackage,
its SQLite sidecars (``-wal``, ``-shm``, ``-journal``), its lock file, its error log, and the
rasters and class tables beside it; :func:`refuse_protected` refuses such a target before
anything is computed. OS errors on a target (a read-only folder, ``/proc``, a full disk)
become :class:`ExportTargetError`, one line naming the file.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from errors import ParkPlanError
from store.workspace import RASTER_SIDECARS, RASTERS, Workspace, is_database_location

__all__ = [
    "ExportTargetError",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "publish",
    "refuse_protected",
    "sweep_stale",
    "workspace_files",
]

STAGING_PREFIX = ".parkplan-export-"
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


class ExportTargetError(ParkPlanError, OSError):
    """An export target that must not or cannot be written (the workspace, a read-only folder)."""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def workspace_files(workspace: Workspace) -> list[Path]:
    """Every local file that belongs to ``workspace`` and that an export must not replace."""
    files = [workspace.errors_log]
    if not is_database_location(workspace.location):
        db = Path(workspace.location)
        files += [db, *(db.with_name(db.name + s) for s in (*SQLITE_SIDECARS, ".lock"))]
        files += [workspace.raster_path(kind) for kind in RASTERS]
        files += [workspace.raster_classes_path(kind) for kind in RASTER_SIDECARS]
    return files


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def refuse_protected(targets: Iterable[str | Path], protected: Iterable[Path]) -> None:
    """Raise :class:`ExportTargetError` when a target is (a link to) one of ``protected``, or
    exists and is not a regular file (replacing ``/dev/full`` or a folder is never an export)."""
    guarded = list(protected)
    for target in map(Path, targets):
        _regular(target)
        hit = next((p for p in guarded if _same(target, p)), None)
        if hit is not None:
            raise ExportTargetError(
                f"refusing to write {target}: it is the workspace's file {hit.name}; "
                "choose another --out"
            )


def _regular(target: Path) -> None:
    if os.path.exists(target) and not os.path.isfile(target):  # a folder, a device, a pipe
        raise ExportTargetError(f"refusing to write {target}: it is not a regular file")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_.]", "_", socket.gethostname()) or "host"


def _own_prefix() -> str:
    """This process's staging prefix: the host and pid say whose a folder is."""
    return f"{STAGING_PREFIX}{_host()}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_stale(folder: Path) -> list[Path]:
    """Remove the staging folders in ``folder`` left by a killed export of this host (its
    process is gone); return them. Folders of live processes and of other hosts are kept."""
    pattern = re.compile(re.escape(f"{STAGING_PREFIX}{_host()}-") + r"(\d+)-")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_dir(follow_symlinks=False) and not _alive(int(match[1])):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


@contextmanager
def _staging(folder: Path, target: Path) -> Iterator[Path]:
    if folder.exists() and not folder.is_dir():
        raise ExportTargetError(f"cannot write {target}: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_stale(folder)
        staging = Path(tempfile.mkdtemp(prefix=_own_prefix(), dir=folder))
    except OSError as exc:
        raise ExportTargetError(f"cannot write {target}: {_why(exc)}") from exc
    try:
        yield staging
    except OSError as exc:
        if isinstance(exc, ParkPlanError):
            raise
        raise ExportTargetError(f"cannot write {target}: {_why(exc)}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(source: Path, target: Path) -> None:
    if target.exists():
        shutil.copymode(target, source)  # keep the earlier file's permissions
    os.replace(source, target)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A path to write ``target``'s new content to; renamed onto ``target`` when the block ends
    without an error, removed (with nothing left beside ``target``) when it raises."""
    target = Path(target).absolute()
    _regular(target)
    with _staging(target.parent, target) as staging:
        tmp = staging / target.name
        yield tmp
        _replace(tmp, target)


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; return ``target``."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def atomic_write_text(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically; return ``target``."""
    return atomic_write_bytes(target, text.encode(encoding))


def publish(files: Mapping[Path, Path]) -> list[Path]:
    """Copy each source (value) onto its target (key), all in one folder: every copy is staged
    first, then each renamed, so a failure while copying leaves every target as it was."""
    targets = [Path(t).absolute() for t in files]
    for target in targets:
        _regular(target)
    if not targets:
        return []
    folder = targets[0].parent
    with _staging(folder, targets[0]) as staging:
        staged = []
        for i, (target, source) in enumerate(zip(targets, files.values(), strict=True)):
            tmp = staging / f"{i}-{target.name}"
            shutil.copyfile(source, tmp)
            staged.append((tmp, target))
        for tmp, target in staged:
            _replace(tmp, target)
    return [Path(t) for t in files]
