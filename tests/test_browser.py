"""In Chromium: axe (WCAG 2.0/2.1/2.2 A and AA) on every built page, in light and dark palettes;
no sideways scrolling at 320 px; the first Tab reaches a working skip link; every request stays
on the site's own origin; search returns only the reader's language."""
from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import LANGUAGES, built_pages, page_url

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
AXE = Axe()


def pages_of(site: Path, lang) -> list[str]:
    others = tuple(l.prefix for l in LANGUAGES if l.prefix)
    urls = []
    for html in built_pages(site):
        url = page_url(site, html)
        if "/go/" in f"/{url}":
            continue  # short-address redirect pages, checked in test_front_doors
        if (lang.prefix and url.startswith(lang.prefix)) or (not lang.prefix and not url.startswith(others)):
            urls.append(url)
    return urls


def _describe(violations) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "; ".join(lines)


AXE_PARTS = 3  # each language's pages in 3 parts, so parallel workers share the work evenly


@pytest.mark.parametrize("part", range(AXE_PARTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_axe_every_page(browser, built_site, server_url, lang, scheme, part):
    """Light runs on a 320 px phone screen (and checks it never scrolls sideways); dark on a desktop."""
    viewport = {"width": 320, "height": 640} if scheme == "light" else {"width": 1280, "height": 800}
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server_url) else None)
    failures = []
    urls = pages_of(built_site, lang)[part::AXE_PARTS]
    assert urls
    for url in urls:
        page.goto(server_url + url, wait_until="load")
        expected = "slate" if scheme == "dark" else "default"
        actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert actual == expected, f"{url}: palette is {actual}, not {expected}"
        result = AXE.run(page, options=AXE_OPTIONS)
        if result.violations_count:
            failures.append(f"{url}: {_describe(result.response['violations'])}")
        if scheme == "light":
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wide > 0:
                failures.append(f"{url}: scrolls sideways by {wide} px at 320 px wide")
    context.close()
    assert not outside, f"requests left the site's origin: {sorted(set(outside))[:10]}"
    assert not failures, f"{len(failures)} of {len(urls)} {lang.code} pages fail ({scheme}):\n" + "\n".join(failures)


PAGE_TYPES = ["", "participants/understanding-pain/", "programme/week-1/", "get-help-now/", "glossary/",
              "about/privacy/", "participants/", "404.html"]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_first_tab_reaches_a_working_skip_link(browser, server_url, lang):
    context = browser.new_context()
    page = context.new_page()
    for path in PAGE_TYPES:
        if path == "404.html":
            continue  # no table of contents, so Material renders no skip link on the 404 page
        page.goto(f"{server_url}{lang.prefix}{path}")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.getAttribute('href')]")
        assert focused[0], f"{lang.prefix}{path}: first Tab went to {focused}"
        page.keyboard.press("Enter")
        target = focused[1].split("#")[1]
        assert page.evaluate("location.hash") == f"#{target}", f"{lang.prefix}{path}: skip link did not move"
        assert page.evaluate(f"!!document.getElementById('{target}')"), f"{lang.prefix}{path}: no #{target}"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_search_finds_pages_in_the_readers_language_only(browser, built_site, server_url, lang):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server_url}{lang.prefix}participants/understanding-pain/")
    # The page title is a word every language's Understanding pain page shares with its index.
    query = page.evaluate("document.querySelector('h1').textContent.trim().split(/\\s+/)[0]")
    page.wait_for_load_state("networkidle")
    index = f"{server_url}{lang.prefix}search/search_index.json"
    assert index not in requests, "the search index loaded before the reader opened search"
    page.click("input.md-search__input")
    page.keyboard.type(query)  # Material searches on keyup, as a reader types
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    context.close()
    assert hrefs
    others = [l.prefix for l in LANGUAGES if l.prefix and l is not lang]
    for href in hrefs:
        path = href[len(server_url):]
        if lang.prefix:
            assert path.startswith(lang.prefix), f"{lang.code} search returned {href}"
        assert not path.startswith(tuple(others)), f"{lang.code} search returned {href}"
    assert index in requests
    assert all(r.startswith(server_url) for r in requests)
