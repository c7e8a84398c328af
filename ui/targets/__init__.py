"""The targets page's pieces: ``view`` (split editor, ranking, chart, panel), ``map`` (completion
as a town colouring), ``retrofit`` (the retrofit actuals from the survey or the project
library) and ``text``.
"""

__all__ = [
    "map",
    "retrofit",
    "text",
    "view",
]
