"""The one error hierarchy of ParkPlan.

Pages and the CLI catch :class:`ParkPlanError` in one place and show its message; anything else
is a bug. Subclasses also derive from the matching built-in so that plain Python callers can catch
``ValueError`` / ``OSError`` as usual (after osmnx ``_errors.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "PROBLEM_COLUMNS",
    "SUMMARY_FROM",
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


# the columns of :meth:`ValidationError.frame`, one row per problem
PROBLEM_COLUMNS = ("file", "row", "field", "value", "allowed")
# more problems than this are shown as a summary by rule and field (issue 22)
SUMMARY_FROM = 20


class ValidationError(ParkPlanError, ValueError):
    """Input that breaks the data contract. Carries every problem found, not just the first.

    ``problems`` lists the first of them (a cap keeps a message readable); ``table``, when the
    validator kept it (:class:`geo.problems.ProblemLog`), holds every one, as columns
    :data:`PROBLEM_COLUMNS`.
    """

    def __init__(
        self,
        problems: list[Problem],
        *,
        source: str = "",
        more: int = 0,
        table: Any = None,
    ) -> None:
        self.problems = list(problems)
        self.source = source
        self.more = more  # problems found beyond those listed (a cap on how many are kept)
        self.table = table
        total = len(self.problems) + more
        head = f"{source}: {total} problem(s)" if source else f"{total} problem(s)"
        lines = [head, *(f"  - {p.describe()}" for p in self.problems)]
        if more:
            lines.append(f"  … 另有 {more:,} 个问题未列出 / … and {more:,} more")
        super().__init__("\n".join(lines))

    @property
    def total(self) -> int:
        """Every problem found, listed or not."""
        return len(self.problems) + self.more

    def frame(self) -> Any:
        """Every problem kept, one row each (a pandas DataFrame of :data:`PROBLEM_COLUMNS`)."""
        import pandas as pd

        if self.table is not None:
            return self.table
        return pd.DataFrame(
            [(p.file, p.row, p.field, p.value, p.allowed) for p in self.problems],
            columns=list(PROBLEM_COLUMNS),
        )

    def by_rule(self, rows: int = 5) -> Any:
        """The problems counted by field and rule, most first: a DataFrame with ``field``,
        ``allowed``, ``n``, ``rows`` (the first ``rows`` row numbers, "—" for the whole file)
        and ``value`` (the first one's value). The terminal's summary and the data page's
        table both read it."""
        import pandas as pd

        grouped = self.frame().groupby(["field", "allowed"], sort=False, dropna=False)
        kinds = []
        for (field, allowed), group in grouped:
            value = group["value"].iloc[0]
            value = value.item() if hasattr(value, "item") else value  # NumPy → Python
            first = ["—" if _isna(r) else str(int(r)) for r in group["row"].head(rows)]
            kinds.append((field, allowed, len(group), first, value))
        table = pd.DataFrame(kinds, columns=["field", "allowed", "n", "rows", "value"])
        return table.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)

    def summary(self, *, kinds: int = 15, rows: int = 5) -> str:
        """The problems counted by field and rule, with the first rows and a value of each:
        at most ``2 * kinds + 3`` lines, however many problems there are."""
        counts = self.by_rule(rows)
        head = f"{self.source}: " if self.source else ""
        lines = [
            f"{head}{self.total:,} 个问题，按字段与规则汇总 / {self.total:,} problem(s), "
            "by field and rule:"
        ]
        for kind in counts.head(kinds).itertuples():
            more = " …" if kind.n > rows else ""
            example = "" if _isna(kind.value) else f"; 例 e.g. {kind.value!r}"
            lines.append(f"  - {int(kind.n):,} × {kind.field} — {kind.allowed}")
            lines.append(f"      行 rows {', '.join(kind.rows)}{more}{example}")
        if len(counts) > kinds:
            rest = len(counts) - kinds
            lines.append(f"  … 另有 {rest} 类问题 / … and {rest} more kind(s)")
        frame = self.frame()
        if self.total > len(frame):
            lines.append(
                f"  （仅保留前 {len(frame):,} 个 / only the first {len(frame):,} were kept）"
            )
        return "\n".join(lines)


def _isna(value: object) -> bool:
    """True for None, NaN and pandas' NA (a problem's missing row or value)."""
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


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
