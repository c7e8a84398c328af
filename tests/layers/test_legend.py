"""The legend as our own escaped HTML."""

from __future__ import annotations

from layers.legend import LegendEntry, LegendSection, legend_html, safe_colour
from tests.layers.conftest import EVIL


def test_legend_html_is_local_and_escaped():
    html = legend_html(
        [
            LegendSection(
                "园区 <b>",
                (LegendEntry(EVIL, "#123456"), LegendEntry("x", "red;background:url(http://e)")),
                note="a & b",
            )
        ],
        title="图例",
    )
    assert "http" not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;" in html
    assert "a &amp; b" in html
    assert safe_colour("red;background:url(http://e)") == "#9aa3ad"
