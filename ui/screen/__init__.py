"""The screen page's pieces: ``view`` (settings, figures, table), ``charts``, ``downloads``,
``map`` (the screen's colourings on every map), ``state`` (the settings in force) and ``text``.
"""

__all__ = [
    "charts",
    "downloads",
    "map",
    "state",
    "text",
    "view",
]
