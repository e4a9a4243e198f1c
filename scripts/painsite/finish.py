"""The finishing pass: what is written over the built pages, once they are all in site/.

In this order, so that each step sees the files of the one before:

1. language_files(), at the end of each MkDocs process (one language of `make build`, or every
   language of `mkdocs build`), from what the hooks gathered while the pages were built
   (GATHERED): each language's own search index (painsite.search_index) and the short-address
   pages go/<name>/ that the QR codes hold;
2. site_files(), once the whole site is there:
   - our own scripts, without comments and spaces (painsite.minify);
   - the installable offline app: each language's web app manifest, the lists of what its copy
     holds, and the service worker (painsite.offline_app);
   - the deploy files: the security headers (with the hashes of the theme's inline scripts) for
     nginx and static hosts, and robots.txt (painsite.security);
   - the offline edition: a zip per language in downloads/ (painsite.offline).

scripts/hooks/finish.py calls both after `mkdocs build` and `serve`; `make build`
(painsite.build) calls site_files() after merging the languages it built side by side. Only each
language's 404 page is moved earlier, inside mkdocs-static-i18n's loop, before the next language
overwrites it (scripts/hooks/i18n_pages.py).
"""
from __future__ import annotations

import html
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape

from . import languages, minify, offline, offline_app, search_index, security


@dataclass
class Gathered:
    """What the hooks note while pages are built, for language_files()."""
    search_pages: dict = field(default_factory=dict)  # page URL -> (audience, page_type)
    redirects: dict = field(default_factory=dict)  # (language prefix, short name) -> (page URL, title)


GATHERED = Gathered()


def short_address_pages(site_dir: Path, site_url: str, redirects: dict) -> None:
    """go/<name>/ for each page with a short_link: a tiny page that sends the reader on (and names
    the page, for a browser that does not follow the refresh)."""
    for (prefix, short), (page_url, title) in redirects.items():
        folder = site_dir / prefix / "go" / short
        folder.mkdir(parents=True, exist_ok=True)
        relative = "../../" + page_url[len(prefix):]
        lang = prefix.rstrip("/") or languages.default_language().code
        folder.joinpath("index.html").write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><meta name="robots" content="noindex">'
            f'<link rel="canonical" href="{html.escape(urljoin(site_url, page_url))}">'
            f'<meta http-equiv="refresh" content="0; url={relative}"></head>'
            f'<body><p><a href="{relative}">{escape(title)}</a></p></body></html>\n',
            encoding="utf-8")


def language_files(site_dir: Path, site_url: str, gathered: Gathered = GATHERED) -> None:
    """The files of the languages this process built: search indexes, short-address pages."""
    site_dir = Path(site_dir)
    search_index.split(site_dir, gathered.search_pages)
    short_address_pages(site_dir, site_url, gathered.redirects)
    gathered.redirects.clear()


def _zip_one(site_dir: Path, code: str, site_url: str) -> None:
    offline.write_zips(site_dir, site_dir / offline.DOWNLOADS, site_url, [code])


def site_files(site_dir: Path, site_url: str, codes: list[str] | None = None, parallel: bool = True) -> None:
    """Write the site-wide files. Raises security.UntrustedScript if a page carries an inline
    script that is not the theme's. parallel: the headers and each zip take a few seconds, so
    they run side by side, a process each (the manifests and the service worker, a second, come
    first, so every zip holds the same files)."""
    site_dir = Path(site_dir)
    minify.minify_scripts(site_dir)  # first: the app's lists, the headers and the zips hash these
    offline_app.write(site_dir, codes)
    if not parallel:
        security.write_deploy_files(site_dir, site_url)
        offline.write_zips(site_dir, site_dir / offline.DOWNLOADS, site_url, codes)
        return
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [pool.submit(security.write_deploy_files, site_dir, site_url)]
        jobs += [pool.submit(_zip_one, site_dir, code, site_url) for code in codes or []]
        for job in jobs:
            job.result()


def preview_files(site_dir: Path) -> None:
    """Under `mkdocs serve`: a service worker that removes itself (pages register none while
    they are being edited), and no headers or zips (the download links give empty files)."""
    offline_app.write_preview(Path(site_dir))
