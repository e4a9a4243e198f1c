"""Paper and offline: the workbook page of each language, its PDF, and the offline zips from file://."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import LANGUAGES, soup_of
from painsite import linkcheck, offline, workbook
from painsite.paths import DOCS, ROOT
from painsite.site_config import mkdocs_config

OTHER = [lang for lang in LANGUAGES if not lang.default]
H1 = re.compile(r'<h1 id="page-title">(.*?)</h1>', re.S)


@pytest.fixture(scope="module")
def config() -> dict:
    return mkdocs_config()


@pytest.fixture(scope="module")
def modules(config) -> list[str]:
    """The workbook's modules, read from the "Modules" section of nav, as the hook reads them."""
    return workbook.section_pages(config["nav"])


def ui(config, code: str) -> dict:
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return next(entry for entry in plugin["languages"] if entry["locale"] == code)["extra"]["ui"]


def module_title(site: Path, lang, path: str) -> str:
    """The title (h1) of a module's own page in this language."""
    html = (site / lang.prefix / Path(path).with_suffix("") / "index.html").read_text(encoding="utf-8")
    heading = H1.search(html).group(1)
    return " ".join(BeautifulSoup(heading, "html.parser").get_text(" ").split())


# --- The workbook page ---------------------------------------------------------------------------

def test_modules_are_the_nav_section(modules):
    assert len(modules) >= 10 and all(path.startswith("participants/") for path in modules)
    assert workbook.section_pages([{"A": [{"Modules": ["x.md", {"Y": "y.md"}]}]}]) == ["x.md", "y.md"]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_workbook_has_cover_contents_and_every_module_in_nav_order(built_site, config, modules, lang):
    strings = ui(config, lang.code)
    page = built_site / lang.prefix / workbook.SLUG / "index.html"
    soup = soup_of(page)
    slugs = [workbook.module_slug(path) for path in modules]

    cover = soup.select_one("article .workbook-cover")
    assert cover.select_one("h1#page-title").get_text(strip=True) == strings["workbook"]
    assert strings["workbook_programme"] in cover.get_text()
    assert cover.select_one("time[datetime]") is not None
    assert [a["href"] for a in soup.select("article nav.workbook-contents a")] == [f"#{s}" for s in slugs]

    sections = soup.select("article section.workbook-module")
    assert [s["id"] for s in sections] == slugs
    for path, slug, section in zip(modules, slugs, sections):
        heading = section.select_one(f"h2#{slug}--page-title").get_text(" ")
        assert " ".join(heading.split()) == module_title(built_site, lang, path)
        assert section.select_one("h1") is None, "the workbook has one h1: module headings move down a level"
        # Each module keeps its footer: the sources, review dates and who checks it, on paper too.
        footer = section.select_one("footer.page-info")
        assert footer is not None, f"{slug}: no sources or review dates in the workbook"
        assert footer.select(".page-info__sources a[href^='https://']"), slug
        assert strings["reviewed"] in footer.get_text() and strings["review_due"] in footer.get_text()
        english = section.select_one("div[lang=en]")
        if lang.prefix and not (DOCS / lang.code / path).exists():
            assert strings["untranslated"] in section.select_one(".page-notice").get_text()
            assert english is not None and english["dir"] == "ltr"
        else:
            assert english is None

    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    for link in soup.select('article a[href^="#"]'):
        assert link["href"][1:] in ids, f"{page}: {link['href']}"
    # Not scored for readability: every module is scored on its own page.
    assert soup.select_one("meta[name=page-audience]") is None


def test_workbook_links_resolve(built_site):
    """Every link of the workbook pages names a file of the built site, and the anchor exists."""
    broken = []
    for lang in LANGUAGES:
        page = built_site / lang.prefix / workbook.SLUG / "index.html"
        base = linkcheck.LOCAL_BASE + page.relative_to(built_site).as_posix()
        for _, value, line in linkcheck._parse(page).links:
            parts = urlsplit(value)
            if not value or parts.scheme or value.startswith("//"):
                continue
            target = urlsplit(urljoin(base, value))
            file = linkcheck._target_file(built_site, target.path)
            if file is None or (target.fragment and file.suffix == ".html"
                                and unquote(target.fragment) not in linkcheck._parse(file).ids):
                broken.append(f"{page.relative_to(built_site)}:{line}: {value}")
    assert not broken, "\n".join(broken[:20])


def test_module_html_prefixes_ids_and_rewrites_links():
    html = ('<h1 id="page-title">T</h1><h2 id="a">A</h2><a href="#a">x</a><a href="../sleep/#b">s</a>'
            '<a href="../../tools/x/">t</a><a href="https://e.org/">e</a><label for="a">l</label>')
    out = BeautifulSoup(workbook.module_html(html, "pacing", "pl/participants/pacing/", "pl/workbook/",
                                             {"pl/participants/sleep/": "sleep"}), "html.parser")
    assert out.select_one("h2#pacing--page-title") and out.select_one("h3#pacing--a")
    assert [a["href"] for a in out.select("a")] == ["#pacing--a", "#sleep--b", "../tools/x/", "https://e.org/"]
    assert out.select_one("label")["for"] == "pacing--a"


# --- The PDF -------------------------------------------------------------------------------------

