"""The installable site: a web app manifest per language, and a service worker that keeps the
reader's language on the device so the site opens with no signal.

Written into the finished site by the finishing step of every build (painsite.build.finish() for
`make build`; scripts/hooks/offline_app.py after `mkdocs build`):

- sw.js, at the site's root (a service worker controls the folder it is in and those below), from
  offline-sw.js beside this file, with this build's VERSION: a hash of every file it keeps. A new
  build that changes any of them changes sw.js, so browsers install the new version, which
  saves the new files (unchanged ones are copied from the old copy, not downloaded again), takes
  over, and deletes the old copy;
- assets/offline-app/<lang>.json: what a language's copy holds, each file with its hash;
- <lang>/manifest.webmanifest: name, start_url and scope of that language, lang, dir, colours
  and the PNG icons in docs/assets/icons/ (scripts/make_icons.py makes them from favicon.svg).

A page registers sw.js from docs/assets/offline-app.js, and only after it has loaded; the worker
then fetches the rest of the reader's language in the background. Under `mkdocs serve` pages
register nothing (extra.offline_app is false), and sw.js is a worker that removes itself and its
copies, in case a browser kept one from a build served at the same address.

    PYTHONPATH=scripts python -m painsite.offline_app [site]   what each language's copy costs
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

from . import languages as langs
from .site_config import mkdocs_config

SW_FILE = "sw.js"
SW_TEMPLATE = Path(__file__).with_name("offline-sw.js")
LISTS = "assets/offline-app"
MANIFEST = "manifest.webmanifest"
ICONS = [("assets/icons/icon-192.png", "192x192", "any"),
         ("assets/icons/icon-512.png", "512x512", "any"),
         ("assets/icons/icon-maskable-512.png", "512x512", "maskable")]
THEME_COLOUR = "#005eb8"  # the header's blue (docs/assets/site.css) and the icon's
BACKGROUND_COLOUR = "#ffffff"

# Not kept: files for servers, source maps, downloads (the zips), short-address redirects and
# 404 pages (a missing page is missing offline too).
SKIP_FOLDERS = {"downloads", "go", "_nginx"}
SKIP_NAMES = {"404.html", "_headers", "robots.txt", "sitemap.xml", "sitemap.xml.gz"}
# Files a page loads (stylesheets, scripts, images, icons, the manifest); <a> links are pages.
LOADED = re.compile(r'<(?:link|script|img|source)\b[^>]*?\s(?:href|src)="([^"#?]+)[^"]*"', re.I)
SEARCH_WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js$")

PREVIEW_SW = """\
// mkdocs serve: no offline copy while pages are being written. This worker removes itself and
// any copy a browser kept from a build served at this address.
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("living-with-pain-") === 0; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def manifest(code: str) -> dict:
    """The web app manifest of one language. Its URLs are relative to the manifest itself, which
    sits in the language's folder: start_url and scope are that folder."""
    lang = langs.by_code(code)
    depth = "../" * lang.prefix.count("/")
    name = langs.entry(code).get("site_name") or mkdocs_config()["site_name"]
    short = langs.ui(code).get("app_short_name") or name
    data = {
        "name": name,
        "short_name": short,
        "lang": code,
        "dir": "rtl" if lang.rtl else "ltr",
        "start_url": "./",
        "scope": "./",
        "id": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [{"src": depth + src, "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for src, sizes, purpose in ICONS],
    }
    description = langs.entry(code).get("site_description") or mkdocs_config().get("site_description")
    if description and lang.default:
        data["description"] = " ".join(description.split())
    return data


def _in_language(rel: str, code: str) -> bool:
    lang = langs.by_code(code)
    if lang.prefix:
        return rel.startswith(lang.prefix)
    others = tuple(other.prefix for other in langs.languages() if other.prefix)
    return not rel.startswith(others)


def files(site: Path, code: str) -> list[str]:
    """Site-relative paths a language's copy holds: its pages, what they load, its search index
    and the search worker, its manifest and icons."""
    lang = langs.by_code(code)
    pages, loaded = [], set()
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        top = rel.split("/", 1)[0] if not lang.prefix else rel[len(lang.prefix):].split("/", 1)[0]
        if not _in_language(rel, code) or html.name in SKIP_NAMES or top in SKIP_FOLDERS:
            continue
        pages.append(rel[: -len("index.html")] if html.name == "index.html" else rel)
        folder = html.parent
        for link in LOADED.findall(html.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", link, re.I):
                continue  # another site, data: (there is none: the build refuses them)
            target = (folder / link).resolve()
            try:
                found = target.relative_to(site.resolve()).as_posix()
            except ValueError:
                continue
            if target.is_file() and not found.endswith((".html", ".map")):
                loaded.add(found)
    extra = [lang.prefix + "search/search_index.json", lang.prefix + MANIFEST]
    extra += [src for src, _, _ in ICONS]
    extra += [p.relative_to(site).as_posix() for p in (site / "assets/javascripts/workers").glob("*.js")
              if SEARCH_WORKER.match(p.relative_to(site).as_posix())]
    font = langs.web_font(code)
    if font:  # so that the copy reads the same with no signal
        extra.append(font)
    loaded |= {rel for rel in extra if (site / rel).is_file()}
    return pages + sorted(loaded - set(pages))


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _file_of(site: Path, rel: str) -> Path:
    return site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel


def write(site: Path, codes: list[str] | None = None) -> str:
    """Write the manifests, the lists and sw.js into a finished site; return the version."""
    site = Path(site)
    codes = [c for c in (codes or langs.codes())
             if not langs.by_code(c).prefix or (site / langs.by_code(c).prefix).is_dir()]
    for code in codes:  # first: the lists include them
        (site / langs.by_code(code).prefix / MANIFEST).write_text(
            json.dumps(manifest(code), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    lists = {code: [[rel, _hash(_file_of(site, rel).read_bytes())] for rel in files(site, code)]
             for code in codes}
    version = _hash(json.dumps([template, lists], sort_keys=True).encode("utf-8"))
    (site / LISTS).mkdir(parents=True, exist_ok=True)
    for code, entries in lists.items():
        (site / LISTS / f"{code}.json").write_text(
            json.dumps({"version": version, "lang": code, "files": entries}, separators=(",", ":")),
            encoding="utf-8")
    (site / SW_FILE).write_text(template.replace("__VERSION__", version), encoding="utf-8")
    return version


def write_preview(site: Path) -> None:
    """Under `mkdocs serve`: the worker that removes itself (see the module's docstring)."""
    (Path(site) / SW_FILE).write_text(PREVIEW_SW, encoding="utf-8")


def cost(site: Path, code: str) -> tuple[int, int, int]:
    """(files, bytes, gzip bytes) that the background download of one language fetches,
    at most: a browser that has some of them already fetches less."""
    entries = json.loads((Path(site) / LISTS / f"{code}.json").read_text(encoding="utf-8"))["files"]
    raw = gz = 0
    for rel, _ in entries:
        data = _file_of(Path(site), rel).read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, 6)) if rel.endswith(("/", ".html", ".js", ".css", ".json",
                                                          ".svg", ".webmanifest")) else len(data)
    list_file = (Path(site) / LISTS / f"{code}.json").read_bytes()
    return len(entries) + 1, raw + len(list_file), gz + len(gzip.compress(list_file, 6))


def main(argv: list[str] | None = None) -> int:
    from .paths import SITE

    site = Path((argv or sys.argv[1:] or [SITE])[0])
    print(f"{'language':10} {'files':>6} {'size':>10} {'gzip':>10}   (background download after the first visit)")
    for code in langs.codes():
        if (site / LISTS / f"{code}.json").is_file():
            count, raw, gz = cost(site, code)
            print(f"{code:10} {count:6} {raw / 1024:7.0f} KB {gz / 1024:7.0f} KB")
    print(f"sw.js: {len((site / SW_FILE).read_bytes())} bytes, "
          f"{len(gzip.compress((site / SW_FILE).read_bytes(), 6))} gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
