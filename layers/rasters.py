"""Rasters as image overlays: solar irradiance (a colour ramp) and land use (class colours).

A raster in any CRS is warped with rasterio to EPSG:3857 — Leaflet stretches an image overlay
linearly in Web Mercator, so a Mercator grid lands exactly — downsampled for display, coloured
and written as a small palette PNG embedded as a ``data:`` URL: nothing is fetched from
anywhere. The opacity is a setting of the overlay, so changing it re-colours nothing.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import folium
import numpy as np
import rasterio
from PIL import Image
from pyproj import Transformer
from rasterio.enums import Resampling
from rasterio.transform import Affine
from rasterio.warp import reproject

from geo.chinese_offsets import from_wgs84
from layers.encoding import Text, pick
from layers.legend import LegendEntry, LegendSection, safe_colour

__all__ = [
    "IRRADIANCE_RAMP",
    "LABELS",
    "RasterClass",
    "RasterImage",
    "build",
    "read_classes",
    "render_irradiance",
    "render_landuse",
]

LABELS: dict[str, Text] = {
    "irradiance": ("太阳辐照量", "Solar irradiance"),
    "landuse": ("土地利用", "Land use"),
}
IRRADIANCE_RAMP: tuple[str, ...] = (
    "#fff5c0",
    "#fee391",
    "#fec44f",
    "#fe9929",
    "#ec7014",
    "#cc4c02",
    "#8c2d04",
)
_LEVELS = 48  # colour steps of a continuous raster


@dataclass(frozen=True)
class RasterClass:
    """A class of a categorical raster (from its class table)."""

    value: int
    code: str
    name_zh: str
    name_en: str
    colour: str


@dataclass(frozen=True)
class RasterImage:
    """A raster ready to overlay: PNG bytes and WGS84 bounds ``((south, west), (north, east))``."""

    kind: str
    png: bytes
    bounds: tuple[tuple[float, float], tuple[float, float]]
    vmin: float = 0.0
    vmax: float = 0.0
    classes: tuple[RasterClass, ...] = ()

    @property
    def data_url(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def read_classes(path: str | Path) -> tuple[RasterClass, ...]:
    """The class table ``value,code,name_zh,name_en,color`` of a categorical raster."""
    with Path(path).open(encoding="utf-8-sig") as fh:
        return tuple(
            RasterClass(int(r["value"]), r["code"], r["name_zh"], r["name_en"], r["color"])
            for r in csv.DictReader(fh)
        )


def _warp(
    path: str | Path, *, max_px: int, resampling: Resampling, nodata: float
) -> tuple[np.ndarray, tuple[tuple[float, float], tuple[float, float]]]:
    with rasterio.open(path) as src:
        to_mercator = Transformer.from_crs(src.crs, "EPSG:3857", always_xy=True)
        b = src.bounds
        left, bottom, right, top = to_mercator.transform_bounds(
            b.left, b.bottom, b.right, b.top, densify_pts=21
        )
        # the source's pixel size in metres, at most max_px pixels on the longer side
        res = max(
            abs(src.res[0]), abs(src.res[1]), (right - left) / max_px, (top - bottom) / max_px
        )
        width = max(1, round((right - left) / res))
        height = max(1, round((top - bottom) / res))
        transform = Affine(res, 0.0, left, 0.0, -res, top)
        out = np.full((height, width), nodata, dtype=src.dtypes[0])
        reproject(
            source=rasterio.band(src, 1),
            destination=out,
            src_transform=src.transform,
            src_crs=src.crs,
            src_nodata=src.nodata,
            dst_transform=transform,
            dst_crs="EPSG:3857",
            dst_nodata=nodata,
            resampling=resampling,
        )
    left, top = transform.c, transform.f
    right, bottom = left + width * transform.a, top + height * transform.e
    to_wgs84 = Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)
    west, south = to_wgs84.transform(left, bottom)
    east, north = to_wgs84.transform(right, top)
    return out, ((float(south), float(west)), (float(north), float(east)))


def _png(index: np.ndarray, colours: list[str]) -> bytes:
    """A palette PNG: pixel value i has colour ``colours[i - 1]``; 0 is transparent."""
    image = Image.fromarray(index.astype(np.uint8), mode="P")
    palette = [0, 0, 0]
    for c in colours:
        c = safe_colour(c).lstrip("#")
        c = "".join(ch * 2 for ch in c) if len(c) in (3, 4) else c
        palette += [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    image.putpalette(palette + [0, 0, 0] * (256 - len(palette) // 3))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True, transparency=0)
    return buf.getvalue()


def _ramp(colours: tuple[str, ...], n: int) -> list[str]:
    rgb = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours], dtype=float)
    at = np.linspace(0, len(colours) - 1, n)
    lo = np.floor(at).astype(int)
    hi = np.minimum(lo + 1, len(colours) - 1)
    w = (at - lo)[:, None]
    mixed = np.round(rgb[lo] * (1 - w) + rgb[hi] * w).astype(int)
    return ["#{:02x}{:02x}{:02x}".format(*row) for row in mixed]


def render_irradiance(path: str | Path, *, max_px: int = 800) -> RasterImage:
    """The irradiance raster (kWh/m²/yr) coloured on a yellow–brown ramp."""
    values, bounds = _warp(path, max_px=max_px, resampling=Resampling.bilinear, nodata=np.nan)
    valid = np.isfinite(values)
    if not valid.any():
        return RasterImage("irradiance", _png(np.zeros(values.shape), []), bounds)
    vmin, vmax = float(np.nanmin(values)), float(np.nanmax(values))
    span = vmax - vmin or 1.0
    steps = np.clip(((values - vmin) / span * (_LEVELS - 1)).round(), 0, _LEVELS - 1)
    index = np.where(valid, steps + 1, 0)
    png = _png(index, _ramp(IRRADIANCE_RAMP, _LEVELS))
    return RasterImage("irradiance", png, bounds, vmin=vmin, vmax=vmax)


def render_landuse(path: str | Path, classes_csv: str | Path, *, max_px: int = 1200) -> RasterImage:
    """The land-use raster with the colours of its class table (value 0 = no data)."""
    classes = read_classes(classes_csv)
    values, bounds = _warp(path, max_px=max_px, resampling=Resampling.nearest, nodata=0)
    present = set(np.unique(values).tolist())
    by_value = {c.value: c for c in classes}
    colours = [by_value[v].colour if v in by_value else "#cccccc" for v in range(1, 256)]
    shown = tuple(c for c in classes if c.value in present)
    return RasterImage("landuse", _png(values, colours), bounds, classes=shown)


def build(
    image: RasterImage, *, opacity: float | None = None, lang: str = "zh", offset: str = "wgs84"
) -> tuple[folium.raster_layers.ImageOverlay, LegendSection]:
    """The image overlay (under the vector layers, not clickable) and its legend; ``opacity``
    ``None`` is ``[map] raster_opacity``."""
    if opacity is None:
        from config import load_settings

        opacity = load_settings().map.raster_opacity
    (south, west), (north, east) = image.bounds
    if offset != "wgs84":
        xs, ys = from_wgs84(np.array([west, east]), np.array([south, north]), target=offset)
        (west, east), (south, north) = xs.tolist(), ys.tolist()
    overlay = folium.raster_layers.ImageOverlay(
        image=image.data_url,
        bounds=[[south, west], [north, east]],
        opacity=float(opacity),
        name=pick(LABELS[image.kind], lang),
        pixelated=False,
        interactive=False,
        pane="pp-rasters",
        control=False,
    )
    title = pick(LABELS[image.kind], lang)
    if image.kind == "irradiance":
        unit = pick(("千瓦时/平方米/年", "kWh/m²/yr"), lang)
        entries: tuple[LegendEntry, ...] = (
            LegendEntry(
                f"{image.vmin:,.0f} – {image.vmax:,.0f} {unit}",
                IRRADIANCE_RAMP[0],
                "ramp",
                IRRADIANCE_RAMP,
            ),
        )
        note = pick(("示例数据为模拟。", "Sample data are simulated."), lang)
    else:
        entries = tuple(
            LegendEntry(f"{c.code} {c.name_zh if lang == 'zh' else c.name_en}", c.colour)
            for c in image.classes
        )
        note = pick(("GB/T 21010-2017 地类", "GB/T 21010-2017 land classes"), lang)
    return overlay, LegendSection(title, entries, note=note)
