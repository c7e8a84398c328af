"""The evaluation page under AppTest: the planner runs a batch and advances it; the town's
clerk records an objection for its own firm (and sees only its own firms); the planner accepts
it and the firm's grade and surcharge change, the objection and its outcome in the batch's
record; a viewer sees the grades without the controls."""

from __future__ import annotations

import pandas as pd

from store.evaluation import GRADES, batch_rows, load_batch
from store.workspace import Workspace
from tests.pages.conftest import open_page
from tests.pages.test_chinese_pages import raw_names, texts

NAME = "页面批次"


def _click(at, key):
    next(b for b in at.button if b.key == key).click().run()
    assert not at.exception, at.exception


def test_run_object_accept_on_the_page(app_as, app_workspace):
    ws = Workspace.open(app_workspace)
    at = open_page(app_as("李规划"), "evaluation")
    assert at.title[0].value == "亩均评价"
    at.text_input(key="ev_run_name").input(NAME)
    at.selectbox(key="ev_run_year").set_value(2015)
    _click(at, "ev_run")
    assert f"批次 {NAME} 已生成（草稿）。" in [s.value for s in at.success]
    at.selectbox(key="ev_batch").set_value(NAME).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["阶段"] == "草稿"
    assert metrics["参评企业"] == "6,112"
    shown = at.dataframe[0].value
    assert list(shown.columns)[:3] == ["统一社会信用代码", "企业名称", "所在镇街"]
    assert "判定依据" in shown.columns
    _click(at, "ev_advance")
    assert load_batch(ws, NAME).status == "征求意见"
    # the clerk of 化龙: its own firms only; records an objection to a D firm's tax per mu
    grades = batch_rows(ws, NAME, GRADES)
    d = grades[(grades["town"] == "化龙") & (grades["grade"] == "D") & (grades["rule"] == "quota")]
    firm = d.iloc[0]
    clerk = open_page(app_as("化龙_clerk"), "evaluation")
    clerk.selectbox(key="ev_batch").set_value(NAME).run()
    options = clerk.selectbox(key="ev_obj_firm").options
    assert len(options) == int((grades["town"] == "化龙").sum())
    clerk.selectbox(key="ev_obj_firm").set_value(firm["uscc"])
    clerk.selectbox(key="ev_obj_field").set_value("tax_per_mu")
    top = float(pd.to_numeric(grades["tax_per_mu"]).max())
    clerk.number_input(key="ev_obj_value").set_value(top * 1000)
    clerk.text_input(key="ev_obj_evidence_name").input("完税证明.pdf")
    _click(clerk, "ev_obj_add")
    assert "异议 #1 已登记。" in [s.value for s in clerk.success]
    assert not [b for b in clerk.button if b.key == "ev_accept"]  # a town does not decide
    # the planner accepts it: grade D → A, surcharges to 0
    at = open_page(app_as("李规划"), "evaluation")
    at.selectbox(key="ev_batch").set_value(NAME).run()
    at.text_input(key="ev_dec_reason").input("完税证明属实")
    _click(at, "ev_accept")
    message = at.success[0].value
    assert message.startswith("异议 #1 已采纳：评价类别 D → A，加价合计 ")
    assert message.endswith("→ 0.00 元。")
    graded = batch_rows(ws, NAME, GRADES).set_index("uscc")
    assert graded.at[firm["uscc"], "grade"] == "A"
    objections = next(d.value for d in at.dataframe if "处理结果" in d.value.columns)
    row = objections.iloc[0]
    assert (row["处理结果"], row["理由"], row["处理后评价类别"]) == ("采纳", "完税证明属实", "A")
    # with a batch, its grades, objections and log on the page, it still reads Chinese
    wrong = [(w, x[:80]) for w, x in texts(at) if raw_names(x)]
    assert not wrong, wrong


def test_a_viewer_sees_grades_without_controls(app_as, app_workspace):
    at = open_page(app_as("只读王"), "evaluation")
    keys = {b.key for b in at.button}
    assert not keys & {"ev_run", "ev_advance", "ev_obj_add", "ev_accept"}


def test_the_screen_page_shows_a_batchs_grades_with_the_rule(app_as, app_workspace):
    from store.accounts import Account
    from store.evaluation_actions import run_batch_as

    ws = Workspace.open(app_workspace)
    run_batch_as(ws, Account("李规划", "planner"), "筛查页批次", year=2015)
    at = open_page(app_as("李规划"), "screen")
    at.selectbox(key="screen_year").set_value(2015).run()  # the batch's year (not the latest)
    at.selectbox(key="screen_batch").set_value("筛查页批次").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "判定依据" in d.value.columns)
    assert len(table) == 6112
    stored = batch_rows(ws, "筛查页批次", GRADES)
    assert table["判定依据"].tolist() == stored["rule_text"].tolist()
    assert table["评价类别"].tolist() == stored["grade"].tolist()
