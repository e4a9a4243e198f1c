"""The offline edition: one zip per language that opens from the file system and needs no network.

Made from the finished site (scripts/hooks/offline.py writes the zips into site/downloads/ at the
end of every build; `make offline` also unpacks them into dist/offline/). Each zip holds one
language's pages and the shared assets in a folder, living-with-pain-<language>/, with index.html
at its top. Opened from file://, a browser shows a folder listing for a link that ends in "/", and
Material for MkDocs cannot start its search worker; so in the copies:

- every link to a folder points at the folder's index.html;
- a link to a file that is not in this zip (another language's page from the language switcher,
  the zips on the About page) goes to that file on the website (site_url), for readers online;
- search reads a search_index.js (Material loads it with a <script> tag from file://) with this
  language's entries only, and a small stand-in for Web Workers (file-worker.js, beside this file)
  runs the search worker in a hidden frame. Over http(s) that script does nothing.

Material's own offline plugin does the first and third of these during a build, but for the default
language only: it writes one search_index.js (before the index is split per language), adds a
script from unpkg.com (a network request), and leaves the theme's folder links ("get-help-now/").
"""
from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from . import languages as langs

DOWNLOADS = "downloads"
WORKER_SHIM = Path(__file__).with_name("file-worker.js")
SHIM_PATH = "assets/offline/file-worker.js"
# Not in any zip: server-only files, source maps, pages that only make sense online.
SKIP_NAMES = {"404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "_headers", "search_index.json"}
SKIP_FOLDERS = {DOWNLOADS, "go", "_nginx"}
ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def zip_name(code: str) -> str:
    return f"living-with-pain-offline-{code}.zip"


def folder_name(code: str) -> str:
    return f"living-with-pain-{code}"


def members(site: Path, code: str, lunr_languages: bool = True) -> list[str]:
    """Site-relative paths of the built files that go into this language's edition.

    lunr_languages=False leaves out assets/javascripts/lunr/ (a quarter of a zip): search loads
    those files only for a search language other than English.
    """
    lang = langs.by_code(code)
    others = tuple(other.prefix for other in langs.languages() if other.prefix and other.code != code)
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        parts = rel.split("/")
        if rel.startswith(others) or path.name in SKIP_NAMES or path.suffix == ".map":
            continue
        inner = parts[1:] if lang.prefix and rel.startswith(lang.prefix) else parts
        if inner and inner[0] in SKIP_FOLDERS:
            continue
        if not lunr_languages and rel.startswith("assets/javascripts/lunr/"):
            continue
        if lang.prefix and not rel.startswith(lang.prefix):
            # the default language's pages and search are not part of another language's edition
            if path.suffix == ".html" or parts[0] == "search":
                continue
        found.append(rel)
    return found


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _join(folder: str, written: str) -> str:
    """The site path a relative link points to from a page in folder (as a browser resolves it,
    without urllib: this runs for every link of every page of every zip)."""
    segments = (folder.split("/") if folder else []) + written.split("/")
    resolved: list[str] = []
    for segment in segments[:-1]:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment not in (".", ""):
            resolved.append(segment)
    last = segments[-1]
    if last in (".", ".."):
        if last == ".." and resolved:
            resolved.pop()
        last = ""
    return "/".join(resolved + [last])


def rewrite_page(text: str, rel: str, included: set[str], site_files: set[str], site_url: str,
                 memo: dict | None = None) -> str:
    """Links of one page made to work from file:// (see the module docstring).

    memo, shared by the pages of one zip, keeps each rewritten link by the page's folder, for
    the links (the menu, the theme's assets) that repeat on every page of a folder.
    """
    depth = rel.count("/")
    folder = rel.rpartition("/")[0]
    memo = {} if memo is None else memo
    site_root = site_url.rstrip("/") + "/"

    def fix(match: re.Match) -> str:
        key = (folder, match.group(2))
        if key not in memo:
            memo[key] = _fixed(match.group(2))
        new = memo[key]
        return match.group(0) if new is None else f"{match.group(1)}{new}{match.group(3)}"

    def _fixed(raw: str) -> str | None:
        """The attribute's new value, escaped, or None to keep it as it is."""
        value = html.unescape(raw)
        if not value or value.startswith(("#", "/")) or _SCHEME.match(value):
            return None
        rest, _, fragment = value.partition("#")
        written, _, query = rest.partition("?")
        if not written:
            return None  # this page itself
        target = _join(folder, written)
        path = unquote(target)
        file = path + "index.html" if path == "" or path.endswith("/") else path
        ending = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
        if file in included:
            if file == path:
                return None
            local = written if written != "." else "./"
            new = local.rstrip("/") + "/index.html" + ending
        elif file in site_files:
            new = site_root + target + ending
        else:
            return None
        return html.escape(new, quote=True)

    text = ATTRIBUTE.sub(fix, text)
    shim = "../" * depth + SHIM_PATH
    return text.replace("</head>", f'<script src="{shim}"></script>\n</head>', 1)


def search_index(site: Path, code: str) -> dict:
    lang = langs.by_code(code)
    return json.loads((site / lang.prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def search_script(site: Path, code: str) -> str:
    """This language's search index as the search_index.js that Material loads from file://."""
    index = search_index(site, code)
    for entry in index["docs"]:
        path, hash_, fragment = entry["location"].partition("#")
        if path == "" or path.endswith("/"):
            path += "index.html"
        entry["location"] = path + hash_ + fragment
    return "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def start_page(code: str, target: str) -> str:
    """index.html at the top of a non-default language's zip: opens that language's home page."""
    return (f'<!doctype html><html lang="{code}"><head><meta charset="utf-8"><title>{code}</title>'
            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
            f'<body><p><a href="{target}">{target}</a></p></body></html>\n')


def build_zip(site: Path, code: str, site_url: str) -> bytes:
    """The offline edition of one language, as the bytes of a zip file."""
    lang = langs.by_code(code)
    chosen = members(site, code, lunr_languages=search_index(site, code)["config"].get("lang") != ["en"])
    included = set(chosen) | {f"{lang.prefix}search/search_index.js", SHIM_PATH}
    site_files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    top = folder_name(code)
    buffer, memo = io.BytesIO(), {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        def add(name: str, data) -> None:
            # One fixed date for every entry: the same site gives the same zip, byte for byte.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, data, compresslevel=6)

        for rel in chosen:
            path = site / rel
            if path.suffix == ".html":
                add(f"{top}/{rel}", rewrite_page(path.read_text(encoding="utf-8"), rel, included, site_files,
                                                 site_url, memo))
            else:
                add(f"{top}/{rel}", path.read_bytes())
        add(f"{top}/{lang.prefix}search/search_index.js", search_script(site, code))
        add(f"{top}/{SHIM_PATH}", WORKER_SHIM.read_bytes())
        if lang.prefix:
            add(f"{top}/index.html", start_page(code, f"{lang.prefix}index.html"))
    return buffer.getvalue()


def write_zips(site: Path, target: Path, site_url: str, codes: list[str] | None = None) -> dict[str, Path]:
    """Write living-with-pain-offline-<code>.zip for each built language into target."""
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for code in codes or langs.codes():
        lang = langs.by_code(code)
        if not (site / lang.prefix / "search" / "search_index.json").is_file():
            continue  # language not built this time
        path = target / zip_name(code)
        path.write_bytes(build_zip(site, code, site_url))
        written[code] = path
    return written
