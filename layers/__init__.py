"""One module per map layer: how it is drawn (style, legend, popup). Arrives with the map issue."""
