"""Copy Leaflet and its plugins from their PyPI XStatic packages into ./static.

Streamlit serves ./static at /app/static when ``server.enableStaticServing`` is on, so the map
needs no CDN. The files are copied at install/start time and never committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

STATIC = Path(__file__).resolve().parents[1] / "static"
PACKAGES = {"leaflet": leaflet, "leaflet-markercluster": markercluster}


def main() -> None:
    for name, pkg in PACKAGES.items():
        target = STATIC / name
        stamp = target / ".version"
        if stamp.exists() and stamp.read_text() == pkg.VERSION:
            continue
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(pkg.BASE_DIR, target)
        stamp.write_text(pkg.VERSION)


if __name__ == "__main__":
    main()
