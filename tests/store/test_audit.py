"""The audit: rows appended in order with who, role, when; filters by date and user."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from store import audit
from store.accounts import Account


def test_rows_are_appended_in_order_and_filtered(fresh_workspace):
    ws = fresh_workspace
    assert audit.read_audit(ws).empty
    clerk, boss = Account("clerk", "town", "化龙"), Account("boss", "planner")
    audit.record(ws, clerk, "import", target="a.csv → enterprises", checksum="ab" * 32,
                 now=datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC))  # fmt: skip
    audit.record(ws, boss, "undo", target="a.csv", now=datetime(2026, 3, 2, 8, tzinfo=UTC))
    table = audit.read_audit(ws)
    assert table[["seq", "user", "role", "action"]].values.tolist() == [
        [1, "clerk", "town:化龙", "import"],
        [2, "boss", "planner", "undo"],
    ]
    assert table.at[0, "when"] == "2026-03-01T23:59:59+00:00"
    assert table.at[0, "checksum"] == "ab" * 32
    assert audit.read_audit(ws, since=date(2026, 3, 2))["seq"].tolist() == [2]
    assert audit.read_audit(ws, user="clerk")["seq"].tolist() == [1]
    with pytest.raises(KeyError, match="not an audited action"):
        audit.record(ws, boss, "coffee")
    assert len(audit.read_audit(ws)) == 2


def test_the_module_offers_no_way_to_change_or_remove_a_row():
    public = set(audit.__all__)
    assert not {n for n in public if any(w in n for w in ("delete", "update", "remove", "edit"))}
