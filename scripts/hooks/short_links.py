"""Build hook: short addresses and QR codes, so a clinician can point a patient to a page.

- A page with `short_link: pacing` in its front matter gets the address go/pacing/ (per language:
  pl/go/pacing/ ...), a small redirect page (written by the finishing pass, painsite.finish), and a
  QR code of that address in its page footer (overrides/partials/page-info.html).
- A link written as `[Start here](../participants/start-here.md){ .qr }` (the patient leaflet)
  gets a QR code drawn beside it, with the address printed under it: the page's short address
  when it has one, so a reader without a camera can type it.
Every address starts from `site_url` in mkdocs.yml, so a trust that deploys the site elsewhere
gets codes for its own address.
"""
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import _path  # noqa: F401
from markupsafe import Markup, escape

from painsite import finish, languages, pages, qr

QR_LINK = re.compile(r'<a (?P<attrs>[^>]*?)class="qr"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.S)
HREF = re.compile(r'href="(?P<href>[^"]+)"')



def short_url(config, prefix: str, short: str) -> str:
    return urljoin(config.site_url, f"{prefix}go/{short}/")


def _short_address(config, target: str) -> str:
    """The short address of the page at target (a full URL of this site), or target itself when
    the page has no short_link. On paper a short address is easy to type; the code holds it too."""
    site_path = urlsplit(config.site_url).path
    path = urlsplit(target).path
    if not path.startswith(site_path):
        return target
    path = path[len(site_path):]
    prefix = next((lang.prefix for lang in languages.languages()
                   if lang.prefix and path.startswith(lang.prefix)), "")
    inner = path[len(prefix):].strip("/")
    english = Path(config.docs_dir) / languages.default_language().code
    for source in (english / f"{inner}.md", english / inner / "index.md"):
        if inner and source.is_file():
            short = pages.read(source, Path(config.docs_dir)).meta.get("short_link")
            return short_url(config, prefix, short) if short else target
    return target


def on_page_content(html_text, page, config, files):
    def add_code(match):
        href = HREF.search(match.group("attrs") + match.group("rest")).group("href")
        address = _short_address(config, urljoin(urljoin(config.site_url, page.url), href))
        text = Markup(match.group("text")).striptags()  # the link's words, as plain text
        shown = address.split("://", 1)[-1]
        return (f'{match.group(0)}<span class="qr-figure">{qr.svg(address, f"QR code: {text}")}'
                f'<span class="qr-address" dir="ltr">{escape(shown)}</span></span>')

    return QR_LINK.sub(add_code, html_text)


def on_page_context(context, page, config, nav):
    short = page.meta.get("short_link")
    if short:
        prefix = languages.current(config).prefix
        url = short_url(config, prefix, short)
        page.meta["_short_url"] = url
        # page.title is escaped Markup (scripts/hooks/front_matter_text.py): format keeps it so.
        page.meta["_short_qr"] = qr.svg(url, Markup("QR code: {}").format(page.title))
        finish.GATHERED.redirects[(prefix, short)] = (page.url, page.title)
    return context
