"""Shared page pieces: the only package that uses Streamlit besides app.py and app_pages/.

Each page has a subpackage holding its views and its text table (``key: (中文, English)``)
side by side: ``data``, ``screen``, ``retrofit``, ``targets``, ``progress``, ``land``,
``projects``, ``evaluation``, ``firm`` (the firm profile, and the search box of every page's
sidebar); the map page's views are ``map_view`` (the page's one namespace, importing every
piece) with its text in ``text_map`` beside it (inside, ``ui.i18n`` would import the whole
map page). Shared:

- sign-in and the admin page: ``auth`` (the form before any page), ``text_auth``
- export page: ``text_export``
- ``sidebar``, ``errors`` (the one error box), ``i18n``, ``loaders`` (the only caches),
  ``downloads`` (every download of workspace data, checked against the role and audited)
"""

__all__ = [
    "auth",
    "data",
    "downloads",
    "errors",
    "evaluation",
    "firm",
    "i18n",
    "land",
    "loaders",
    "map_view",
    "progress",
    "projects",
    "retrofit",
    "screen",
    "sidebar",
    "targets",
    "text_auth",
    "text_export",
    "text_map",
]
