"""The land page's pieces: ``loaders`` (the cached renewal areas), ``renewal`` (the list, chart
and export of the renewal areas) and ``text``.
"""

__all__ = [
    "loaders",
    "renewal",
    "text",
]
