"""The targets page's pieces: ``view`` (split editor, ranking, chart, panel), ``map`` (completion
as a town colouring) and ``text``.
"""

__all__ = [
    "map",
    "text",
    "view",
]
