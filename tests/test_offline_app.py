"""Installable and offline: the service worker and web app manifests (scripts/painsite/offline_app.py).

In Chromium: after one visit a service worker is registered and, once the page has loaded,
saves the reader's language; then, with the network cut and the server stopped, pages of that
language open (English, Polish, Urdu). A new build (another version) is fetched and used, and
files that did not change are not downloaded again. No request leaves the site's origin and
nothing from another origin is kept. Each language's manifest is valid, with the right
start_url, scope, lang and dir, and icons that exist and were made from today's favicon.svg.
nginx tells browsers to check sw.js again every time.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from conftest import LANGUAGES
from painsite import offline_app
from painsite.paths import ROOT
from painsite.serve import _Handler, serve
from test_deploy import nginx_server, nginx_url  # noqa: F401 (fixtures: nginx with deploy/nginx.conf)

sys.path.insert(0, str(ROOT / "scripts"))
import make_icons  # noqa: E402

pytestmark = pytest.mark.browser

CACHE_PREFIX = "living-with-pain-"
HEADER_BLUE = "rgb(0, 94, 184)"


class _LoggingHandler(_Handler):
    """The site as painsite.serve serves it, recording each request's path and time."""

    log: list[tuple[float, str]]

    def do_GET(self):
        self.log.append((time.time() * 1000, self.path.split("?")[0]))
        return super().do_GET()


@contextmanager
def logged_server(site: Path):
    """Yields (base URL, request log); the server stops when the block ends."""
    log: list[tuple[float, str]] = []
    with serve(site, type("Handler", (_LoggingHandler,), {"log": log})) as url:
        yield url, log


WAIT_SAVED = """async (lang) => {
  const names = (await caches.keys()).filter(n => n.startsWith('living-with-pain-') && n.endsWith('-' + lang));
  for (const name of names) {
    const cache = await caches.open(name);
    if (await cache.match(new URL('assets/offline-app/' + lang + '.json', location.origin + ROOT).href)) return name;
  }
  return false;
}"""


def poll(page, script: str, arg=None, timeout: float = 60):
    """page.evaluate(script, arg) again and again until it gives a true value (Playwright's
    wait_for_function does not wait for a promise)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        time.sleep(0.2)


def wait_saved(page, base: str, lang: str) -> str:
    """Waits until the service worker has saved the whole language; returns the cache's name."""
    root = "/" + base.split("/", 3)[3]
    # The Urdu copy (4.6 MB with its font) can take a while on a busy 2-core test machine.
    return poll(page, WAIT_SAVED.replace("ROOT", json.dumps(root)), lang, timeout=120)


def cached_urls(page) -> list[str]:
    return page.evaluate("""async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    }""")


