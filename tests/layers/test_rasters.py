"""Rasters become small local PNG overlays in the right place, with their legends."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from layers import rasters
from store.workspace import SAMPLE_DIR


@pytest.fixture(scope="module")
def irradiance():
    return rasters.render_irradiance(SAMPLE_DIR / "panyu_irradiance.tif")


def test_irradiance_png_over_panyu(irradiance):
    image = Image.open(io.BytesIO(irradiance.png))
    assert image.format == "PNG"
    assert max(image.size) <= 800
    (south, west), (north, east) = irradiance.bounds
    assert 22.8 < south < north < 23.15
    assert 113.2 < west < east < 113.6
    assert 1000 < irradiance.vmin < irradiance.vmax < 1500  # kWh/m²/yr, class IV (DOMAIN §8)
    assert irradiance.data_url.startswith("data:image/png;base64,")
    assert len(irradiance.png) < 200_000


def test_landuse_keeps_class_colours_and_no_data_transparent():
    image = rasters.render_landuse(
        SAMPLE_DIR / "panyu_landuse.tif", SAMPLE_DIR / "panyu_landuse_classes.csv"
    )
    png = Image.open(io.BytesIO(image.png))
    assert png.info.get("transparency") == 0
    assert png.getpixel((0, 0)) == 0  # corner outside the district
    assert image.classes
    assert image.classes[0].code == "0601"


def test_overlay_and_legend(irradiance):
    overlay, legend = rasters.build(irradiance, opacity=0.4, lang="en")
    assert overlay.options["opacity"] == 0.4
    assert overlay.options["pane"] == "pp-rasters"
    assert legend.title == "Solar irradiance"
    assert "kWh/m²/yr" in legend.entries[0].label
    shifted, _ = rasters.build(irradiance, offset="gcj02")
    assert shifted.bounds[0][1] > overlay.bounds[0][1]  # shown further east on Gaode tiles
