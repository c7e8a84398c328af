"""The data page's pieces: ``view`` (upload, validation, preview, history, undo) and ``text``."""

__all__ = [
    "text",
    "view",
]
