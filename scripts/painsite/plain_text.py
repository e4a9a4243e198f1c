"""Front matter text (a page's title, description, sources) is plain text: these put it into
HTML and Markdown so that it is shown exactly as written and never read as markup.

MkDocs renders templates with Jinja's autoescaping off, and Material's templates print
page.meta.title, page.meta.description and each page's title in the navigation as they are.
The values are therefore made HTML-safe once, as markupsafe.Markup (scripts/hooks/
front_matter_text.py): Jinja's `|e` leaves Markup as it is, so no template escapes them twice,
and Material's search index, which holds titles as HTML, gets them escaped too.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# What Python-Markdown reads as markup after a backslash (markdown.Markdown.ESCAPED_CHARS, with
# '|' from the tables extension), less '>', which html escaping already takes care of.
_MARKDOWN_PUNCTUATION = set("\\`*_{}[]()#+-.!|")


def for_html(text) -> Markup:
    """text, HTML-escaped once (Markup passes unchanged)."""
    return escape("" if text is None else text)


def as_text(text) -> str:
    """The plain text of a value that may already be HTML-escaped Markup."""
    return text.unescape() if isinstance(text, Markup) else str(text)


def for_markdown(text) -> str:
    """text for a line of Markdown (the page title's heading), shown exactly as written: every
    Markdown punctuation mark gets a backslash, and <, > and & become entities, so that neither
    [link](javascript:...), *emphasis* nor <script> in a title becomes markup."""
    plain = as_text(text)
    marked = "".join(f"\\{c}" if c in _MARKDOWN_PUNCTUATION else c for c in plain)
    return marked.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
