"""Progress over the plan's years (2015–2017): ``towns`` (each target indicator's actual against
its target per town and the district, the ranking of every year and its change), ``follow_up``
(the base year's phase-out candidates followed into the later years, with the land they freed)
and ``parks`` (the parks' retrofit scores across years). Plain pandas, no Streamlit.
"""

__all__ = [
    "follow_up",
    "parks",
    "towns",
]
