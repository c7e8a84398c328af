"""The one error hierarchy of ParkPlan.

Pages and the CLI catch :class:`ParkPlanError` in one place and show its message; anything else
is a bug. Subclasses also derive from the matching built-in so that plain Python callers can catch
``ValueError`` / ``OSError`` as usual (after osmnx ``_errors.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "AccessDeniedError",
    "ArgumentError",
    "BasemapError",
    "BenchmarkError",
    "CRSMismatchError",
    "DuplicateKeyError",
    "ImportStateError",
    "LayerDataError",
    "OfflineAssetError",
    "ParkPlanError",
    "Problem",
    "SignInError",
    "UnexpectedError",
    "UnknownKeyError",
    "ValidationError",
    "WorkspaceBusyError",
    "WorkspaceError",
    "WorkspaceLocationError",
]


class ParkPlanError(Exception):
    """Base class of every error the user is meant to read."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    ``row`` is the row number the user sees in the file: for a spreadsheet the Excel/CSV line
    number (header = 1), for a vector layer the feature number (first = 1); ``None`` when the
    problem concerns the whole file (e.g. a missing column).
    """

    file: str
    row: int | None
    field: str
    value: Any
    allowed: str

    def describe(self) -> str:
        where = f"{self.file}" if self.row is None else f"{self.file} row {self.row}"
        value = "" if self.value is None else f" = {self.value!r}"
        return f"{where}: {self.field}{value} — {self.allowed}"


class ValidationError(ParkPlanError, ValueError):
    """Input that breaks the data contract. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], *, source: str = "", more: int = 0) -> None:
        self.problems = list(problems)
        self.source = source
        self.more = more  # problems found beyond those listed (a cap on how many are kept)
        total = len(self.problems) + more
        head = f"{source}: {total} problem(s)" if source else f"{total} problem(s)"
        lines = [head, *(f"  - {p.describe()}" for p in self.problems)]
        if more:
            lines.append(f"  … 另有 {more:,} 个问题未列出 / … and {more:,} more")
        super().__init__("\n".join(lines))


class ArgumentError(ParkPlanError, ValueError):
    """A computation given values it cannot use (negative weights, an inconsistent AHP matrix,
    no draws), named in the message."""


class WorkspaceError(ParkPlanError, OSError):
    """The working database cannot be opened, created or written."""


class WorkspaceLocationError(WorkspaceError):
    """The workspace's location itself is unusable (a malformed address, a path with a
    newline): wrong usage, exit 2 on the command line."""


class UnknownKeyError(ParkPlanError, KeyError):
    """A registry key (layer, method, coordinate system …) that does not exist."""

    def __init__(self, kind: str, key: object, known: list[str]) -> None:
        self.kind, self.key, self.known = kind, key, list(known)
        super().__init__(f"unknown {kind} {key!r}; known: {', '.join(self.known)}")

    def __str__(self) -> str:  # KeyError quotes its argument; show the plain message
        return str(self.args[0])


class DuplicateKeyError(ParkPlanError, ValueError):
    """A registry key (a colouring, a card section …) registered twice without ``replace``."""


class CRSMismatchError(ParkPlanError, ValueError):
    """Layers that must share one coordinate reference system do not."""


class LayerDataError(ParkPlanError, ValueError):
    """Data handed to a map layer that do not fit together (e.g. columns of unequal length)."""


class BasemapError(ParkPlanError, ValueError):
    """A basemap that cannot be used as asked (missing key, malformed tile URL)."""


class OfflineAssetError(ParkPlanError, RuntimeError):
    """A map element needs a script or stylesheet that the app does not serve."""


class BenchmarkError(ParkPlanError, RuntimeError):
    """A benchmark could not measure what it measures (e.g. the map failed to draw)."""


class WorkspaceBusyError(WorkspaceError):
    """Another import or undo holds the workspace lock; the user should try again shortly."""


class ImportStateError(ParkPlanError, RuntimeError):
    """The workspace is not as an import or undo expects (changed since the preview, nothing
    to undo)."""


class UnexpectedError(ParkPlanError, RuntimeError):
    """A failure nobody planned for: logged with its traceback, shown to the user as one line."""


class AccessDeniedError(ParkPlanError, PermissionError):
    """The signed-in role may not do this (the message names the role and what it may do);
    nothing was written."""


class SignInError(ParkPlanError, PermissionError):
    """A sign-in that did not succeed (wrong name or password, locked or disabled account) or a
    session that expired; the message never says which of name or password was wrong."""
