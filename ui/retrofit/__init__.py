"""The retrofit page's pieces: ``view`` (weights, ranking, map, robustness, picks), ``charts``,
``figures`` (the raw indicators table), ``map`` (the score as a park colouring), ``scenarios``
and ``text``.
"""

__all__ = [
    "charts",
    "figures",
    "map",
    "scenarios",
    "text",
    "view",
]
