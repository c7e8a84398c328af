"""The evaluation page's pieces: ``view`` (the batch, its grades with the deciding rule, its
objections and change log, the downloads), ``actions`` (run a batch, advance it, record an
objection, accept or reject it) and ``text``.
"""

__all__ = ["actions", "text", "view"]
