"""Our own scripts, sent to readers without their comments and spaces.

The scripts in docs/assets/ are written to be read: their comments say why. A reader on a slow
phone needs none of that, so the finishing pass (painsite.finish) runs the built copies in
site/assets/ through rjsmin, a small, conservative minifier that only takes out comments and
spaces (names and code stay as written). Comments that start with /*! (licences) stay. The
sources in docs/assets/ never change; the browser tests run against the minified copies.
"""
from __future__ import annotations

from pathlib import Path

import rjsmin

from .paths import DOCS


def built_copies(site_dir: Path) -> list[Path]:
    """The site's copies of the scripts under docs/assets/."""
    sources = sorted((DOCS / "assets").rglob("*.js"))
    return [site_dir / source.relative_to(DOCS) for source in sources
            if (site_dir / source.relative_to(DOCS)).is_file()]


def minify(text: str) -> str:
    return rjsmin.jsmin(text, keep_bang_comments=True) + "\n"


def minify_scripts(site_dir: Path) -> None:
    for path in built_copies(Path(site_dir)):
        text = path.read_text(encoding="utf-8")
        small = minify(text)
        if small != text:  # a second finishing pass while serving finds it minified already
            path.write_text(small, encoding="utf-8")
