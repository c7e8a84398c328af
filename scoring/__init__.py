"""The planning rules: indicators, five flags, grades, park score, choice of three.

Plain Python (never imports Streamlit). The screen of issue 8:

- ``energy``: comprehensive energy (GB/T 2589)
- ``indicators``: the 亩均效益 indicators and which input is missing
- ``groups``: GB/T 4754 division medians with the district-wide fallback
- ``five_excess``: the five flags (relative / absolute) and the phase-out rule
- ``reasons`` (with ``textops``): one readable line per raised flag, built column-wise
- ``grades``: 亩均效益 score and A/B/C/D/T; ``surcharge``: D-class differentiated prices
- ``screen``: one survey year screened; ``aggregates``: parks, towns and the what-if
- ``screen_config``: a user's settings validated, diffed and written back
"""
