"""The project library page's pieces: ``view`` (the year's figures, the district matching per
town, the project list with its follow-up, the late key projects), ``actions`` (approve
matching within the cap, update a stage, import a town's table), ``card`` (the park card's
projects) and ``text``.
"""

__all__ = ["actions", "card", "text", "view"]
