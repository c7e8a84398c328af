"""The firm profile page's pieces (一企一档): ``search`` (the search box every page's sidebar
carries, and the links to a firm's page), ``view`` (the topics' tables and the download),
``charts`` (one small chart per indicator across the years), ``card`` (the park card's link to
its firms' profiles) and ``text``.
"""

__all__ = ["card", "charts", "search", "text", "view"]
