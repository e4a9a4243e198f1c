"""Check every link and resource in the built site: the file exists and so does the #anchor.

Covers everything in the HTML, theme and language-switcher links included. Links to other
sites are not fetched (tests run offline); they are listed, and must use https. Run
`python scripts/check_links.py --online` to check them with real requests.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LOCAL_BASE = "http://site.invalid/"  # stands for the site's own origin while resolving links
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int]] = []  # (attribute, value, line)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        for key in ("href", "src"):
            value = attributes.get(key)
            if value is not None and not (tag == "link" and attributes.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append((key, value.strip(), self.getpos()[0]))


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    link: str
    reason: str

    def __str__(self):
        return f"{self.page}:{self.line}: {self.link} -> {self.reason}"


def _target_file(site: Path, url_path: str) -> Path | None:
    candidate = site / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check(site: Path, site_path: str | None = None) -> tuple[list[BrokenLink], dict[str, set[str]]]:
    """(broken links, external URL -> pages that use it).

    site_path is the path part of site_url ('/living-with-pain/'). Only 404 pages may use it:
    it is served at any address, so its links must be absolute.
    """
    if site_path is None:
        from . import languages
        site_path = urlsplit(languages.site_url()).path
    broken: list[BrokenLink] = []
    external: dict[str, set[str]] = defaultdict(set)
    _parse.cache_clear()
    for html in sorted(site.rglob("*.html")):
        page = html.relative_to(site).as_posix()
        page_url = urljoin(LOCAL_BASE, page)
        for attribute, value, line in _parse(html).links:
            if not value or value.startswith(SKIP_SCHEMES):
                continue
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") or value.startswith("//"):
                if parts.scheme != "https":
                    broken.append(BrokenLink(page, line, value, "links to another site must use https"))
                external[value].add(page)
                continue
            if value.startswith("/") and page.endswith("404.html") and value.startswith(site_path):
                value = "/" + value[len(site_path):]
                resolved = urlsplit(value)
                if _target_file(site, resolved.path) is None:
                    broken.append(BrokenLink(page, line, value, f"no file at {resolved.path}"))
                continue
            if value.startswith("/"):
                broken.append(BrokenLink(page, line, value,
                                         "absolute path: breaks when the site is served from a sub-folder; use a relative link"))
                continue
            resolved = urlsplit(urljoin(page_url, value))
            target = _target_file(site, resolved.path)
            if target is None:
                broken.append(BrokenLink(page, line, value, f"no file at {resolved.path}"))
                continue
            if resolved.fragment and target.suffix == ".html":
                fragment = unquote(resolved.fragment)
                if fragment not in _parse(target).ids and fragment not in ("__search", "__drawer"):
                    broken.append(BrokenLink(page, line, value,
                                             f"no element with id '{fragment}' in {target.relative_to(site).as_posix()}"))
    return broken, external


def check_online(urls: list[str], timeout: float = 15.0) -> list[tuple[str, str]]:
    """(url, problem) for each external link that does not answer with a success (opt-in only)."""
    import requests

    problems = []
    session = requests.Session()
    session.headers["User-Agent"] = "living-well-with-pain link checker"
    for url in urls:
        try:
            response = session.head(url, allow_redirects=True, timeout=timeout)
            if response.status_code in (403, 405) or response.status_code >= 400:
                response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            if response.status_code >= 400:
                problems.append((url, f"HTTP {response.status_code}"))
        except requests.RequestException as exc:
            problems.append((url, type(exc).__name__))
    return problems
