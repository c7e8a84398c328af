"""Make the bundled Panyu sample: six vector layers in one GeoPackage, two rasters, CALIBRATION.md.

Run from anywhere::

    python data/parks/make_sample.py            # writes next to this file
    python data/parks/make_sample.py --out DIR  # writes into DIR

The generator is the package ``data/parks/samplegen`` (one module per layer family); each
module's docstring lists its assumptions, marked [V] published, [U] estimate, [G] generator
choice. The result is **synthetic** but shaped after the published figures of DOMAIN.md §8; it
is seeded and deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from samplegen.main import main

if __name__ == "__main__":
    raise SystemExit(main())
