"""The workbook: every participant module, in programme order, as one printable page per language.

scripts/hooks/workbook.py adds the page (workbook/, pl/workbook/, ...) to each language's build and
fills it from the modules' already-rendered HTML. This module holds the parts that need no MkDocs:

- which pages are modules, and in what order: the "Modules" section of `nav` in mkdocs.yml;
- turning one module's HTML into a section of the workbook: its ids get the module's name as a
  prefix (so two modules can both have #try-this), its in-page anchors follow, its links are
  rewritten for the workbook's address (links to another module become links inside the
  workbook), and its headings move one level down under the workbook's own <h1>.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

SECTION = "Modules"  # the nav section whose pages make the workbook, in their nav order
SLUG = "workbook"  # the page's address in each language: workbook/, pl/workbook/, ...
# Attributes that name other elements by id; they follow the ids when those get a prefix.
ID_REFERENCES = ("for", "headers", "list", "aria-labelledby", "aria-describedby", "aria-controls",
                 "aria-owns", "aria-activedescendant", "aria-details", "aria-errormessage")
HEADING = re.compile(r"^h([1-6])$")
_BASE = "http://site.invalid/"


def section_pages(nav, title: str = SECTION) -> list[str]:
    """The Markdown paths in the nav section called `title`, in order (nav as written in mkdocs.yml)."""
    def pages(items) -> list[str]:
        found = []
        for item in items or []:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    found.extend(pages(value) if isinstance(value, list) else [value])
        return found

    def find(items):
        for item in items or []:
            if isinstance(item, dict):
                for key, value in item.items():
                    if key == title and isinstance(value, list):
                        return pages(value)
                    if isinstance(value, list):
                        inner = find(value)
                        if inner is not None:
                            return inner
        return None

    found = find(nav)
    if not found:
        raise ValueError(f"mkdocs.yml: no '{title}' section with pages in nav")
    return found


def module_slug(src_path: str) -> str:
    """participants/pacing.md -> pacing: the prefix of the module's ids in the workbook."""
    name = posixpath.splitext(posixpath.basename(src_path))[0]
    if name == "index":
        name = posixpath.basename(posixpath.dirname(src_path)) or "home"
    return name


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at from_url to target, both site-relative ('participants/pacing/')."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + from_dir)
    if target.endswith("/") or target == "":
        rel = "./" if rel == "." else rel.rstrip("/") + "/"
    return rel


def module_html(content: str, slug: str, page_url: str, workbook_url: str,
                modules: dict[str, str]) -> str:
    """One module's rendered HTML, made fit to sit inside the workbook page.

    page_url: the module's own address ('pl/participants/pacing/'); workbook_url: the workbook's
    ('pl/workbook/'); modules: address of every module in the workbook -> its slug.
    """
    soup = BeautifulSoup(content, "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    own = lambda value: f"{slug}--{value}"  # noqa: E731

    for tag in soup.find_all(id=True):
        tag["id"] = own(tag["id"])
    for attribute in ID_REFERENCES:
        for tag in soup.find_all(attrs={attribute: True}):
            value = tag[attribute]
            names = value if isinstance(value, list) else value.split()
            tag[attribute] = " ".join(own(name) if name in ids else name for name in names)

    def link(value: str) -> str:
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme or value.startswith("//") or value.startswith("/") or not value:
            return value
        if value.startswith("#"):
            fragment = value[1:]
            return f"#{own(fragment)}" if fragment in ids else value
        target = urlsplit(urljoin(_BASE + page_url, value))
        path = target.path[1:]
        if path in modules and not target.query:
            other = modules[path]
            return f"#{other}--{target.fragment}" if target.fragment else f"#{other}"
        rel = relative_url(path, workbook_url)
        return urlunsplit(("", "", rel, target.query, target.fragment))

    for attribute in ("href", "src"):
        for tag in soup.find_all(attrs={attribute: True}):
            tag[attribute] = link(tag[attribute])
    for tag in soup.find_all(HEADING):
        level = int(HEADING.match(tag.name).group(1))
        tag.name = f"h{min(level + 1, 6)}"
    return str(soup)
