"""HTTP security and caching headers for the built site, with a Content-Security-Policy that fits it.

The policy forbids inline code. Material for MkDocs still puts a few small inline <script>
elements in every page (the __md_scope/__md_get helpers, the palette and anchor ones), and their
text changes with the page's depth (base_url) and with site_url, so they are allowed by their
SHA-256 hashes, worked out from the built pages rather than written by hand. Only scripts that
are the theme's own (scripts/painsite/theme_scripts.py) get a hash: any other inline script in
a page stops the build (UntrustedScript), so content can never add code to the policy. Hashes
also allow the style="" attributes that Markdown writes (a right-aligned table column gives
style="text-align: right;"): each exact value is allowed by its hash under style-src-attr with
'unsafe-hashes', so no other inline style can run. <script type="application/json"> blocks are
data, not code, and need no hash.

scripts/hooks/security_headers.py calls write_deploy_files() after the last language is built:

- site/_headers: the headers in the format Netlify and Cloudflare Pages read;
- site/_nginx/security-headers.conf: the same headers as nginx `add_header` lines, included by
  deploy/nginx.conf (which refuses to serve site/_nginx/ and site/_headers);
- site/robots.txt, with the address of the sitemap taken from site_url.

The files travel with the site they were computed from, so the hashes can never belong to an
older build. tests/test_deploy.py serves the site with real nginx and checks every header.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import theme_scripts
from .paths import ROOT

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
HEADERS_FILE = "_headers"  # Netlify / Cloudflare Pages
NGINX_HEADERS_FILE = "_nginx/security-headers.conf"  # included by deploy/nginx.conf, never served

# Material's fingerprinted files: assets/stylesheets/main.57a0d79d.min.css,
# assets/javascripts/bundle.a5f9d56c.min.js, assets/javascripts/workers/search.a7633da7.min.js
# and their source maps. A new Material release gives them new names, so they can be cached for good.
# So does the Urdu font (assets/fonts/noto-nastaliq-urdu.<hash>.woff2, scripts/make_urdu_font.py).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.(?:min\.(?:css|js)(?:\.map)?|woff2)$")

LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"  # HTML and other files that keep their name: 5 minutes

# Powerful browser features the site never uses, switched off for the page and anything it embeds.
# browsing-topics is the successor of interest-cohort (FLoC), which browsers no longer know.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
))


def sha256_source(text: str) -> str:
    """A CSP hash source for inline code: 'sha256-<base64 of the SHA-256 of its UTF-8 text>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """The inline code of a built site, as CSP hash sources."""
    scripts: set[str] = field(default_factory=set)  # the theme's <script> elements without src
    styles: set[str] = field(default_factory=set)  # <style> elements
    style_attrs: set[str] = field(default_factory=set)  # style="" attribute values
    untrusted: list[str] = field(default_factory=list)  # other inline scripts: their start

    def update(self, other: InlineCode, where: str = "") -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attrs |= other.style_attrs
        self.untrusted += [f"{where}: {text}" if where else text for text in other.untrusted]


class UntrustedScript(Exception):
    """A built page carries an inline script that is not the theme's."""

    def __init__(self, found: list[str]):
        self.found = found
        listing = "\n".join(f"  {item}" for item in found[:20])
        super().__init__(
            f"{len(found)} inline script(s) in the built pages are not the theme's, so the "
            f"Content-Security-Policy will not allow them and the build stops:\n{listing}\n"
            "Fix: remove the script from the page (scripts belong in docs/assets/, loaded by the "
            "theme). If a theme upgrade added it, see scripts/painsite/theme_scripts.py.")

    def __reduce__(self):  # raised in a worker process of painsite.build, re-raised in the parent
        return UntrustedScript, (self.found,)


# Script types that are data, not code (Material's configuration is application/json). Every
# other type counts as code: browsers run 'text/javascript; charset=utf-8' too, and an import
# map, JSON as well, steers where scripts load from. Refusing more than a browser runs is safe.
_DATA_TYPES = {"application/json", "application/ld+json"}


