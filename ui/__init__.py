"""Shared page pieces: the only package that uses Streamlit besides app.py and app_pages/.

Each page has its view modules and its text table (``key: (中文, English)``) side by side:

- data: ``data_view``, ``text_data``; export: ``text_export``; map: ``map_view`` (a package),
  ``text_map``
- screen: ``screen_view``, ``screen_charts``, ``screen_downloads``, ``screen_map``,
  ``screen_state``, ``text_screen``
- retrofit: ``retrofit_view``, ``retrofit_charts``, ``retrofit_figures``, ``retrofit_map``,
  ``retrofit_scenarios``, ``text_retrofit``
- targets: ``targets_view``, ``targets_map``, ``text_targets``
- sign-in and the admin page: ``auth`` (the form before any page), ``text_auth``
- shared: ``sidebar``, ``errors`` (the one error box), ``i18n``, ``loaders`` (the only caches),
  ``downloads`` (every download of workspace data, checked against the role and audited)
"""

__all__ = [
    "auth",
    "data_view",
    "downloads",
    "errors",
    "i18n",
    "loaders",
    "map_view",
    "retrofit_charts",
    "retrofit_figures",
    "retrofit_map",
    "retrofit_scenarios",
    "retrofit_view",
    "screen_charts",
    "screen_downloads",
    "screen_map",
    "screen_state",
    "screen_view",
    "sidebar",
    "targets_map",
    "targets_view",
    "text_auth",
    "text_data",
    "text_export",
    "text_map",
    "text_retrofit",
    "text_screen",
    "text_targets",
]