def record_requests(context) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_after_one_visit_the_readers_language_opens_offline(browser, built_site, lang):
    context = browser.new_context()
    seen = record_requests(context)
    page = context.new_page()
    with logged_server(built_site) as (base, log):
        page.goto(base + lang.prefix + "participants/pacing/", wait_until="load")
        loaded_at = page.evaluate("performance.timing.loadEventEnd")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
        name = wait_saved(page, base, lang.code)
        assert name.startswith(CACHE_PREFIX) and name.endswith("-" + lang.code)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))")
        # The background download starts only once the page has loaded (it is not part of the
        # first view): sw.js and the language's list are fetched after the load event.
        worker_requests = [(at, path) for at, path in log
                           if path.endswith(("/sw.js", f"/assets/offline-app/{lang.code}.json"))]
        assert len(worker_requests) >= 2, log
        assert all(at >= loaded_at for at, _ in worker_requests), (loaded_at, worker_requests)
        listed = json.loads((built_site / offline_app.LISTS / f"{lang.code}.json").read_text())["files"]
        urls = set(cached_urls(page))
        assert {base + rel for rel, _ in listed} <= urls
    # No signal: the server is gone and the browser is offline.
    context.set_offline(True)
    for path in ["", "participants/sleep/", "tools/pacing-planner/", "glossary/"]:
        tab = context.new_page()
        response = tab.goto(base + lang.prefix + path, wait_until="load")
        assert response is not None and response.ok, path
        assert tab.evaluate("document.documentElement.lang") == lang.code, path
        assert tab.evaluate("document.documentElement.dir || getComputedStyle(document.body).direction") \
            == ("rtl" if lang.rtl else "ltr"), path
        # The theme's stylesheets came from the saved copy too.
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
            == HEADER_BLUE, path
        assert tab.title(), path
        tab.close()
    # Search works offline: its index is in the copy.
    tab = context.new_page()
    tab.goto(base + lang.prefix + "participants/pacing/", wait_until="load")
    tab.focus("input.md-search__input")
    # Material searches on keyup, and Playwright types Urdu without key events: enter the words,
    # then press a key, as the other search tests do.
    tab.fill("input.md-search__input", "pacing" if lang.code == "en" else tab.evaluate(
        "document.querySelector('h1').textContent.trim().split(/\\s+/)[0]"))
    tab.keyboard.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=30_000)
    # Nothing left the site's origin, and nothing from another origin was kept.
    assert all(url.startswith(base) for url in seen), [u for u in seen if not u.startswith(base)]
    assert all(url.startswith(base) for url in cached_urls(tab))
    context.close()


