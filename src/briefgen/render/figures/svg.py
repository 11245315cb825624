"""A small SVG writer: the few elements the figures draw, every text escaped, every number written one way.

Written by hand rather than with a plotting library so that the same figure is always the same bytes
(no generated ids, dates or hash salts) and nothing but the standard library is needed.
"""

from __future__ import annotations

from html import escape

FONT = "Source Sans 3, DejaVu Sans, Arial, sans-serif"


def num(value: float) -> str:
    """A coordinate to one decimal, without a trailing ".0" (and never "-0")."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _attributes(attributes: dict[str, object]) -> str:
    """``fill_opacity=0.5`` as ` fill-opacity="0.5"`; None values are left out; text is escaped."""
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(text, quote=True)}"')
    return "".join(parts)


class Svg:
    """One SVG drawing, built element by element; ``markup()`` gives the ``<svg>`` element."""

    def __init__(self, width: int, height: int, label: str, css_class: str):
        self.width, self.height, self.label, self.css_class = width, height, label, css_class
        self.parts: list[str] = []

    def element(self, tag: str, text: str | None = None, **attributes: object) -> None:
        """An element with its attributes and, when given, its (escaped) text."""
        if text is None:
            self.parts.append(f"<{tag}{_attributes(attributes)}/>")
        else:
            self.parts.append(f"<{tag}{_attributes(attributes)}>{escape(text, quote=False)}</{tag}>")

    def open(self, tag: str, **attributes: object) -> None:
        self.parts.append(f"<{tag}{_attributes(attributes)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, x: float, y: float, text: str, size: float = 11, anchor: str = "start", halo: bool = False, **attributes: object) -> None:
        """A line of text; with ``halo`` a white outline is drawn under it, so it reads over outlines and markers."""
        if halo:
            self.element("text", text, x=x, y=y, font_size=size, text_anchor=anchor, fill="#ffffff", stroke="#ffffff",
                         stroke_width=3, stroke_linejoin="round", aria_hidden="true")
        self.element("text", text, x=x, y=y, font_size=size, text_anchor=anchor, **attributes)

    def markup(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(self.css_class)}" viewBox="0 0 {self.width} {self.height}" '
                f'width="{self.width}" height="{self.height}" role="img" aria-label="{escape(self.label, quote=True)}" '
                f'font-family="{FONT}">')
        return head + f"<title>{escape(self.label, quote=False)}</title>" + "".join(self.parts) + "</svg>"


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is in DejaVu Sans at ``size`` (its average advance is near 0.6 em)."""
    return len(text) * size * 0.6
