#!/usr/bin/env python3
"""Make the home-screen icons (PNG) from docs/assets/favicon.svg, with Chromium.

    PYTHONPATH=scripts python scripts/make_icons.py

Browsers want PNG icons to install a site (Chromium: a 192 px and a 512 px icon in the web app
manifest). No Python package here draws SVG, and `make serve` must not need a browser, so the
PNGs are made once with Debian's Chromium (through Playwright, as the tests drive it) and
committed in docs/assets/icons/. Each PNG carries the SHA-256 of the SVG it was made from (a
tEXt chunk, "Source"); tests/test_offline_app.py fails when favicon.svg changes and the icons
were not made again.

- icon-192.png, icon-512.png: the favicon as it is (round, transparent corners), purpose "any";
- icon-maskable-512.png: the heart on a full square of the favicon's blue, purpose "maskable"
  (a phone may cut it to a circle or a rounded square: the heart stays inside the middle 80%).
"""
from __future__ import annotations

import base64
import hashlib
import re
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "docs" / "assets" / "favicon.svg"
ICONS = ROOT / "docs" / "assets" / "icons"
SIZES = {"icon-192.png": (192, False), "icon-512.png": (512, False), "icon-maskable-512.png": (512, True)}
SOURCE_KEY = b"Source"


def source_hash(svg: Path = SVG) -> str:
    return hashlib.sha256(svg.read_bytes()).hexdigest()


def maskable_svg(svg_text: str) -> str:
    """The favicon's heart on a full square of the circle's colour."""
    circle = re.search(r'<circle[^>]*fill="(#[0-9a-fA-F]{3,6})"', svg_text)
    paths = re.findall(r"<path[^>]*/>", svg_text)
    if not circle or not paths:
        raise SystemExit(f"{SVG}: expected a <circle> with a fill colour and a <path>")
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32" fill="{circle.group(1)}"/>{"".join(paths)}</svg>')


def png_text_chunk(png: bytes, key: bytes, value: str) -> bytes:
    """The PNG with a tEXt chunk added right after IHDR."""
    data = key + b"\0" + value.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    ihdr_end = 8 + 8 + 13 + 4
    return png[:ihdr_end] + chunk + png[ihdr_end:]


def png_info(png: bytes) -> tuple[int, int, dict[str, str]]:
    """Width, height and tEXt entries of a PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, texts, width, height = 8, {}, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[:8])
        elif kind == b"tEXt":
            key, _, value = data.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        pos += 12 + length
    return width, height, texts


def main() -> int:
    from playwright.sync_api import sync_playwright

    from painsite.browser import launch

    svg_text = SVG.read_text(encoding="utf-8")
    digest = source_hash()
    ICONS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for name, (size, maskable) in SIZES.items():
                source = maskable_svg(svg_text) if maskable else svg_text
                data = base64.b64encode(source.encode("utf-8")).decode("ascii")
                page = browser.new_page(viewport={"width": size, "height": size})
                page.set_content('<body style="margin:0;background:transparent">'
                                 f'<img src="data:image/svg+xml;base64,{data}" width="{size}" height="{size}"'
                                 ' style="display:block"></body>')
                page.wait_for_function("document.images[0].complete")
                png = page.screenshot(omit_background=True)
                page.close()
                (ICONS / name).write_bytes(png_text_chunk(png, SOURCE_KEY, digest))
                print(f"{ICONS / name}: {size}x{size}, {len(png) / 1024:.1f} KB")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
