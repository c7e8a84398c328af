"""A browser pass over every Chinese page: what Chromium shows (text, placeholders, labels)
holds no raw field name of the data model and no English Streamlit placeholder."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import goto
from tests.pages.test_chinese_pages import ENGLISH_PLACEHOLDERS, raw_names

pytestmark = pytest.mark.e2e
WAIT = 60_000

PAGES = [
    ("", "ParkPlan · 园区升级规划台"),
    ("map", "地图"),
    ("retrofit", "循环化改造选园"),
    ("screen", "“五过”企业筛查"),
    ("firm", "企业档案"),
    ("export", "地块清单导出"),
    ("targets", "镇街目标"),
    ("progress", "规划进度"),
    ("land", "土地利用与连片改造"),
    ("projects", "技改项目库"),
    ("evaluation", "亩均评价"),
    ("data", "数据与导入"),
]

# the data page's two tables of code names: the contract (the headers a bureau's file carries)
# and the layers' file/CLI names, each in a column of its own beside the Chinese label; and the
# sidebar's workspace address (a file or schema name the user chose, such as parkplan_test.t_x)
CODE_TABLES = ".st-key-contract_table, .st-key-layers_table, .st-key-workspace_label"
# everything a planner (or a screen reader) reads: the page's text without its icon ligatures
# (Material icons are drawn from words such as "fact_check"), the words inside inputs, and the
# aria labels (a chart's marks describe their fields there)
SHOWN = """() => {
  const icons = '[data-testid="stIconMaterial"], .material-icons, [class*="material-symbols"]';
  for (const el of document.querySelectorAll(icons)) el.textContent = '';
  for (const el of document.querySelectorAll(CODE_TABLES)) el.remove();
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('input, textarea')) {
    if (el.placeholder && !el.value) out.push(el.placeholder);  // shown only when empty
  }
  for (const el of document.querySelectorAll('[aria-label]')) {
    out.push(el.getAttribute('aria-label'));
  }
  return out.join('\\n');
}""".replace("CODE_TABLES", repr(CODE_TABLES))
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSpinner"]')"""


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_a_chinese_page_in_the_browser_reads_chinese(server, offline_page, path, heading):
    page = offline_page.page
    goto(page, f"{server}/{path}")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=WAIT)
    page.wait_for_function(IDLE, timeout=WAIT)
    page.wait_for_timeout(1500)  # a page that asks for a second run (the map) draws it
    page.wait_for_function(IDLE, timeout=WAIT)
    shown = page.evaluate(SHOWN)
    assert heading in shown
    wrong = sorted({name for line in shown.splitlines() for name in raw_names(line)})
    assert not wrong, f"/{path} shows raw field names: {wrong}"
    assert not ENGLISH_PLACEHOLDERS.search(shown), ENGLISH_PLACEHOLDERS.search(shown)
    assert offline_page.blocked == []