# Regular expressions rather than a full HTML parser: the build runs this over every page, and
# a parser in Python cost about 20 ms a page. Chromium checks the result in tests/test_deploy.py.
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.S | re.I)
_STYLE_ATTR = re.compile(r"""<[a-zA-Z][^>]*?\sstyle\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.I)


def scan_html(text: str, trusted=theme_scripts.is_theme_script) -> InlineCode:
    """Inline code in one page. trusted(body) says whether an inline script may run: by
    default, only the theme's own scripts; any other is listed in .untrusted, never hashed."""
    found = InlineCode()
    for match in _SCRIPT.finditer(text):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs) or (kind and kind.group("type").lower() in _DATA_TYPES):
            continue
        body = match.group("body")
        if trusted(body):
            found.scripts.add(sha256_source(body))
        else:
            found.untrusted.append(" ".join(body.split())[:80] or "(empty)")
    for match in _STYLE.finditer(text):
        found.styles.add(sha256_source(match.group("body")))
    for match in _STYLE_ATTR.finditer(text):
        value = match.group("dq") if match.group("dq") is not None else match.group("sq")
        found.style_attrs.add(sha256_source(html.unescape(value)))
    return found


def scan(site: Path) -> InlineCode:
    """Every inline script, style element and style attribute in site/**/*.html."""
    found = InlineCode()
    for page in sorted(site.rglob("*.html")):
        found.update(scan_html(page.read_text(encoding="utf-8")), page.relative_to(site).as_posix())
    return found


def content_security_policy(inline: InlineCode) -> str:
    """The strictest policy under which the site runs with no violation."""
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", *sorted(inline.scripts)]),
        ("style-src", ["'self'", *sorted(inline.styles)]),
    ]
    if inline.style_attrs:
        directives.append(("style-src-attr", ["'unsafe-hashes'", *sorted(inline.style_attrs)]))
    directives += [
        ("img-src", ["'self'", "data:"]),  # Material's icons are data: SVGs in its CSS
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),  # the search index
        ("worker-src", ["'self'"]),  # the search worker
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def security_headers(csp: str) -> dict[str, str]:
    """Headers for every response (pages, assets and 404 pages alike)."""
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",  # a health site: other sites are not told which page was read
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",  # frame-ancestors 'none' for browsers that predate it
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def fingerprinted_files(site: Path) -> list[str]:
    """Paths (from the site's root, starting with /) of files whose name changes with their content."""
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and FINGERPRINTED.search(p.name))


def headers_file(headers: dict[str, str], fingerprinted: list[str]) -> str:
    """site/_headers for Netlify and Cloudflare Pages (paths from the published folder's root).

    Each header name is set by one rule only: those hosts merge matching rules differently
    (Netlify lets the later rule win, Cloudflare joins the values), so Cache-Control is given to
    the fingerprinted files alone, and HTML keeps the host's default (revalidate every time).
    """
    lines = ["# Generated by scripts/hooks/security_headers.py at build time: do not edit.",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path in fingerprinted:
        lines += [path, f"  Cache-Control: {LONG_CACHE}"]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: dict[str, str]) -> str:
    """add_header lines for nginx; `always` so 404 pages carry them too."""
    lines = ["# Generated by scripts/hooks/security_headers.py at build time: do not edit.",
             "# Included by deploy/nginx.conf in every location that sets its own headers."]
    for name, value in headers.items():
        if any(c in value for c in '"$\\\n'):
            raise ValueError(f"{name}: value cannot be written as an nginx string: {value!r}")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(site_url, 'sitemap.xml')}\n"


