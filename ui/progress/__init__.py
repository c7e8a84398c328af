"""The progress page's pieces: ``view`` (the computations, cached, and the tables), ``charts``
(a line chart per indicator, actual against target) and ``text``.
"""

__all__ = [
    "charts",
    "text",
    "view",
]
