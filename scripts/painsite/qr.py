"""QR codes drawn at build time, as inline SVG: no outside service, no extra request."""
from __future__ import annotations

import segno
from markupsafe import escape


def svg(url: str, label: str, scale: int = 3) -> str:
    """An accessible inline SVG QR code that opens url. label is read out by screen readers:
    plain text, or Markup that is already escaped (a page title), escaped here exactly once."""
    code = segno.make(url, error="m")
    drawing = code.svg_inline(scale=scale, border=4, svgclass="qr-code", lineclass=None,
                              dark="#000", light="#fff")
    # segno writes no role or name; give it one so screen readers announce what it is.
    return drawing.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