def write_deploy_files(site: Path, site_url: str) -> dict[str, str]:
    """Write _headers, _nginx/security-headers.conf and robots.txt into the built site.
    Raises UntrustedScript, writing nothing, when a page carries an inline script not the theme's."""
    inline = scan(site)
    if inline.untrusted:
        raise UntrustedScript(inline.untrusted)
    headers = security_headers(content_security_policy(inline))
    (site / HEADERS_FILE).write_text(headers_file(headers, fingerprinted_files(site)), encoding="utf-8")
    nginx_file = site / NGINX_HEADERS_FILE
    nginx_file.parent.mkdir(parents=True, exist_ok=True)
    nginx_file.write_text(nginx_headers(headers), encoding="utf-8")
    (site / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    return headers


# deploy/nginx.conf is written for the defaults below. nginx_config() gives the same file for
# another URL path, folder or port (`python -m painsite.security nginx --help`).
DEFAULT_PATH = "/living-with-pain/"
DEFAULT_WWW_ROOT = "/srv/www"
DEFAULT_LISTEN = "80"
DEFAULT_ACCESS_LOG = "/var/log/nginx/access.log"


def nginx_config(path: str = DEFAULT_PATH, www_root: str = DEFAULT_WWW_ROOT,
                 listen: str | None = None, server_name: str | None = None,
                 template: Path = NGINX_TEMPLATE, access_log: str | None = None) -> str:
    """deploy/nginx.conf for the site served at `path` from the folder www_root + path.

    path is the path of site_url ('/' when the site has a host of its own).
    """
    if not (path.startswith("/") and path.endswith("/")):
        raise ValueError(f"path must start and end with '/': {path!r}")
    text = template.read_text(encoding="utf-8")
    from . import languages
    missing = [lang.code for lang in languages.languages()
               if lang.prefix and f"error_page 404 {DEFAULT_PATH}{lang.prefix}404.html;" not in text]
    if missing:  # that language's readers would get the English 404 page
        raise ValueError(f"{template}: no location block for {', '.join(missing)}: copy the 'pl' block "
                         f"(location {DEFAULT_PATH}pl/ {{ error_page 404 ...; }}) for each")
    text = text.replace(DEFAULT_WWW_ROOT + DEFAULT_PATH, www_root.rstrip("/") + path)
    text = text.replace(DEFAULT_WWW_ROOT, www_root.rstrip("/") or "/")
    text = text.replace(DEFAULT_PATH, path)
    if access_log is not None:
        text = text.replace(f"access_log {DEFAULT_ACCESS_LOG} ", f"access_log {access_log} ")
    if listen is not None:
        text = re.sub(r"^(\s*)listen\s+80;\n\s*listen\s+\[::\]:80;\n",
                      lambda m: f"{m.group(1)}listen {listen};\n", text, count=1, flags=re.M)
    if server_name is not None:
        text = re.sub(r"^(\s*)server_name\s+[^;]+;", lambda m: f"{m.group(1)}server_name {server_name};",
                      text, count=1, flags=re.M)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m painsite.security",
                                     description="Deployment files for the built site.")
    sub = parser.add_subparsers(dest="command", required=True)
    nginx = sub.add_parser("nginx", help="print deploy/nginx.conf for another path, folder or port")
    nginx.add_argument("--path", default=None,
                       help="URL path the site is served at (default: the path of site_url)")
    nginx.add_argument("--www-root", default=DEFAULT_WWW_ROOT,
                       help="folder that holds the site: the site itself is in <www-root><path>")
    nginx.add_argument("--listen", default=None, help="listen address or port (default: 80)")
    nginx.add_argument("--server-name", default=None, help="server_name (default: example.nhs.uk)")
    headers = sub.add_parser("headers", help="(re)write the header files into a built site")
    headers.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    from . import languages
    if args.command == "nginx":
        path = args.path or urlsplit(languages.site_url()).path or "/"
        try:
            sys.stdout.write(nginx_config(path, args.www_root, args.listen, args.server_name))
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
    else:
        for name, value in write_deploy_files(args.site, languages.site_url()).items():
            print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
