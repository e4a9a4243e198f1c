"""Which inline scripts are the theme's: the only inline code the Content-Security-Policy allows.

Material writes a few small inline <script> elements into every page, from its templates in
partials/javascripts/ (the __md_scope/__md_get helpers, the palette, the anchor). The policy
allows each by its SHA-256 hash. Hashing every inline script found in the built pages would also
allow a script that page content smuggled in, so a script counts as the theme's only when its
text is exactly one of those templates.

How they are recognised: each template is read from the installed theme (overrides/ first, as
MkDocs does) and turned into a pattern: its text literally, with each {{ ... }} expression a slot.
The expressions are the page's base address (base_url), which differs with the page's depth and
language: '.', '../..', '../../../pl/', or the site's path on 404 pages. So a slot may hold only a
relative path of '.' and '..' steps with an optional language folder, or an absolute path: no
quote or backslash can end the JavaScript string the address sits in, and no other origin
('//host') can appear. An expression not known to be such an address stops the build, so a
Material upgrade that puts page data into an inline script is looked at, not trusted.

Why templates rather than a list of hashes: the hashes change with every base address and every
Material release; the templates come with the theme, so an upgrade needs no edit here, and a new
inline script is recognised as soon as it is in the theme's partials/javascripts/.
Templates are the theme's own code, not content, so reading them with a regular expression is
safe; the page side is compared as whole text.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .paths import ROOT

OVERRIDES = ROOT / "overrides"
SCRIPT_TEMPLATES = "partials/javascripts"
# The Jinja expressions inside the theme's inline scripts, and what they hold: a base address.
SAFE_EXPRESSIONS = {"base_url", "config.extra.scope | d(base_url)"}
_ADDRESS = r"(?:\.{1,2}(?:/\.\.)*(?:/[\w-]+)?/?|/(?![/\\])[\w.~%/-]*)"
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{\s*(?P<expr>.*?)\s*\}\}")


class ThemeScriptError(Exception):
    """A theme template's inline script cannot be recognised safely."""


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def template_files(folders: tuple[Path, ...] | None = None) -> dict[str, Path]:
    """The theme's script templates by name; a file in overrides/ replaces Material's."""
    found: dict[str, Path] = {}
    for folder in reversed(folders or (OVERRIDES, material_templates())):
        for path in sorted((folder / SCRIPT_TEMPLATES).glob("*.html")):
            found[path.name] = path
    return found


def _pattern(body: str, source: Path) -> re.Pattern:
    if "{%" in body or "{#" in body:
        raise ThemeScriptError(f"{source}: an inline script with template logic in it cannot be "
                               "matched safely; keep logic outside the <script> element.")
    parts, last = [], 0
    for match in _EXPRESSION.finditer(body):
        if match.group("expr") not in SAFE_EXPRESSIONS:
            raise ThemeScriptError(
                f"{source}: the inline script prints '{{{{ {match.group('expr')} }}}}'. Check that "
                "it can never hold page content, then add it to SAFE_EXPRESSIONS in "
                "scripts/painsite/theme_scripts.py.")
        parts += [re.escape(body[last:match.start()]), _ADDRESS]
        last = match.end()
    parts.append(re.escape(body[last:]))
    return re.compile("".join(parts), re.S)


@functools.lru_cache(maxsize=None)
def patterns(folders: tuple[Path, ...] | None = None) -> tuple[re.Pattern, ...]:
    """One pattern for each inline script in the theme's script templates."""
    found = []
    for path in template_files(folders).values():
        for match in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
            found.append(_pattern(match.group("body"), path))
    return tuple(found)


def is_theme_script(text: str) -> bool:
    """True when text (the content of an inline <script> element) is one of the theme's."""
    return any(pattern.fullmatch(text) for pattern in patterns())
