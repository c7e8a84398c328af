"""Names from data reach the page as text, never as a Jinja template run on the server."""

from __future__ import annotations

import pytest

from errors import BasemapError
from layers import enterprises, parks, towns
from layers.basemaps import check_tile_url
from layers.compose import MapData, MapOptions, build_map

# Jinja syntax that, evaluated, would print 49, "yes" and this process's id
JINJA = [
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "{{ cycler.__init__.__globals__.os.getpid() }}",
]


@pytest.mark.parametrize("name", JINJA)
def test_template_syntax_in_names_is_shown_as_typed(small_parks, small_firms, name):
    park_frame = small_parks.assign(name=[name, "西村工业园"], town=[name, "南村"])
    firm_frame = small_firms.assign(name=[name, "乙厂"])
    data = MapData(
        parks=parks.prepare(park_frame, park_frame[["area_ha", "firms", "sanjiu_share"]]),
        enterprises=enterprises.prepare(firm_frame),
    )
    options = MapOptions(layers=("parks", "enterprises"), colour_by={"parks": "town"})
    html = build_map(data, options).get_root().render()
    # the park's name (parks layer), the firm's name (clusters) and the town (legend): 3 times
    assert html.count(name) >= 3
    assert '"49"' not in html
    assert '"yes"' not in html


def test_town_labels_and_outlines_keep_template_syntax(sample_data):
    frame = sample_data.towns.copy()
    frame.loc[frame.index[0], "name"] = JINJA[0]
    html = build_map(MapData(towns=frame), MapOptions(layers=("towns",))).get_root().render()
    assert html.count(JINJA[0]) >= 1
    assert towns.LABEL[0] in html


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/{z}/{x}/{y}.png?{{7*7}}",
        "http://10.0.0.5/{z}/{x}/{y}.png{% if 1 %}{% endif %}",
        "/tiles/{{z}}/{x}/{y}.png",
        "/tiles/{z}/{x}/{y}.png#}",
    ],
)
def test_tile_urls_with_other_braces_are_refused(url):
    with pytest.raises(BasemapError, match="braces only in the placeholders"):
        check_tile_url(url)


def test_tile_urls_with_every_placeholder_pass():
    url = "http://{s}.10.0.0.5/{z}/{x}/{-y}.png?r={r}"
    assert check_tile_url(url) == url
