"""The yearly evaluation in real headless Chromium, offline: the planner runs a batch, opens it
for review, records a firm's objection and accepts it (the firm's grade and surcharge change,
the objection and its outcome in the batch's record), publishes the batch, and the town's
letters download as a PDF in Chinese with the CJK font embedded (pdftotext, pdffonts)."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest

from exports.evaluation_tables import objection_table
from store.evaluation import GRADES, batch_rows, load_batch
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.e2e.conftest import goto, run_server, screenshot

pytestmark = pytest.mark.e2e
WAIT = 120_000


IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSpinner"]')"""


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE, timeout=WAIT)


def _choose(page, key: str, option: str, typed: str | None = None) -> None:
    _idle(page)
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(typed or option.split()[0])
    page.get_by_role("option", name=option, exact=True).click(timeout=WAIT)
    _idle(page)


def test_run_object_accept_publish_and_letters(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    year = int(ws.read("enterprises", columns=["survey_year"])["survey_year"].max())
    name = f"{year}年度亩均评价"  # the page's default: the latest survey year
    page = offline_page.page
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/evaluation")
        page.get_by_role("heading", name="亩均评价").wait_for(timeout=WAIT)
        page.get_by_text("运行新批次").click()
        page.get_by_role("button", name="运行评价").click()
        page.get_by_text(f"批次 {name} 已生成（草稿）。").wait_for(timeout=WAIT)
        page.get_by_role("button", name="推进到“征求意见”").click()
        page.get_by_text("批次已进入征求意见。").wait_for(timeout=WAIT)
        # a C or D firm of the smallest town that pays a surcharge
        grades = batch_rows(ws, name, GRADES)
        towns = grades["town"].value_counts().sort_values().index
        paying = grades[grades["grade"].isin(["C", "D"]) & (grades["rule"] == "quota")
                        & (pd.to_numeric(grades["surcharge_yuan"]) > 0)]  # fmt: skip
        town = next(t for t in towns if (paying["town"] == t).any())
        firm = paying[paying["town"] == town].iloc[0]
        claimed = float(pd.to_numeric(grades["tax_per_mu"]).max()) * 1000
        _choose(page, "ev_obj_firm", f"{firm['name']}（{firm['uscc']}）", firm["name"])
        _choose(page, "ev_obj_field", "亩均税收", "亩均税收")
        _idle(page)
        value = page.locator(".st-key-ev_obj_value input")
        value.fill(f"{claimed:.2f}")
        value.press("Enter")
        _idle(page)
        evidence = page.locator(".st-key-ev_obj_evidence_name input")
        evidence.fill("完税证明.pdf")
        evidence.press("Enter")
        _idle(page)
        page.get_by_role("button", name="登记异议").click()
        page.get_by_text("异议 #1 已登记。").wait_for(timeout=WAIT)
        _idle(page)
        reason = page.locator(".st-key-ev_dec_reason input")
        reason.fill("完税证明属实")
        reason.press("Enter")
        _idle(page)
        page.get_by_role("button", name="采纳", exact=True).click()
        before = f"{float(firm['surcharge_yuan']):,.2f}"
        page.get_by_text(
            f"异议 #1 已采纳：评价类别 {firm['grade']} → A，加价合计 {before} → 0.00 元。"
        ).wait_for(timeout=WAIT)
        screenshot(page, "evaluation_accepted")
        graded = batch_rows(ws, name, GRADES).set_index("uscc")
        assert graded.at[firm["uscc"], "grade"] == "A"
        assert float(graded.at[firm["uscc"], "surcharge_yuan"]) == 0.0
        # the objection and its outcome in the batch's record (the table is drawn on a canvas)
        _idle(page)
        page.get_by_role("heading", name="异议及处理结果").first.wait_for(timeout=WAIT)
        record = objection_table(ws, load_batch(ws, name)).iloc[0]
        assert (record["status_label"], record["reason"], record["by"]) == (
            "采纳", "完税证明属实", "李规划",
        )  # fmt: skip
        page.get_by_role("button", name="推进到“公示”").click()
        page.get_by_text("批次已进入公示。").wait_for(timeout=WAIT)
        assert load_batch(ws, name).status == "公示"
        _choose(page, "ev_letters_town", town, town)
        n = int((grades["town"] == town).sum())
        page.get_by_text(f"下载内容：{town}，{n} 家企业。").wait_for(timeout=WAIT)
        _idle(page)
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name="企业告知书（PDF）").click()
        pdf = tmp_path / "letters.pdf"
        info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "亩均效益综合评价结果告知书" in text
    assert str(firm["name"]) in text
    assert "评价类别：A 类" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CID TrueType" in fonts
    assert " yes yes yes " in fonts
    assert offline_page.blocked == []
