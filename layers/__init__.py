"""One module per map layer: how it is drawn (style, legend, tooltip), never what it means.

- ``base``: safe compact JSON, display geometry, the colouring registry, the Leaflet elements
- ``assets``: every script and stylesheet served locally (offline first)
- ``basemaps``: none / OpenStreetMap / Tianditu / Gaode (GCJ-02) / local tiles
- ``legend``: the legend and the map's CSS, our own HTML
- ``towns``, ``parks``, ``parcels``, ``enterprises``, ``heat_sources``, ``sewage_plants``,
  ``rasters``: the layers
- ``compose``: the whole map; ``search``: find a park or a firm

Later issues add colourings with ``layers.base.register_colouring`` (e.g. a park score).
"""

from layers.base import Colouring, colouring, colourings, register_colouring
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

__all__ = [
    "DEFAULT_LAYERS",
    "LAYERS",
    "Colouring",
    "FlyTarget",
    "MapData",
    "MapOptions",
    "build_map",
    "colouring",
    "colourings",
    "payload_bytes",
    "register_colouring",
    "selection_layer",
]
