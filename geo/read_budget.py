"""Read an untrusted file in a child process with a time and a memory budget.

:func:`read_budgeted` runs :func:`geo.readers.read_file` in a worker process started from a
fork server (``multiprocessing`` context ``forkserver``, the readers preloaded in the server so
a worker starts in milliseconds). The worker caps its own address space with
``resource.setrlimit(RLIMIT_AS, ...)`` before it opens the file; the parent waits at most the
time budget for the result and then kills the worker. Either way a runaway read frees all its
memory when its process ends, and the caller (the CLI, or a page's script thread) only waits on a
pipe, so other planners are not held up.

The memory budget is what the read may add to the worker's address space beyond the libraries
it has loaded (pandas, GDAL, openpyxl: ~0.5 GB of mostly unused address space), so that the
budget means the same on every machine.

The worker sends back the :class:`geo.readers_types.RawFile`, or the refusal's problems (rebuilt
here as the same :class:`errors.ValidationError`), or "out of memory"; its log records are
replayed in the parent's loggers, so a traceback goes to the log, never to the terminal.
A read over either budget is one refusal (exit 3) naming the budget and its ``[import]`` setting.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import traceback
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyarrow

from errors import Problem, ValidationError
from geo.readers import read_file
from geo.readers_guard import MIB, ReadLimits, refusal
from geo.readers_types import RawFile

__all__ = ["read_budgeted"]

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["geo.readers"])
_GRACE_S = 2.0  # after the budget: time for the worker to hand over a result it already has


class _NoMainPopen(popen_forkserver.Popen):
    """The fork server's ``Popen`` that does not re-run ``__main__`` in the worker.

    multiprocessing runs the parent's main script again in a new process; under Streamlit that
    is the app script (the script runner installs it as ``__main__``), and the worker would
    draw the app before reading. The worker needs only this module, which it imports by name.
    The rest is ``popen_forkserver.Popen._launch`` as it is.
    """

    def _launch(self, process_obj: BaseProcess) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)  # type: ignore[attr-defined]
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)  # the parent's end the child watches (as in the original)
        close_fds = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Worker(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: BaseProcess) -> _NoMainPopen:  # noqa: N802 (multiprocessing's name)
        return _NoMainPopen(process_obj)


class _Collect(logging.Handler):
    """Keeps the worker's log records, made picklable (message formatted, traceback as text)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _address_space() -> int:
    """This process's current virtual size in bytes (``VmSize`` of /proc/self/status)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _worker(conn: Connection, path: str, layer: str | None, limits: ReadLimits, level: int) -> None:
    """The child: cap the address space, read, send one message (and the log records)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]
    root.setLevel(level)
    # Arrow's default pool (mimalloc) reserves its arenas in 1 GiB steps of address space: a
    # tiny GeoJSON read through Arrow was refused as over budget, now and then (CI). The
    # system allocator takes what it uses.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    cap = _address_space() + limits.read_memory
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    message: tuple[Any, ...]
    try:
        raw = read_file(path, layer=layer, limits=limits)
        message = ("ok", raw)
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except ValidationError as exc:
        message = ("refused", exc.problems, exc.source, exc.more, exc.table)
        payload = pickle.dumps(message)
    except MemoryError:
        collect.records.clear()  # what ran out of memory has nothing more to say but where
        where = "".join(traceback.format_exc(limit=-6))
        logging.getLogger(__name__).warning("out of memory reading %s:\n%s", path, where)
        payload = pickle.dumps(("memory",))
    conn.send_bytes(pickle.dumps(collect.records))
    conn.send_bytes(payload)
    conn.close()


def _over_budget(path: Path, what: str, value: str, allowed: str) -> ValidationError:
    log.warning("refused %s: %s %s", path.name, what, value)
    return refusal(path, what, value, allowed)


def _too_slow(path: Path, limits: ReadLimits) -> ValidationError:
    s = f"{limits.read_timeout_s:g} s"
    return _over_budget(
        path,
        "read time",
        f"> {s}",
        f"读取须在 {s} 内完成 / reading may take at most {s} ([import] read_timeout_s)",
    )


def _too_big(path: Path, limits: ReadLimits) -> ValidationError:
    m = f"{limits.read_memory / MIB:,.0f} MiB"
    return _over_budget(
        path,
        "read memory",
        f"> {m}",
        f"读取最多使用 {m} 内存 / reading may use at most {m} of memory ([import] read_memory_mb)",
    )


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def read_budgeted(
    path: str | Path, *, layer: str | None = None, limits: ReadLimits | None = None
) -> RawFile:
    """:func:`geo.readers.read_file` in a worker process, within ``limits``' time and memory.

    Parameters
    ----------
    path, layer
        As for :func:`geo.readers.read_file`.
    limits
        The ``[import]`` limits, among them ``read_timeout_s`` and ``read_memory`` (bytes);
        default those of the configuration.

    Raises
    ------
    errors.ValidationError
        The refusals of :func:`geo.readers.read_file`, and one naming the budget a read
        exceeded (or a worker that died without an answer) — exit 3, nothing read.
    """
    path = Path(path)
    limits = limits or ReadLimits.default()
    receive, send = _CONTEXT.Pipe(duplex=False)
    level = logging.getLogger().getEffectiveLevel()
    worker = _Worker(target=_worker, args=(send, str(path), layer, limits, level), daemon=True)
    worker.start()
    send.close()  # the worker holds the only writing end: its death ends the pipe
    try:
        if not receive.poll(limits.read_timeout_s):
            raise _too_slow(path, limits)
        try:
            records = pickle.loads(receive.recv_bytes())
            if not receive.poll(_GRACE_S):
                raise _too_slow(path, limits)
            message = pickle.loads(receive.recv_bytes())
        except EOFError:  # killed by the kernel, or crashed in a C library under the cap
            worker.join(_GRACE_S)
            log.warning("reading %s: the worker ended with code %s", path.name, worker.exitcode)
            raise _too_big(path, limits) from None
    finally:
        receive.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    _replay(records)
    if message[0] == "ok":
        raw: RawFile = message[1]
        return raw
    if message[0] == "refused":
        problems: list[Problem] = message[1]
        raise ValidationError(problems, source=message[2], more=message[3], table=message[4])
    raise _too_big(path, limits)
