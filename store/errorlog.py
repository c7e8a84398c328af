"""Where a bug's traceback goes: ``<workspace>.errors.log``, beside the workspace (or, for a
PostGIS workspace, in the local scratch folder), with every password scrubbed.

The one top-level handler of the CLI (``cli.py``) and of the app (``ui.errors.page_guard``)
call :func:`record_failure` for anything that is not a :class:`errors.ParkPlanError` and show one
line naming the log. Nothing else catches ``Exception``.
"""

from __future__ import annotations

import logging
import re
import traceback
from datetime import datetime
from pathlib import Path

from errors import WorkspaceError

__all__ = ["errors_log_path", "record_failure", "scrub"]

log = logging.getLogger(__name__)

_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", re.IGNORECASE)
_KEY_PASSWORD = re.compile(r"(password\s*[=:]\s*)('[^']*'|\"[^\"]*\"|\S+)", re.IGNORECASE)


def scrub(text: str) -> str:
    """``text`` with the passwords of database addresses and ``password=…`` pairs masked."""
    return _KEY_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


def errors_log_path(location: str | None) -> Path:
    """The errors log of the workspace at ``location`` (the default workspace when None)."""
    from store.workspace import DEFAULT_WORKSPACE, is_database_location

    if location is None:
        return DEFAULT_WORKSPACE.with_name(DEFAULT_WORKSPACE.name + ".errors.log")
    if is_database_location(location):
        from store.pg_connection import parse_address

        try:
            address = parse_address(location)
            name = f"{address.database}.{address.schema}.errors.log"
        except (ValueError, WorkspaceError):  # an address that does not parse: log anyway
            name = "postgis.errors.log"
        return DEFAULT_WORKSPACE.parent / name
    path = Path(location)
    return path.with_name(path.name + ".errors.log")


def record_failure(exc: BaseException, *, location: str | None, what: str) -> Path | None:
    """Append ``exc``'s traceback (scrubbed) to the workspace's errors log; return the log, or
    None when even the log cannot be written (then it goes to the process log)."""
    target = errors_log_path(location)
    text = scrub("".join(traceback.format_exception(exc)))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {stamp} {what}\n{text}\n")
    except OSError:
        log.error("%s failed and its errors log %s cannot be written:\n%s", what, target, text)
        return None
    return target
