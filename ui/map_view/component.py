"""The map itself on the page: its data after the filters, the streamlit-folium component
(a click inside a park opens its card) and the caption of what it shows."""

from __future__ import annotations

import streamlit as st
from folium.template import Template
from streamlit_folium import st_folium

from geo.chinese_offsets import to_wgs84
from layers.assets import missing_assets
from layers.compose import MapData, MapOptions, selection_layer
from layers.encoding import safe_json
from layers.frames import Filters, Frames, needs_rasters
from layers.frames import map_data as filtered_map_data
from layers.search import park_at
from layers.verbatim import VerbatimMacro
from ui.i18n import t
from ui.land.loaders import renewal_frame
from ui.loaders import map_of, map_rasters
from ui.map_view.state import CLICK, CURRENT, FLY, FOUND, MAP_KEY, selected_parks

__all__ = [
    "BAR_SPACE",
    "FRAME_CSS",
    "RETURNED",
    "AskNextRun",
    "bar_space",
    "map_data",
    "require_assets",
    "show_map",
    "shown_caption",
]

# the filter bar's height in Chromium (a row of labelled inputs, 68 px), for the first run
BAR_SPACE = '<div style="height:68px"></div>'
RETURNED = ("last_object_clicked",)  # what the map's frame sends back (a click, not a pan)

# the map's frame: the page's width, 72 % of the window's height (at least 480 px); the map
# fills it (MapOptions.fill_frame)
FRAME_CSS = """<style>
iframe[title="streamlit_folium.st_folium"]{height:max(72vh, 480px) !important;}
</style>"""


class AskNextRun(VerbatimMacro):
    """Once the map has painted its parks, ask Streamlit for the page's next run, as a click
    on the map would (Streamlit's component message ``setComponentValue`` from the map's
    frame), with the value the frame holds before any click: nothing clicked, so the next
    run only draws what the first left out (:func:`ui.map_view.state.first_paint`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(v){
            // after the frame that paints the parks (Leaflet's canvas draws on the next one)
            window.requestAnimationFrame(function(){ setTimeout(function(){
                window.parent.postMessage({isStreamlitMessage: true,
                    type: 'streamlit:setComponentValue', value: v, dataType: 'json'}, '*');
            }, 0); });
        })({{ this.value_json }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "AskNextRun"
        self.value_json = safe_json(dict.fromkeys(RETURNED))


def bar_space() -> None:
    """Keep the filter bar's room (one row of labelled inputs) while the bar is not drawn."""
    st.html(BAR_SPACE)


def require_assets() -> None:
    """Stop the page with a clear message when Leaflet is not in ./static."""
    missing = missing_assets()
    if missing:
        st.error(t("map.assets_missing", files=", ".join(p.name for p in missing)))
        st.stop()


def map_data(f: Frames, filters: Filters, options: MapOptions) -> MapData:
    """The map's data after the filters, with the rasters when a raster layer is on."""
    rasters = map_rasters() if needs_rasters(options.layers) else None
    renewal = renewal_frame(f.year) if "renewal" in options.layers else None
    return filtered_map_data(f, filters, rasters=rasters, renewal=renewal)


def shown_caption(data: MapData, year: int) -> None:
    """How many features the map shows."""
    n = [len(x) if x is not None else 0 for x in (data.parks, data.parcels, data.enterprises)]
    st.caption(t("map.shown", parks=n[0], parcels=n[1], firms=f"{n[2]:,}", year=year))


def show_map(
    f: Frames,
    data: MapData,
    options: MapOptions,
    *,
    filters: Filters,
    height: int = 720,
    ask_next_run: bool = False,
) -> None:
    """Draw the map of ``data`` (``f`` after ``filters``); a click inside a park opens its
    card. Panning and zooming do not rerun. The map is built once per data version, survey
    year, filters and options, for every user (:func:`ui.loaders.map_of`). With
    ``ask_next_run`` the map's frame asks for the page's next run once the parks are drawn
    (:class:`AskNextRun`)."""
    m = map_of(data, options, key=f"{f.year}|{filters!r}")
    if options.fill_frame:
        st.html(FRAME_CSS)
    offset = "gcj02" if options.basemap == "gaode" else "wgs84"
    group = selection_layer(
        f.parks,
        compared=selected_parks(),
        current=st.session_state.get(CURRENT),
        found=st.session_state.get(FOUND),
        fly=st.session_state.get(FLY),
        offset=offset,
    )
    if ask_next_run:
        AskNextRun().add_to(group)
    out = st_folium(
        m,
        key=MAP_KEY,
        height=height,
        use_container_width=True,
        returned_objects=list(RETURNED),
        feature_group_to_add=group,
    )
    click = (out or {}).get("last_object_clicked")
    if not click or click == st.session_state.get(CLICK):
        return
    st.session_state[CLICK] = click
    lon, lat = float(click["lng"]), float(click["lat"])
    if offset != "wgs84":
        x, y = to_wgs84(lon, lat, source=offset)
        lon, lat = float(x), float(y)
    park = park_at(f.parks, lon, lat)
    if park is not None and park != st.session_state.get(CURRENT):
        st.session_state[CURRENT] = park
        st.rerun()
