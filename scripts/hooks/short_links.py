"""Build hook: short addresses and QR codes, so a clinician can point a patient to a page.

- A page with `short_link: pacing` in its front matter gets the address go/pacing/ (per language:
  pl/go/pacing/ ...), a small redirect page written after the build, and a QR code of that address
  in its page footer (overrides/partials/page-info.html).
- A link written as `[Start here](../participants/start-here.md){ .qr }` (the patient leaflet)
  gets a QR code of the page it points to, drawn beside it.
Every address starts from `site_url` in mkdocs.yml, so a trust that deploys the site elsewhere
gets codes for its own address.
"""
import html
import re
from pathlib import Path
from urllib.parse import urljoin

import _path  # noqa: F401
from markupsafe import Markup, escape
from mkdocs.plugins import event_priority

from painsite import languages, qr

QR_LINK = re.compile(r'<a (?P<attrs>[^>]*?)class="qr"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.S)
HREF = re.compile(r'href="(?P<href>[^"]+)"')

_redirects: dict[tuple[str, str], tuple[str, str]] = {}  # (lang prefix, short) -> (page url, title)


def short_url(config, prefix: str, short: str) -> str:
    return urljoin(config.site_url, f"{prefix}go/{short}/")


def on_page_content(html_text, page, config, files):
    def add_code(match):
        href = HREF.search(match.group("attrs") + match.group("rest")).group("href")
        target = urljoin(urljoin(config.site_url, page.url), href)
        text = Markup(match.group("text")).striptags()  # the link's words, as plain text
        return f'{match.group(0)}<span class="qr-figure">{qr.svg(target, f"QR code: {text}")}</span>'

    return QR_LINK.sub(add_code, html_text)


def on_page_context(context, page, config, nav):
    short = page.meta.get("short_link")
    if short:
        prefix = languages.current(config).prefix
        url = short_url(config, prefix, short)
        page.meta["_short_url"] = url
        # page.title is escaped Markup (scripts/hooks/front_matter_text.py): format keeps it so.
        page.meta["_short_qr"] = qr.svg(url, Markup("QR code: {}").format(page.title))
        _redirects[(prefix, short)] = (page.url, page.title)
    return context


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    if languages.more_languages_to_build(config):
        return
    site = Path(config.site_dir)
    for (prefix, short), (page_url, title) in _redirects.items():
        folder = site / prefix / "go" / short
        folder.mkdir(parents=True, exist_ok=True)
        relative = "../../" + page_url[len(prefix):]
        lang = prefix.rstrip("/") or languages.default_language().code
        folder.joinpath("index.html").write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><meta name="robots" content="noindex">'
            f'<link rel="canonical" href="{html.escape(urljoin(config.site_url, page_url))}">'
            f'<meta http-equiv="refresh" content="0; url={relative}"></head>'
            f'<body><p><a href="{relative}">{escape(title)}</a></p></body></html>\n',
            encoding="utf-8")
    _redirects.clear()
