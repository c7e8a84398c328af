"""The land page's pieces: ``scope`` (the district, a scenario or chosen parks), ``balance``
(land freed against land demanded), ``potential`` (厂房加层), ``renewal`` (the renewal areas'
list, chart and export), ``map`` (the potential as a park colouring and a card section),
``loaders`` (their cached computations), ``figures`` (area metrics in 亩 and 公顷) and ``text``.
"""

__all__ = ["balance", "figures", "loaders", "map", "potential", "renewal", "scope", "text"]
