"""The audit: one row for every sign-in, failed sign-in, lock-out, import, undo, scenario save or
delete, target edit, export, account change, matching approval, project stage change and
evaluation batch or objection step, kept in
the workspace's ``audit`` table.

Columns: ``seq`` (1, 2, …), ``when`` (ISO 8601, UTC), ``user``, ``role``, ``action``,
``object`` (what was acted on: the ``target`` of :func:`record`), ``checksum`` (the SHA-256 of
an imported file, of each exported file) and ``detail``.

The module only appends: no function here (or anywhere in ParkPlan) updates or deletes a row;
:func:`appended` returns the table with one more row and :func:`record` stores it under the
workspace lock, so two writers never lose each other's rows. :func:`along` stores an action's row
in the same atomic write as what the action writes (:mod:`store.pending`), so an import and its
audit row are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from store import pending
from store.lock import workspace_lock
from store.roles import Actor
from store.workspace import Workspace

__all__ = [
    "AUDITED",
    "COLUMNS",
    "EVALUATION_AUDITED",
    "PROJECT_AUDITED",
    "TABLE",
    "along",
    "appended",
    "read_audit",
    "record",
    "stamp",
]

TABLE = "audit"
COLUMNS = ["seq", "when", "user", "role", "action", "object", "checksum", "detail"]
AUDITED = (
    "sign_in",
    "sign_in_failed",
    "lock_out",
    "import",
    "undo",
    "restore",
    "scenario_save",
    "scenario_delete",
    "target_edit",
    "export",
    "account_add",
    "account_password",
    "account_disable",
    "account_role",
    "approve_matching",
    "stage_change",
    "evaluate",
    "batch_advance",
    "objection_add",
    "objection_accept",
    "objection_reject",
)
# the project library's decisions (issue 24), also in AUDITED; kept as a name of their own
PROJECT_AUDITED = ("approve_matching", "stage_change")
# the evaluation's batches and objections (issue 25), also in AUDITED
EVALUATION_AUDITED = (
    "evaluate",
    "batch_advance",
    "objection_add",
    "objection_accept",
    "objection_reject",
)
_KNOWN = AUDITED
_TEXT = [c for c in COLUMNS if c != "seq"]


def stamp(now: datetime | None = None) -> str:
    """``now`` (default: the clock) as the audit's ISO 8601 UTC time, to the second."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("the audit's times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def read_audit(
    workspace: Workspace, *, since: date | datetime | None = None, user: str | None = None
) -> pd.DataFrame:
    """The audit, oldest first; only rows from ``since`` (a date: from its start, UTC) and of
    ``user`` when given. Empty (with its columns) before the first row."""
    if TABLE not in workspace.tables():
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c == "seq" else object) for c in COLUMNS}
        )
    table = workspace.read_table(TABLE)[COLUMNS]
    table["seq"] = table["seq"].astype("int64")
    table[_TEXT] = table[_TEXT].fillna("").astype(str)
    table = table.sort_values("seq", kind="stable").reset_index(drop=True)
    if since is not None:
        start = (
            since if isinstance(since, datetime) else datetime(*since.timetuple()[:3], tzinfo=UTC)
        )
        times = pd.to_datetime(table["when"], utc=True)
        table = table.loc[times >= pd.Timestamp(stamp(start))]
    if user is not None:
        table = table.loc[table["user"] == user]
    return table.reset_index(drop=True)


def appended(
    workspace: Workspace,
    actor: Actor,
    action: str,
    *,
    target: str = "",
    checksum: str = "",
    detail: str = "",
    now: datetime | None = None,
) -> pd.DataFrame:
    """The whole audit table with one row added (nothing written: pass it to ``write_many``
    together with what the action writes, so both are stored or neither)."""
    if action not in _KNOWN:
        raise KeyError(f"not an audited action: {action!r}; known: {', '.join(_KNOWN)}")
    table = read_audit(workspace)
    row: Mapping[str, Any] = {
        "seq": int(table["seq"].max()) + 1 if len(table) else 1,
        "when": stamp(now),
        "user": actor.name,
        "role": actor.role if actor.town is None else f"{actor.role}:{actor.town}",
        "action": action,
        "object": target,
        "checksum": checksum,
        "detail": detail,
    }
    out = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
    out["seq"] = out["seq"].astype("int64")
    return out[COLUMNS]


def record(
    workspace: Workspace,
    actor: Actor,
    action: str,
    *,
    target: str = "",
    checksum: str = "",
    detail: str = "",
    now: datetime | None = None,
) -> None:
    """Append one row to the audit (under the workspace lock)."""
    with workspace_lock(workspace, what="audit"):
        table = appended(
            workspace, actor, action, target=target, checksum=checksum, detail=detail, now=now
        )
        workspace.write_table(TABLE, table)


Detail = str | Callable[[Mapping[str, pd.DataFrame]], str]


@contextmanager
def along(
    workspace: Workspace,
    actor: Actor,
    action: str,
    *,
    target: Detail = "",
    checksum: Detail = "",
    detail: Detail = "",
) -> Iterator[None]:
    """Audit the action the block takes in the same write as the action's own (the first write
    of ``workspace`` in the block); a block that writes nothing is audited on its own after it,
    and one that fails is not audited (nothing of it was stored). ``detail`` may be a function
    of the tables that write stores (e.g. to name the history entry it records); so may
    ``target`` and ``checksum``."""
    if action not in _KNOWN:
        raise KeyError(f"not an audited action: {action!r}; known: {', '.join(_KNOWN)}")

    def text(value: Detail, written: Mapping[str, pd.DataFrame]) -> str:
        return value(written) if callable(value) else value

    def tables(written: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        row = appended(
            workspace, actor, action, target=text(target, written),
            checksum=text(checksum, written), detail=text(detail, written),
        )  # fmt: skip
        return {TABLE: row}

    with pending.riding(workspace.location, tables) as ride:
        yield
    if not ride.taken:
        record(
            workspace, actor, action, target=text(target, {}), checksum=text(checksum, {}),
            detail=text(detail, {}),
        )  # fmt: skip
