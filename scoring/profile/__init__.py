"""A firm's profile (一企一档): every survey year of one firm, topic by topic.

- ``search``: firms found by name (substring) or USCC, and near matches of an unknown USCC
- ``topics``: the profile's topics (indicators, flags with reasons, grade, surcharge, retrofit,
  audit, land demand, places, projects), one row per survey year, from the screens of each year
- ``labels``: the topics' names and their columns' labels, Chinese first
"""

__all__ = ["labels", "search", "topics"]
