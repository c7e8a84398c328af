"""Every Chinese page reads Chinese: no raw field name of the data model and no English
Streamlit placeholder in any title, text, widget label, option, placeholder or table header.

The one place where field names belong is the data page's contract table (the column headers a
bureau's file must carry), the settings caption that names an environment variable, and the
sidebar's workspace address (a file or schema name the user chose)."""

from __future__ import annotations

import json
import re

import pytest

from geo.schema import LAYERS
from tests.pages.conftest import new_app, open_map, open_page

FIELDS = {f.name for s in LAYERS.values() for f in s.fields} | set(LAYERS)
TEXT_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "success",
    "error",
    "metric",
    "expander",
    "tabs",
)
WIDGETS = (
    "selectbox",
    "multiselect",
    "radio",
    "text_input",
    "number_input",
    "slider",
    "checkbox",
    "toggle",
    "button",
    "date_input",
    "text_area",
    "select_slider",
    "download_button",
)
WORKSPACE_CAPTION = "工作库: `"  # ui.sidebar.workspace_panel: the address, as the user wrote it
ENGLISH_PLACEHOLDERS = re.compile(r"Choose an? option|Choose options|No options to select")
ALLOWED = {"TIANDITU_KEY"}  # an environment variable the caption tells the admin to set
PAGES = [
    "home", "map", "retrofit", "screen", "firm", "export", "targets", "progress", "land",
    "projects", "evaluation", "data", "admin", "sign-in",
]  # fmt: skip


def texts(at) -> list[tuple[str, str]]:
    """(where, text) of everything a planner reads on the page AppTest ran."""
    out: list[tuple[str, str]] = []
    for kind in TEXT_ELEMENTS:
        for el in getattr(at, kind):
            for attr in ("value", "label", "body"):
                v = getattr(el, attr, None)
                if isinstance(v, str) and not v.startswith(WORKSPACE_CAPTION):
                    out.append((kind, v))
    for kind in WIDGETS:
        for el in at.get(kind):
            for attr in ("label", "placeholder", "help"):
                v = getattr(el.proto, attr, "")
                if isinstance(v, str) and v:
                    out.append((f"{kind}.{attr}", v))
            out += [(f"{kind}.option", str(o)) for o in getattr(el.proto, "options", ())]
    for df in at.dataframe:
        if df.proto.id and "contract_table" in df.proto.id:
            continue
        frame = df.value
        config = json.loads(df.proto.columns or "{}")  # a column's label when it has one
        out += [
            ("table header", str(config.get(str(c), {}).get("label", c))) for c in frame.columns
        ]
        for c in frame.columns:
            if frame[c].dtype == object:
                out += [(f"table {c}", str(v)) for v in frame[c].dropna().unique()[:500]]
    return out


def raw_names(text: str) -> set[str]:
    tokens = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)) - ALLOWED
    return (tokens & FIELDS) | {tok for tok in tokens if "_" in tok}


@pytest.mark.parametrize("page", PAGES)
def test_a_chinese_page_shows_no_raw_field_name_and_no_english_placeholder(app_as, page):
    account = "管理员" if page == "admin" else "李规划"
    app = new_app() if page == "sign-in" else app_as(account)  # the form: what a visitor sees
    if page == "map":
        open_map(app)
    elif page not in ("home", "sign-in"):
        open_page(app, page)
    app.run()
    seen = texts(app)
    assert len(seen) > (4 if page == "sign-in" else 10)  # the page was read
    wrong = [
        (where, text[:80])
        for where, text in seen
        if raw_names(text) or ENGLISH_PLACEHOLDERS.search(text)
    ]
    assert not wrong, wrong


def test_the_scan_sees_a_raw_name_and_a_placeholder():
    assert raw_names("热源 heat_sources") == {"heat_sources"}
    assert raw_names("行业 industry_code 与 uscc") == {"industry_code", "uscc"}
    assert not raw_names("ParkPlan · 园区升级规划台 GB/T 4754 SMAA-2")
    assert ENGLISH_PLACEHOLDERS.search("Choose options")
