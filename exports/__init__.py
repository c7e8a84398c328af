"""What leaves the building: tables and parcel lists in the formats people open. Plain Python
(never imports Streamlit).

- ``safe``: spreadsheet formula-injection neutralisation; ``tables``: CSV (UTF-8 with BOM) and
  Excel with Chinese labels and provenance
- ``parcel_list``: the land bureau's parcel list; ``formats``: one writer per format
  (``vector``: GeoPackage and Shapefile, ``boundary_txt``: the 界址点坐标 TXT), written in the
  coordinate systems of ``coords`` and the text encodings of ``encodings``
- ``atomic``: every export file written beside its target and renamed, never onto the workspace
- ``pack``: the decision pack with its manifest; ``phase_out``: the phase-out candidates;
  ``park_projects``: the chosen parks' technical-retrofit projects (园区循环化改造 first);
  ``renewal_list``: chosen renewal areas (连片改造区) as a list of polygons; ``land_tables``:
  the land balance (厂房加层 potential, land freed against land demanded); ``firm_profile``:
  one firm's profile (一企一档), a sheet per topic; ``problems``: every problem of a refused file
- ``evaluation_tables``: an evaluation batch's 公示 list and its record (Excel);
  ``evaluation_letters``: the batch's per-firm notification letters (PDF); ``progress``: the
  plan's progress 2015–2017 (per town, year and indicator; ranking; phase-out follow-up)
- ``briefing`` (with ``briefing_data``, ``briefing_map``, ``briefing_text``, ``fonts``): the PDF
"""

__all__ = [
    "atomic",
    "boundary_txt",
    "briefing",
    "briefing_data",
    "briefing_map",
    "briefing_text",
    "coords",
    "encodings",
    "evaluation_letters",
    "evaluation_tables",
    "firm_profile",
    "fonts",
    "formats",
    "land_tables",
    "pack",
    "parcel_list",
    "park_projects",
    "phase_out",
    "problems",
    "progress",
    "renewal_list",
    "safe",
    "tables",
    "vector",
]
