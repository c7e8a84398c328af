"""Evaluation batches on the suite's back end (issue 25): a batch is run, reviewed, objected to,
published and made final, each step by an allowed role and audited; an accepted objection
corrects the value and recomputes the grade; a final batch refuses every change with the reason;
surcharges come from a final batch only."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from errors import AccessDeniedError, ValidationError
from store.accounts import Account
from store.audit import read_audit
from store.evaluation import GRADES, batch_rows, list_batches, load_batch, log_rows
from store.evaluation_actions import (
    add_objection_as,
    advance_as,
    decide_objection_as,
    final_surcharges,
    run_batch_as,
)

PLANNER = Account("李规划", "planner")
CLERK = Account("化龙_clerk", "town", "化龙")
VIEWER = Account("只读王", "viewer")
DAY = date(2016, 3, 1)
NAME = "2015年度亩均评价"


def _d_firm(grades: pd.DataFrame, town: str) -> pd.Series:
    rows = grades[(grades["town"] == town) & (grades["grade"] == "D") & (grades["rule"] == "quota")]
    return rows.iloc[0]


def test_a_batch_from_draft_to_final(fresh_workspace):
    ws = fresh_workspace
    with pytest.raises(AccessDeniedError):
        run_batch_as(ws, CLERK, NAME, year=2015)
    batch = run_batch_as(ws, PLANNER, NAME, year=2015)
    assert (batch.status, batch.year, batch.created_by) == ("草稿", 2015, "李规划")
    assert batch.data_version == ws.data_version()
    grades = batch_rows(ws, NAME, GRADES)
    assert len(grades) == 6112  # the sample's firms of 2015
    assert set(grades["grade"]) <= set("ABCDT")
    assert [b.name for b in list_batches(ws)] == [NAME]
    # a draft is re-run; objections wait for 征求意见
    run_batch_as(ws, PLANNER, NAME, year=2015)
    firm = _d_firm(grades, "化龙")
    with pytest.raises(ValidationError, match="征求意见"):
        add_objection_as(ws, PLANNER, NAME, firm["uscc"], "tax", 1e6, "税单.pdf", today=DAY)
    with pytest.raises(AccessDeniedError):
        advance_as(ws, CLERK, NAME)
    batch = advance_as(ws, PLANNER, NAME, today=DAY)
    assert (batch.status, batch.objection_until) == ("征求意见", "2016-03-08")  # 7 days
    with pytest.raises(ValidationError, match="cannot be re-run"):
        run_batch_as(ws, PLANNER, NAME, year=2015)
    # the town records its own firm's objection; another town's firm is refused
    other = grades[(grades["town"] != "化龙") & grades["town"].notna()].iloc[0]
    with pytest.raises(AccessDeniedError, match="own town only"):
        add_objection_as(ws, CLERK, NAME, other["uscc"], "tax", 1.0, "x.pdf", today=DAY)
    with pytest.raises(ValidationError, match="number ≥ 0"):
        add_objection_as(ws, CLERK, NAME, firm["uscc"], "tax", "很多", "x.pdf", today=DAY)
    with pytest.raises(ValidationError, match="objection period ended on 2016-03-08"):
        add_objection_as(ws, CLERK, NAME, firm["uscc"], "tax", 1.0, "x.pdf", today=date(2016, 3, 9))
    top = float(pd.to_numeric(grades["tax_per_mu"]).max())
    claimed = top * 1000  # far above every firm: rank 1 of its cohort → A
    first = add_objection_as(ws, CLERK, NAME, firm["uscc"], "tax_per_mu", claimed, "完税证明.pdf",
                             today=DAY)  # fmt: skip
    assert (first["status"], first["by"], first["grade_before"]) == ("pending", "化龙_clerk", "D")
    second = add_objection_as(ws, PLANNER, NAME, other["uscc"], "tax", 0.0, "y.pdf", today=DAY)
    assert int(second["id"]) == int(first["id"]) + 1
    # the planner accepts the first: the value is corrected and the grade recomputed
    with pytest.raises(AccessDeniedError):
        decide_objection_as(ws, CLERK, NAME, int(first["id"]), accept=True, reason="ok")
    with pytest.raises(ValidationError, match="reason is required"):
        decide_objection_as(ws, PLANNER, NAME, int(first["id"]), accept=True, reason=" ")
    done = decide_objection_as(
        ws, PLANNER, NAME, int(first["id"]), accept=True, reason="税务局完税证明属实"
    )
    assert (done["status"], done["grade_after"], done["reason"]) == (
        "accepted",
        "A",
        "税务局完税证明属实",
    )
    assert float(done["surcharge_before"]) > 0
    assert float(done["surcharge_after"]) == 0.0
    now_graded = batch_rows(ws, NAME, GRADES).set_index("uscc")
    assert now_graded.at[firm["uscc"], "grade"] == "A"
    assert float(now_graded.at[firm["uscc"], "tax_per_mu"]) == pytest.approx(claimed)
    log = log_rows(ws, NAME)
    assert f"{firm['uscc']}: D → A" in log["detail"].tolist()
    # to 公示; 定稿 is refused while an objection is undecided
    assert advance_as(ws, PLANNER, NAME).status == "公示"
    with pytest.raises(ValidationError, match="1 objection"):
        advance_as(ws, PLANNER, NAME)
    with pytest.raises(ValidationError, match="final"):
        final_surcharges(ws, NAME)
    decide_objection_as(ws, PLANNER, NAME, int(second["id"]), accept=False, reason="无证据")
    assert advance_as(ws, PLANNER, NAME).status == "定稿"
    # a final batch refuses every change, with the reason
    for change in (
        lambda: run_batch_as(ws, PLANNER, NAME, year=2015),
        lambda: advance_as(ws, PLANNER, NAME),
        lambda: add_objection_as(ws, PLANNER, NAME, firm["uscc"], "tax", 1.0, "z", today=DAY),
        lambda: decide_objection_as(ws, PLANNER, NAME, 1, accept=False, reason="x"),
    ):
        with pytest.raises(ValidationError, match=r"a final .* batch cannot be changed"):
            change()
    paid = final_surcharges(ws, NAME).set_index("uscc")
    assert paid.at[firm["uscc"], "surcharge_yuan"] == 0.0
    assert load_batch(ws, NAME).final
    actions = read_audit(ws)["action"].tolist()
    for action in ("evaluate", "batch_advance", "objection_add", "objection_accept",
                   "objection_reject"):  # fmt: skip
        assert action in actions
    assert [a for a, _ in zip(log["action"], log["detail"], strict=True)][:1] == ["evaluate"]
