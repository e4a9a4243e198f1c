"""The finishing pass: the site-wide files, written once every language's pages are in site/.

In this order, so that each step sees the files of the one before:

1. the installable offline app: each language's web app manifest, the lists of what its copy
   holds, and the service worker (painsite.offline_app);
2. the deploy files: the security headers (with the hashes of the theme's inline scripts) for
   nginx and static hosts, and robots.txt (painsite.security);
3. the offline edition: a zip per language in downloads/ (painsite.offline).

`make build` (painsite.build) calls site_files() after merging the languages it built side by
side; `mkdocs build` and `mkdocs serve` call it from scripts/hooks/finish.py. Steps that belong
to one language (its search index, its short-address pages, its 404 page) run in that language's
build, from what its pages gathered.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import offline, offline_app, security


def _zip_one(site_dir: Path, code: str, site_url: str) -> None:
    offline.write_zips(site_dir, site_dir / offline.DOWNLOADS, site_url, [code])


def site_files(site_dir: Path, site_url: str, codes: list[str] | None = None, parallel: bool = True) -> None:
    """Write the site-wide files. Raises security.UntrustedScript if a page carries an inline
    script that is not the theme's. parallel: the headers and each zip take a few seconds, so
    they run side by side, a process each (the manifests and the service worker, a second, come
    first, so every zip holds the same files)."""
    site_dir = Path(site_dir)
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
