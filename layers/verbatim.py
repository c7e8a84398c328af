"""Render our map elements' output verbatim: never read it again as a Jinja template.

branca's ``MacroElement.render`` wraps each rendered part (header, html, script) in
``Element(text)``, which *compiles that text as a Jinja template*. Our elements carry data
(park, firm and town names, typed tile URLs) inside their scripts, so a name such as
``{{ cycler.__init__.__globals__.os.getpid() }}`` was evaluated on the server (template
injection), and the 0.6 MB of map data were lexed by Jinja on every render (about 0.13 s a
render, and ``st_folium`` renders the map twice). :class:`VerbatimMacro` renders its own
template once and adds the text as :class:`Verbatim`, which returns it unchanged.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement

from errors import LayerDataError

__all__ = ["Verbatim", "VerbatimMacro"]


class Verbatim(Element):
    """A piece of rendered HTML or script, returned as it is (no template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text, unchanged."""
        return self.text


class VerbatimMacro(MacroElement):
    """A ``MacroElement`` whose rendered ``header``, ``html`` and ``script`` macros reach the
    page as :class:`Verbatim` text. Put it after folium's class in the bases (e.g.
    ``class X(Layer, VerbatimMacro)``) so folium's own ``render`` steps still run first."""

    def render(self, **kwargs: Any) -> str:
        """Render the three macros of ``_template`` once and add them verbatim to the figure
        (the text goes to the figure; like branca's macros, nothing is returned: ``""``)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = f"{type(self).__name__} can only be rendered inside a folium map (a Figure)"
            raise LayerDataError(msg)
        macros = self._template.module.__dict__
        for part, target in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(Verbatim(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""
