"""The violations table (一票否决, issue 25): a file's rows checked, every problem at once with
file, row, field, value and what is allowed (any damaged file: typed rows or a clear refusal);
an import stores the table on the suite's back end, with its history and audit rows, and is
undone; only the planner and admin may import it."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from errors import AccessDeniedError, ValidationError
from geo.codes import uscc_check_char
from store.accounts import Account
from store.actions import undo_as
from store.audit import read_audit
from store.history import read_history
from store.violation_import import apply_violations_import_as, plan_violations_import_as
from store.violations import COLUMNS, check_violations, read_violations
from tests.conftest import workspace_digest

PLANNER = Account("李规划", "planner")
CLERK = Account("化龙_clerk", "town", "化龙")


def uscc(i: int) -> str:
    stem = f"91440113{i:09d}"
    return stem + uscc_check_char(stem)


HEADERS = ["统一社会信用代码", "年度", "类别", "日期", "文号"]
BASE = [
    [uscc(1), "2015", "违法用地", "2015-03-01", "番国土罚〔2015〕3号"],
    [uscc(2), "2015", "safety_accident", "2015-07-09", "番安监〔2015〕12号"],
    [uscc(3), "2014", "环境违法受行政处罚", "2014-11-30", "番环罚〔2014〕8号"],
]
FIRMS = {uscc(i) for i in range(1, 5)}


def table(rows) -> pd.DataFrame:
    return pd.DataFrame([list(r) for r in rows], columns=HEADERS, dtype=object)


def test_good_rows_are_typed_with_kind_keys():
    typed = check_violations(table(BASE), source="v.csv", firms=FIRMS)
    assert list(typed.columns) == COLUMNS
    assert typed["kind"].tolist() == ["illegal_land", "safety_accident", "environmental_penalty"]
    assert typed["year"].tolist() == [2015, 2015, 2014]
    assert typed["date"].iloc[0] == "2015-03-01"


def test_every_problem_at_once_with_row_field_value_and_allowed():
    rows = [
        [uscc(1), "2015", "偷税", "2015-03-01", "A"],  # row 2: unknown kind
        ["9144011300000000XX", "2015", "违法用地", "2015-03-01", "B"],  # row 3: bad USCC
        [uscc(9), "2015", "违法用地", "2015-03-01", "C"],  # row 4: not a surveyed firm
        [uscc(2), "15年", "违法用地", "2015-03-01", "D"],  # row 5: bad year
        [uscc(2), "2015", "违法用地", "2016-01-02", "E"],  # row 6: date not in its year
        [uscc(3), "2015", "违法用地", "3/1/2015", "F"],  # row 7: date not ISO
        [uscc(4), "2015", "违法用地", "2015-03-01", ""],  # row 8: blank document
        [uscc(4), "2015", "illegal_land", "2015-04-01", "G"],  # rows 9, 10: twice
        [uscc(4), "2015", "违法用地", "2015-05-01", "G"],
    ]
    with pytest.raises(ValidationError) as caught:
        check_violations(table(rows), source="v.csv", firms=FIRMS)
    got = {(p.row, p.field.split("（")[0], p.value) for p in caught.value.problems}
    assert got == {
        (2, "kind", "偷税"),
        (3, "uscc", "9144011300000000XX"),
        (4, "uscc", uscc(9)),
        (5, "year", "15年"),
        (6, "date", "2016-01-02"),
        (7, "date", "3/1/2015"),
        (8, "doc_no", ""),
        (9, "doc_no", "G"),
        (10, "doc_no", "G"),
    }
    assert all(p.file == "v.csv" and p.allowed for p in caught.value.problems)
    kind = next(p for p in caught.value.problems if p.row == 2)
    assert "safety_accident" in kind.allowed
    assert "违法用地" in kind.allowed


def test_a_missing_column_is_named():
    with pytest.raises(ValidationError, match="doc_no"):
        check_violations(table(BASE).drop(columns="文号"), source="v.csv")


def test_english_headers_are_accepted():
    frame = table(BASE).set_axis(["uscc", "year", "kind", "date", "Document number"], axis=1)
    assert len(check_violations(frame, source="v.csv", firms=FIRMS)) == 3


JUNK = ["", " ", "x", "=1+1", "2015.5", "-3", "2015-13-01", "0", None, "违法用地", uscc(1)]


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(
        st.tuples(st.integers(0, len(BASE) - 1), st.sampled_from(HEADERS), st.sampled_from(JUNK)),
        min_size=1,
        max_size=5,
    )
)
def test_any_damaged_file_is_typed_rows_or_a_clear_refusal(cells) -> None:
    frame = table(BASE)
    for i, column, junk in cells:
        frame.loc[i, column] = junk
    refusal: ValidationError | None = None
    try:
        typed = check_violations(frame, source="t.csv", firms=FIRMS)
    except ValidationError as exc:
        refusal = exc
    if refusal is not None:
        assert refusal.problems
        for p in refusal.problems:
            assert p.file == "t.csv"
            assert p.row is None or 2 <= p.row <= len(BASE) + 1
            assert p.field
            assert p.allowed
        return
    assert list(typed.columns) == COLUMNS
    assert len(typed) == len(BASE)
    assert typed["kind"].isin(["safety_accident", "environmental_penalty", "illegal_land"]).all()


def _file(tmp_path, rows, name="violations.csv"):
    path = tmp_path / name
    table(rows).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _firms(ws, n):
    firms = ws.read("enterprises", columns=["uscc"])
    return sorted(set(firms["uscc"].astype(str)))[:n]


def test_an_import_is_stored_audited_and_undone(fresh_workspace, tmp_path):
    ws = fresh_workspace
    a, b = _firms(ws, 2)
    rows = [
        [a, "2015", "违法用地", "2015-03-01", "番国土罚〔2015〕3号"],
        [b, "2015", "安全事故", "2015-07-09", "番安监〔2015〕12号"],
    ]
    before = ws.data_version()
    plan = plan_violations_import_as(ws, PLANNER, _file(tmp_path, rows))
    assert plan.changes.counts["new"] == 2
    report = apply_violations_import_as(ws, PLANNER, plan)
    stored = read_violations(ws)
    assert stored["uscc"].tolist() == [a, b]
    assert stored["kind"].tolist() == ["illegal_land", "safety_accident"]
    assert ws.data_version() != before  # a data table
    assert read_history(ws)["layer"].iloc[-1] == "violations"
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["action"]) == ("李规划", "import")
    assert f"history entry {report.entry}" in last["detail"]
    # a second file of the same year replaces the year's rows
    plan = plan_violations_import_as(ws, PLANNER, _file(tmp_path, rows[:1], "v2.csv"))
    assert plan.replaced == 2
    assert plan.changes.counts["removed"] == 1
    apply_violations_import_as(ws, PLANNER, plan)
    assert len(read_violations(ws)) == 1
    undo_as(ws, PLANNER)
    assert len(read_violations(ws)) == 2


def test_a_town_account_may_not_import_violations(fresh_workspace, tmp_path):
    ws = fresh_workspace
    (a,) = _firms(ws, 1)
    before = workspace_digest(ws)
    with pytest.raises(AccessDeniedError, match="may not import the violations table"):
        plan_violations_import_as(ws, CLERK, _file(tmp_path, [[a, "2015", "违法用地",
                                                               "2015-03-01", "X"]]))  # fmt: skip
    assert workspace_digest(ws) == before
