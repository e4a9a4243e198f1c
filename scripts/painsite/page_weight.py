"""What a reader's phone downloads for a page: first visit and repeat visit, gzip-compressed.

Chromium loads the page from a local copy of the built site and records every request. Each
response is measured as the gzip-compressed size of the file (what a server with gzip on sends;
images and fonts are counted as they are). A repeat visit finds the fingerprinted assets
(Material's name.<hash>.min.js / .css and the Urdu font's name.<hash>.woff2, cached for a year) in its cache, so it downloads the HTML again, and
revalidates every other file, which costs a small "not modified" answer when nothing changed.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .browser import chromium
from .serve import serve

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.(min\.(js|css)|woff2)$")
NOT_MODIFIED_BYTES = 200  # a 304 answer: status line and a few headers
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


@dataclass
class Weight:
    page: str
    files: dict[str, int] = field(default_factory=dict)  # path -> bytes on the wire (first visit)
    other_origins: list[str] = field(default_factory=list)  # requests that left the site (none, we hope)

    @property
    def first_visit(self) -> int:
        return sum(self.files.values())

    @property
    def repeat_visit(self) -> int:
        total = 0
        for path, size in self.files.items():
            if path.endswith(".html") or path.endswith("/"):
                total += size
            elif not FINGERPRINTED.search(path):
                total += NOT_MODIFIED_BYTES
        return total


def wire_size(file: Path) -> int:
    data = file.read_bytes()
    if file.suffix in COMPRESSIBLE:
        return len(gzip.compress(data, compresslevel=6))
    return len(data)


def measure(site: Path, pages: list[str], browser=None) -> list[Weight]:
    """Load each page (a path such as 'participants/understanding-pain/') and weigh it.

    Pass a Playwright browser to reuse one (the tests do); otherwise Chromium is started here.
    """
    results = []
    with chromium(browser) as browser, serve(site) as base:
        for page_path in pages:
            context = browser.new_context()
            tab = context.new_page()
            seen: list[str] = []
            tab.on("request", lambda r: seen.append(r.url))
            tab.goto(base + page_path, wait_until="networkidle")
            weight = Weight(page_path or "/")
            for url in seen:
                path = unquote(urlsplit(url).path)
                local = site / path.lstrip("/")
                if local.is_dir():
                    local = local / "index.html"
                if not url.startswith(base):
                    if not url.startswith(("data:", "blob:")):
                        weight.other_origins.append(url)
                elif local.is_file():
                    weight.files[path] = wire_size(local)
            results.append(weight)
            context.close()
    return results
