"""Search by park name or id, enterprise name or USCC; which park holds a point."""

from __future__ import annotations

from layers import enterprises
from layers.search import park_at, search
from tests.layers.conftest import EVIL


def test_parks_come_first_and_exact_before_partial(small_parks, small_firms):
    hits = search("西村", parks=small_parks, enterprises=small_firms)
    assert [(h.kind, h.id) for h in hits] == [("park", "P2")]
    assert hits[0].bbox is not None
    assert hits[0].bbox[0] < hits[0].lon < hits[0].bbox[2]
    assert [h.id for h in search("p", parks=small_parks)] == ["P1", "P2"]


def test_firms_by_name_or_uscc_case_insensitive(small_parks, small_firms):
    hits = search("91440113ma59aaaa", parks=small_parks, enterprises=small_firms)
    assert [(h.kind, h.name, h.park_id) for h in hits] == [("enterprise", EVIL, "P1")]
    display = enterprises.prepare(small_firms)  # a frame with x/y works too
    hits = search("乙厂", parks=small_parks, enterprises=display)
    assert [(h.kind, h.park_id) for h in hits] == [("enterprise", None)]
    assert 113 < hits[0].lon < 114
    assert 22 < hits[0].lat < 24


def test_nothing_for_blank_or_unknown(small_parks, small_firms):
    assert search("  ", parks=small_parks, enterprises=small_firms) == []
    assert search("不存在", parks=small_parks, enterprises=small_firms) == []


def test_park_at_a_point(small_parks):
    inside = small_parks.geometry.iloc[1].representative_point()
    assert park_at(small_parks, inside.x, inside.y) == "P2"
    assert park_at(small_parks, 113.0, 22.0) is None