def test_make_pdf_prints_cover_contents_and_page_numbers(built_site, config, modules, tmp_path):
    from pypdf import PdfReader

    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", str(built_site),
                          "--out", str(tmp_path), "--lang", "en"],
                         capture_output=True, text=True, env=env, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    pdf = tmp_path / "workbook-en.pdf"
    assert f"{pdf}: " in run.stdout and " KB, " in run.stdout
    # NFKC: some fonts print "fl" as one ligature glyph, which pypdf reads back as "\ufb02".
    texts = [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(pdf).pages]
    total = len(texts)
    strings = ui(config, "en")
    assert total >= len(modules) + 2, "cover, contents, then each module on a new page"
    assert strings["workbook"] in texts[0] and config["site_name"] in texts[0]
    assert strings["workbook_contents"] in texts[1]
    titles = [module_title(built_site, LANGUAGES[0], path) for path in modules]
    assert all(title in texts[1] for title in titles)
    first_lines = {text.strip().splitlines()[0].strip() for text in texts[2:]}
    assert set(titles) <= first_lines, "each module starts on a new page"
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {total}" in text, f"page {number} has no page number"
    # Links to other pages go to the website, not to the local server the PDF was printed from;
    # phone numbers stay numbers to call (tel:) and text (sms:).
    uris = {annotation.get_object()["/A"].get("/URI") for page in PdfReader(pdf).pages
            for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()}
    uris.discard(None)
    web = {uri for uri in uris if not uri.startswith(("tel:", "sms:"))}
    assert web and all(uri.startswith("https://") for uri in web), sorted(web)[:5]
    assert "tel:999" in uris


# --- The offline edition -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_copies(built_site, tmp_path_factory) -> dict[str, Path]:
    """Each language's zip from the built site's downloads/, unpacked: code -> its top folder."""
    root = tmp_path_factory.mktemp("offline")
    copies = {}
    for lang in LANGUAGES:
        with zipfile.ZipFile(built_site / offline.DOWNLOADS / offline.zip_name(lang.code)) as archive:
            archive.extractall(root / lang.code)
        copies[lang.code] = root / lang.code / offline.folder_name(lang.code)
    return copies


def test_zips_are_linked_from_the_about_page(built_site):
    links = {a["href"] for a in soup_of(built_site / "about" / "index.html").select("article a[href]")}
    for lang in LANGUAGES:
        zip_path = built_site / offline.DOWNLOADS / offline.zip_name(lang.code)
        assert 100_000 < zip_path.stat().st_size < 5_000_000, f"{zip_path}: {zip_path.stat().st_size} bytes"
        assert f"../{offline.DOWNLOADS}/{offline.zip_name(lang.code)}" in links
        names = zipfile.ZipFile(zip_path).namelist()
        top = offline.folder_name(lang.code)
        assert f"{top}/index.html" in names and f"{top}/{lang.prefix}search/search_index.js" in names
        others = [o.prefix for o in LANGUAGES if o.prefix and o is not lang]
        assert not any(n[len(top) + 1:].startswith(tuple(others)) for n in names), "one language per zip"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_offline_links_point_at_files(offline_copies, lang):
    """From file:// a link to a folder shows a folder listing: every link names a file, and it exists."""
    root = offline_copies[lang.code]
    broken, external = linkcheck.check(root, site_path="/")
    assert not broken, "\n".join(str(b) for b in broken[:20])
    folders = []
    for html in sorted(root.rglob("*.html")):
        for _, value, line in linkcheck._parse(html).links:
            parts = urlsplit(value)
            if not value or value.startswith("#") or parts.scheme:
                continue
            target = Path(unquote(urlsplit(urljoin(html.as_uri(), value)).path))
            if not target.is_file():
                folders.append(f"{html.relative_to(root)}:{line}: {value}")
    assert not folders, "\n".join(folders[:20])


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_offline_copy_opens_from_file_with_no_network_and_search_works(browser, offline_copies, lang):
    root = offline_copies[lang.code]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((root / "index.html").as_uri())
    page.wait_for_url(f"**/{lang.prefix}index.html")
    assert page.evaluate("document.documentElement.lang") == lang.code
    page.goto((root / lang.prefix / "participants" / "understanding-pain" / "index.html").as_uri())
    query = page.evaluate("document.querySelector('h1').textContent.trim().split(/\\s+/)[0]")
    # As a reader does: tap the search box (which opens search), then enter the words. Results
    # show only while search is open (site.css keeps them out of the Tab order when closed).
    # fill() then a key press: Playwright types Urdu letters as text insertion, with no key
    # events, and Material searches on keyup; "End" gives it one without changing the words.
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=20000)
    except PlaywrightTimeout:
        shown = page.evaluate("""() => ({open: document.getElementById('__search').checked,
            meta: (document.querySelector('.md-search-result__meta') || {}).textContent})""")
        pytest.fail(f"no search results for {query!r} from file:// (the page showed {shown})")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert hrefs
    language_root = (root / lang.prefix).as_uri().rstrip("/") + "/"
    for href in hrefs:
        assert href.startswith(language_root), f"search left this language: {href}"
        others = [(root / o.prefix).as_uri() for o in LANGUAGES if o.prefix and o is not lang]
        assert not href.startswith(tuple(others)), href
        assert Path(unquote(urlsplit(href).path)).is_file(), f"search result is not a file: {href}"
    page.click(".md-search-result__item a")
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.evaluate("!!document.querySelector('h1')")
    context.close()
    assert not errors, errors
    outside = [url for url in requests if not url.startswith("file://")]
    assert not outside, f"requests left the file system: {outside[:10]}"
