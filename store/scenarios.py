"""Named decisions (scenarios) kept in the workspace: which parks, with which parameters.

A scenario records everything needed to reproduce a choice of parks: the parks in rank order,
every parameter used (weights, gate, method, robustness settings …), the data version it was
computed on, the time and the user name given in the sidebar. They live in the workspace's
``scenarios`` attribute table, one row per name (saving a name again replaces it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from errors import UnknownKeyError, WorkspaceError
from store.workspace import Workspace

__all__ = [
    "TABLE",
    "Scenario",
    "delete_scenario",
    "list_scenarios",
    "load_scenario",
    "save_scenario",
]

TABLE = "scenarios"
COLUMNS = ["name", "created", "user", "data_version", "parks", "parameters"]


@dataclass(frozen=True)
class Scenario:
    """One saved choice of parks."""

    name: str
    parks: tuple[str, ...]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    data_version: str = ""
    created: str = ""
    user: str = ""

    def is_current(self, workspace: Workspace) -> bool:
        """True when the workspace's data are those the scenario was computed on."""
        return self.data_version == workspace.data_version()


def _table(workspace: Workspace) -> pd.DataFrame:
    if TABLE not in workspace.tables():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return workspace.read_table(TABLE)


def _from_row(row: Mapping[Any, Any]) -> Scenario:
    return Scenario(
        name=str(row["name"]),
        parks=tuple(json.loads(str(row["parks"]))),
        parameters=json.loads(str(row["parameters"])),
        data_version=str(row["data_version"]),
        created=str(row["created"]),
        user="" if pd.isna(row["user"]) else str(row["user"]),
    )


def list_scenarios(workspace: Workspace) -> list[Scenario]:
    """Every saved scenario, newest first."""
    table = _table(workspace).sort_values("created", ascending=False)
    return [_from_row(r) for r in table.to_dict("records")]


def load_scenario(workspace: Workspace, name: str) -> Scenario:
    """The scenario called ``name``; an unknown name lists the saved ones."""
    table = _table(workspace)
    match = table[table["name"] == name]
    if match.empty:
        raise UnknownKeyError("scenario", name, table["name"].astype(str).tolist())
    return _from_row(match.iloc[0].to_dict())


def save_scenario(
    workspace: Workspace,
    name: str,
    *,
    parks: Sequence[str],
    parameters: Mapping[str, Any],
    user: str = "",
) -> Scenario:
    """Save (or replace) the scenario ``name`` with the workspace's current data version."""
    name = name.strip()
    if not name:
        raise WorkspaceError("a scenario needs a name")
    scenario = Scenario(
        name=name,
        parks=tuple(str(p) for p in parks),
        parameters=dict(parameters),
        data_version=workspace.data_version(),
        created=datetime.now().astimezone().isoformat(timespec="seconds"),
        user=user.strip(),
    )
    row = {
        "name": scenario.name,
        "created": scenario.created,
        "user": scenario.user,
        "data_version": scenario.data_version,
        "parks": json.dumps(list(scenario.parks), ensure_ascii=False),
        "parameters": json.dumps(scenario.parameters, ensure_ascii=False, default=str),
    }
    table = _table(workspace)
    table = pd.concat([table[table["name"] != name], pd.DataFrame([row])], ignore_index=True)
    workspace.write_table(TABLE, table[COLUMNS])
    return scenario


def delete_scenario(workspace: Workspace, name: str) -> None:
    """Remove the scenario ``name`` (an unknown name lists the saved ones)."""
    load_scenario(workspace, name)
    table = _table(workspace)
    workspace.write_table(TABLE, table[table["name"] != name][COLUMNS].reset_index(drop=True))
