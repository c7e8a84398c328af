"""The parks for circular retrofit (循环化改造), scored and chosen.

- ``pipeline``: the one pipeline every caller scores parks through
- ``indicators`` → ``measures`` (gate and measure scores) → ``score`` (with ``mcda`` and
  ``robustness``: SMAA-2) → ``choice``; ``upgrade_route``: suggested routes
- ``scenario``: saved choices re-run and compared
"""

__all__ = [
    "choice",
    "indicators",
    "mcda",
    "measures",
    "pipeline",
    "robustness",
    "scenario",
    "score",
    "upgrade_route",
]
