"""Geometry and the files it arrives in. Plain Python (never imports Streamlit).

- ``crs``: coordinate systems and area units; ``chinese_offsets``: GCJ-02 / BD-09 ↔ WGS84
- ``io``: the one entry for reading a bureau's file against a layer; ``readers``,
  ``readers_vector``, ``readers_guard``, ``readers_types``: one reader per file type, behind guards;
  ``readers_signature``: an upload opened only as what its suffix says (one GDAL driver);
  ``readers_excel``: workbooks within part limits; ``readers_gpkg``: a GeoPackage's schema
  checked with sqlite3 first;
  ``validate_numbers``: numbers read strictly (thousands groups, full-width digits);
  ``read_budget``: a read in a worker process within a time and a memory budget
- ``schema``: the data contract as data; ``validate``, ``validate_geometry``: checks at the door;
  ``problems``: every problem of a file kept as columns, summarised and written in full
- ``codes``: USCC and GB/T 4754 codes; ``energy``: comprehensive energy of GB/T 2589
- ``joins``, ``park_geometry``: which town and park a point lies in, distances, covered shares
- ``summary``: the district's and the parks' figures; ``zonal``: raster means over polygons
- ``renewal``: contiguous renewal areas (连片改造区) of neighbouring parks and 三旧 parcels
- ``checksum``: the SHA-256 of a file
"""

__all__ = [
    "checksum",
    "chinese_offsets",
    "codes",
    "crs",
    "energy",
    "io",
    "joins",
    "park_geometry",
    "problems",
    "read_budget",
    "readers",
    "readers_excel",
    "readers_gpkg",
    "readers_guard",
    "readers_signature",
    "readers_types",
    "readers_vector",
    "renewal",
    "schema",
    "summary",
    "validate",
    "validate_geometry",
    "validate_numbers",
    "zonal",
]
