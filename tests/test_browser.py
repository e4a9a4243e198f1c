"""In Chromium: axe (WCAG 2.0/2.1/2.2 A and AA) on every built page, in light and dark palettes;
no sideways scrolling at 320 px; the first Tab reaches a working skip link; every request stays
on the site's own origin; search returns only the reader's language."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ENGLISH_FALLBACK, LANGUAGES, axe_run, built_pages, page_url

pytestmark = pytest.mark.browser


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


AXE_PARTS = 6  # each language's pages in 6 parts, so parallel workers share the work evenly


def axe_parts(site: Path, lang) -> list[list[str]]:
    """The language's pages in AXE_PARTS parts of about the same size. axe's time grows with the
    page, and one page (the workbook, every module at once) is as big as 40 others: the largest
    pages are dealt out first, each to the part with the fewest bytes so far."""
    def size(url: str) -> int:
        return (site / (url + "index.html" if url == "" or url.endswith("/") else url)).stat().st_size
    parts: list[list[str]] = [[] for _ in range(AXE_PARTS)]
    totals = [0] * AXE_PARTS
    for url in sorted(pages_of(site, lang), key=lambda u: (-size(u), u)):
        smallest = totals.index(min(totals))
        parts[smallest].append(url)
        totals[smallest] += size(url)
    return [sorted(part) for part in parts]
# One page of each kind, for the dark-palette pass in languages other than English.
DARK_SAMPLE = {"", "participants/", "participants/understanding-pain/", "participants/pacing/",
               "programme/", "programme/week-1/", "tools/", "tools/pacing-planner/", "tools/goals/",
               "get-help-now/", "glossary/", "gps/leaflet/", "about/", "about/privacy/", "workbook/",
               "professionals/pain-science/", "404.html"}
SCREENS = {"light": {"width": 320, "height": 640}, "dark": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("part", range(AXE_PARTS))
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_axe_every_page(browser, built_site, server_url, lang, part):
    """Each page loads in the light palette on a 320 px phone screen (and must never scroll
    sideways), then is shown in the dark palette on a desktop screen (in languages other than
    English, one page of each kind: see DARK_SAMPLE): the theme follows the
    system setting as it changes, so one load serves both checks. On untranslated pages everything
    but the English text is checked (the sideways-scroll check still covers the whole page)."""
    context = browser.new_context()  # palette and screen size are set for each page below
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server_url) else None)
    failures = []
    urls = axe_parts(built_site, lang)[part]
    assert urls
    for url in urls:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(SCREENS["light"])
        page.goto(server_url + url, wait_until="load")
        untranslated = page.locator(ENGLISH_FALLBACK).count() > 0
        where = {"include": [["html"]], "exclude": [[ENGLISH_FALLBACK]]} if untranslated else None
        # Contrast in the dark palette depends on the theme and the kind of element, which a
        # translation shares with its English page (tests/test_parity.py holds the markup the
        # same): every English page gets the dark pass; other languages, one page of each kind.
        dark = not lang.prefix or url.removeprefix(lang.prefix) in DARK_SAMPLE
        for scheme, palette in (("light", "default"), ("dark", "slate"))[: 2 if dark else 1]:
            if scheme == "dark":
                page.emulate_media(color_scheme="dark")
                page.set_viewport_size(SCREENS["dark"])
                # The theme hears of the change a moment later, then fades between palettes:
                # wait for the switch, then jump to the colours the fade ends with.
                try:
                    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'", timeout=5000)
                except PlaywrightTimeout:
                    pass  # reported just below, with the palette the page kept
                # The resize can start transitions a frame later (the desktop tabs fade in), so
                # let two frames pass before finishing them, and finish any started since.
                page.evaluate("""async () => {
                    const frame = () => new Promise(r => requestAnimationFrame(() => r()));
                    for (let i = 0; i < 3; i++) {
                        await frame(); await frame();
                        document.getAnimations().forEach(a => a.finish());
                    }
                }""")
            actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert actual == palette, f"{url}: palette is {actual}, not {palette} ({scheme} system setting)"
            result = axe_run(page, where)
            if result.violations_count:
                failures.append(f"{url} ({scheme}): {_describe(result.response['violations'])}")
            if scheme == "light":
                wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if wide > 0:
                    failures.append(f"{url}: scrolls sideways by {wide} px at 320 px wide")
    context.close()
    assert not outside, f"requests left the site's origin: {sorted(set(outside))[:10]}"
    assert not failures, f"{len(failures)} problems on {len(urls)} {lang.code} pages:\n" + "\n".join(failures)


def test_axe_reports_a_known_problem(page):
    """The check above can fail: a picture without a text alternative is reported."""
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert "image-alt" in {v["id"] for v in axe_run(page).response["violations"]}


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