def test_a_new_build_is_fetched_and_used(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)
    old_version = json.loads((site / offline_app.LISTS / "en.json").read_text())["version"]
    context = browser.new_context()
    page = context.new_page()
    with logged_server(site) as (base, log):
        page.goto(base + "participants/pacing/", wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
        assert wait_saved(page, base, "en") == f"{CACHE_PREFIX}{old_version}-en"
        old_title = page.title()
        # The next build changes one page; the finishing step writes a new version.
        pacing = site / "participants/pacing/index.html"
        pacing.write_text(pacing.read_text(encoding="utf-8").replace("<title>", "<title>New build: ", 1),
                          encoding="utf-8")
        new_version = offline_app.write(site)
        assert new_version != old_version
        assert new_version in (site / offline_app.SW_FILE).read_text()
        log.clear()
        # The browser checks sw.js again on a visit; here at once.
        page.reload(wait_until="load")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        poll(page, """async (name) => { const keys = await caches.keys();
                 return keys.includes(name) && !keys.some(k => k.startsWith('living-with-pain-') && k !== name); }""",
             f"{CACHE_PREFIX}{new_version}-en")
        fetched = {path for _, path in log}
        # Files that did not change were copied from the old copy, not downloaded again.
        assert "/participants/pacing/" in fetched
        assert not any(path.endswith((".min.js", ".min.css", "/search_index.json", ".png")) for _, path in log), fetched
        assert "/participants/sleep/" not in fetched
    context.set_offline(True)
    tab = context.new_page()
    tab.goto(base + "participants/pacing/", wait_until="load")
    assert tab.title().startswith("New build: ") and not old_title.startswith("New build: ")
    tab.goto(base + "participants/sleep/", wait_until="load")
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == HEADER_BLUE
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_manifest_per_language(built_site, lang):
    folder = built_site / lang.prefix
    data = json.loads((folder / offline_app.MANIFEST).read_text(encoding="utf-8"))
    assert data["lang"] == lang.code
    assert data["dir"] == ("rtl" if lang.rtl else "ltr")
    assert data["start_url"] == "./" and data["scope"] == "./"  # relative to the manifest: the language's folder
    assert data["display"] in ("standalone", "minimal-ui", "fullscreen")
    assert data["name"] and data["short_name"] and len(data["short_name"]) <= 15
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"]) and data["background_color"]
    assert "prefer_related_applications" not in data
    sizes = set()
    for icon in data["icons"]:
        png = (folder / icon["src"]).resolve()
        assert png.is_file() and png.is_relative_to(built_site.resolve()), icon
        width, height, texts = make_icons.png_info(png.read_bytes())
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        assert texts.get("Source") == make_icons.source_hash(), \
            "favicon.svg changed: run `PYTHONPATH=scripts python scripts/make_icons.py`"
        sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes  # Chromium's install criteria
    # Every page of the language links its own manifest (404 pages do by the site_url path;
    # the short addresses in go/ are redirects).
    pages = [offline_app._file_of(built_site, rel) for rel in offline_app.files(built_site, lang.code)
             if rel == lang.prefix or rel.endswith("/")]
    assert len(pages) > 20
    for html in pages:
        link = re.search(r'<link rel="manifest" href="([^"]+)"', html.read_text(encoding="utf-8"))
        assert link, html
        assert (html.parent / link.group(1)).resolve() == (folder / offline_app.MANIFEST).resolve(), html


def test_precache_lists_hold_only_this_sites_files(built_site):
    for lang in LANGUAGES:
        data = json.loads((built_site / offline_app.LISTS / f"{lang.code}.json").read_text())
        for rel, _ in data["files"]:
            assert not re.match(r"^[a-z]+:|^/", rel), rel
            assert offline_app._file_of(built_site, rel).is_file(), rel
            assert not rel.startswith(tuple(o.prefix for o in LANGUAGES if o.prefix and o != lang)), rel
            assert not rel.startswith(("downloads/", "_nginx/")) and not rel.endswith(".map"), rel
    # The worker script is small: it is fetched on the first visit.
    assert len((built_site / offline_app.SW_FILE).read_bytes()) < 8 * 1024


def test_first_visit_with_the_worker_stays_within_budget(browser, built_site):
    """The first view, measured as tests/test_page_weight.py does, plus sw.js (Chromium fetches it
    after the load event, where the page's own requests do not show it): still within budget.
    The language's copy comes after that, in the background (offline_app.cost() says how much)."""
    from page_weight import first_budget

    from painsite.page_weight import measure, wire_size

    worker = wire_size(built_site / offline_app.SW_FILE)
    assert worker < 3 * 1024
    for weight in measure(built_site, ["", "ur/participants/understanding-pain/"], browser=browser):
        assert weight.first_visit + worker <= first_budget(weight.page), weight.page
        # The page itself loads no other page: those come later, from the service worker.
        assert [p for p in weight.files if p.endswith("/") or p.endswith(".html")] == ["/" + weight.page.lstrip("/")]


def test_no_worker_from_the_file_system_or_under_mkdocs_serve(browser, built_site):
    """The offline zip's pages (file://) register nothing; the preview's sw.js removes itself."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_site / "participants/pacing/index.html").as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("!navigator.serviceWorker || navigator.serviceWorker.controller === null")
    context.close()


def test_the_preview_worker_removes_an_old_copy(browser, built_site, tmp_path):
    """A browser that kept the copy of a build served at the same address as `mkdocs serve` gets
    the preview's sw.js, which deletes the copy and unregisters itself."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)
    context = browser.new_context()
    page = context.new_page()
    with logged_server(site) as (base, _):
        page.goto(base + "participants/pacing/", wait_until="load")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
        wait_saved(page, base, "en")
        offline_app.write_preview(site)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        poll(page, """async () => !(await navigator.serviceWorker.getRegistration())
                       && !(await caches.keys()).some(k => k.startsWith('living-with-pain-'))""")
    context.close()


def test_nginx_makes_browsers_check_the_worker_again(nginx_url):  # noqa: F811
    response = requests.get(nginx_url + "sw.js", timeout=10)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Content-Security-Policy" in response.headers
    assert "worker-src 'self'" in response.headers["Content-Security-Policy"]
    for lang in LANGUAGES:
        response = requests.get(nginx_url + lang.prefix + "manifest.webmanifest", timeout=10)
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("application/manifest+json")
        assert "Content-Security-Policy" in response.headers
