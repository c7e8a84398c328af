"""The five-excess screen (五过) of the enterprises, one survey year at a time.

- ``indicators``: the 亩均效益 indicators; ``groups``: GB/T 4754 division medians with a fallback
- ``five_excess``: the five flags; ``reasons`` (with ``textops``): one readable line per flag
- ``grades``: 亩均效益 score and A/B/C/D/T; ``surcharge``: D-class differentiated prices
- ``run``: one survey year screened (:func:`scoring.screen.run.screen`)
- ``aggregates``: parks, towns and the what-if of phasing out the candidates
- ``config``: a user's settings validated, diffed and written back; ``labels``: column labels
"""

__all__ = [
    "aggregates",
    "config",
    "five_excess",
    "grades",
    "groups",
    "indicators",
    "labels",
    "reasons",
    "run",
    "surcharge",
    "textops",
]
