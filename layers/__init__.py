"""One module per map layer: how it is drawn (style, legend, tooltip), never what it means.

- ``encoding``: safe compact JSON and bilingual text; ``geometry``: display geometry
- ``colourings``: the colouring registry and its palettes; ``legend``: legend data, HTML, CSS
- ``elements``: the three Leaflet elements; ``symbols``: the point-symbol builder
- ``assets``: every script and stylesheet served locally (offline first)
- ``basemaps``: none / OpenStreetMap / Tianditu / Gaode (GCJ-02) / local tiles
- ``towns``, ``parks``, ``parcels``, ``enterprises``, ``heat_sources``, ``sewage_plants``,
  ``rasters``: the layers
- ``frames``: the display frames of a survey year and the map page's filters
- ``compose``: the whole map, layers drawn through a registry; ``search``: find a park or a firm

A later issue colours a layer by a new measure without touching the page::

    import layers

    layers.register_colouring(
        "parks",  # or "enterprises", "parcels", "towns"
        layers.Colouring(
            key="retrofit",
            label=("改造评分", "Retrofit score"),
            column="retrofit_score",  # a column of the display frame, or compute=frame → Series
            kind="quantity",
            palette=("#fee5d9", "#fcae91", "#fb6a4a", "#cb181d"),
            bins=(0, 40, 60, 80, 100),
        ),
    )

The map page offers every colouring registered for a layer whose display frame has its column
(or that has ``compute``).
"""

from layers.colourings import (
    CATEGORICAL,
    CATEGORICAL_16,
    NO_DATA,
    Colouring,
    Styled,
    colouring,
    colourings,
    register_colouring,
)
from layers.compose import (
    DEFAULT_LAYERS,
    LAYERS,
    FlyTarget,
    MapData,
    MapOptions,
    build_map,
    payload_bytes,
    selection_layer,
)
from layers.encoding import Text, pick
from layers.legend import LegendEntry, LegendSection

__all__ = [
    "CATEGORICAL",
    "CATEGORICAL_16",
    "DEFAULT_LAYERS",
    "LAYERS",
    "NO_DATA",
    "Colouring",
    "FlyTarget",
    "LegendEntry",
    "LegendSection",
    "MapData",
    "MapOptions",
    "Styled",
    "Text",
    "build_map",
    "colouring",
    "colourings",
    "payload_bytes",
    "pick",
    "register_colouring",
    "selection_layer",
]
