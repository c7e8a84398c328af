"""The map page's session state: widget values kept across page switches, the parks chosen for
comparison, the open card, and where to fly after a search.

Selection state is kept in non-widget keys, so it follows the planner to the other pages:

- ``st.session_state["selected_parks"]``: up to 4 park ids to compare (other pages read it);
- ``st.session_state["map_park"]``: the park whose card is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from layers.compose import FlyTarget
from layers.search import Hit

__all__ = [
    "CLICK",
    "COMPARE_WIDGET",
    "CURRENT",
    "FLY",
    "FOUND",
    "HIT",
    "MAP_KEY",
    "MAX_COMPARE",
    "SELECTED",
    "SHOWN",
    "add_to_comparison",
    "first_paint",
    "fly_to",
    "kept",
    "preset",
    "remove_from_comparison",
    "selected_parks",
    "sync_comparison",
]

SELECTED = "selected_parks"
CURRENT = "map_park"
MAX_COMPARE = 4
MAP_KEY = "parkplan_map"
COMPARE_WIDGET = "map_compare"
FLY, FOUND, HIT, CLICK = "_map_fly", "_map_found", "_map_hit_token", "_map_last_click"
SHOWN = "_map_shown"  # the map page has run in this session (first_paint)


def preset(key: str, default: Any, *, valid: Sequence[Any] | None = None) -> Any:
    """The value widget ``key`` shows when drawn, read only: its state, else the value kept
    from the planner's last visit (:func:`kept`), else ``default``. ``valid`` lists the
    allowed values (a stale value, or stale items of a list, fall back to ``default``).

    Nothing is written: a value put in a widget's key on a run that does not draw the widget
    outlives the widget's state when the page is left, and would hide the kept value on return.
    """
    if key in st.session_state:
        return st.session_state[key]
    value = st.session_state.get(f"_kept_{key}", default)
    if valid is not None:
        if isinstance(value, list):
            value = [v for v in value if v in valid]
        elif value not in valid:
            value = default
    return value


def kept(
    widget: Callable[..., Any],
    key: str,
    default: Any,
    *,
    valid: Sequence[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``widget(key=key, **kwargs)`` with its value kept across page switches.

    Streamlit drops a widget's state when its page is left; the value is mirrored in a
    non-widget key and put back on return (:func:`preset`).
    """
    if key not in st.session_state:
        st.session_state[key] = preset(key, default, valid=valid)
    value = widget(key=key, **kwargs)
    st.session_state[f"_kept_{key}"] = value
    return value


def first_paint() -> bool:
    """Whether this run is the session's first run of the map page (a new visitor, or the
    first visit to the map in this browser tab); ``True`` once per session.

    That run draws only the title and the map; the controls come with the next run, which
    the map's frame asks for once it has drawn the parks (``docs/SCALING.md``). Any other
    rerun (a click in the sidebar meanwhile) draws them too.
    """
    if st.session_state.get(SHOWN):
        return False
    st.session_state[SHOWN] = True
    return True


def selected_parks() -> list[str]:
    """Park ids chosen for comparison (kept across pages)."""
    return list(st.session_state.get(SELECTED, []))[:MAX_COMPARE]


def add_to_comparison(park_id: str) -> None:
    """Add ``park_id`` to the comparison (while there is room)."""
    chosen = selected_parks()
    if park_id not in chosen and len(chosen) < MAX_COMPARE:
        chosen.append(park_id)
    st.session_state[SELECTED] = chosen
    st.session_state[COMPARE_WIDGET] = list(chosen)


def remove_from_comparison(park_id: str) -> None:
    """Take ``park_id`` out of the comparison."""
    chosen = [p for p in selected_parks() if p != park_id]
    st.session_state[SELECTED] = chosen
    st.session_state[COMPARE_WIDGET] = list(chosen)


def sync_comparison() -> None:
    """Copy the comparison widget's choice into the kept selection."""
    st.session_state[SELECTED] = list(st.session_state.get(COMPARE_WIDGET, []))[:MAX_COMPARE]


def fly_to(hit: Hit) -> None:
    """Fly the map to a search hit (once), ring a firm, and open the hit's park card."""
    count = int(st.session_state.get("_map_fly_n", 0)) + 1
    st.session_state["_map_fly_n"] = count
    nonce = f"{hit.kind}:{hit.id}:{count}"
    if hit.kind == "park":
        st.session_state[FLY] = FlyTarget(nonce, bbox=hit.bbox)
        st.session_state[FOUND] = None
    else:
        st.session_state[FLY] = FlyTarget(nonce, point=(hit.lon, hit.lat), zoom=17)
        st.session_state[FOUND] = (hit.lon, hit.lat)
    if hit.park_id:
        st.session_state[CURRENT] = hit.park_id
