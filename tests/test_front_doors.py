"""GP and healthcare-worker front doors: QR codes that scan, a leaflet that prints on 2 pages,
short addresses that lead to their page, and knowledge checks that work without JavaScript."""
import io
import re
from urllib.parse import urljoin

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from conftest import ENGLISH_FALLBACK, LANGUAGES
from painsite import languages

pytestmark = pytest.mark.browser
SITE_URL = languages.site_url()


def decode_svgs(page, selector: str) -> list[str]:
    """Read each QR code as Chromium draws it, as a phone camera would."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    found = []
    for element in page.query_selector_all(selector):
        png = element.screenshot()
        results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
        found.append(results[0].text if results else "")
    return found


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_leaflet_qr_codes_open_the_linked_pages(browser, server_url, built_site, lang):
    """Each code on the leaflet holds the short address printed under it, and that address
    opens the page the link goes to."""
    page = browser.new_page()
    page.goto(f"{server_url}{lang.prefix}gps/leaflet/")
    links = page.eval_on_selector_all("a.qr", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 4
    printed = page.eval_on_selector_all("span.qr-figure .qr-address", "els => els.map(e => e.textContent)")
    decoded = decode_svgs(page, "span.qr-figure svg.qr-code")
    page.close()
    assert decoded == [f"https://{address}" for address in printed]
    for href, address in zip(links, decoded):
        target = urljoin(f"{SITE_URL}{lang.prefix}gps/leaflet/", href)
        assert address.startswith(SITE_URL), address
        short = address[len(SITE_URL):]
        if "/go/" in f"/{short}":
            redirect = REFRESH.search((built_site / short / "index.html").read_text(encoding="utf-8"))
            assert urljoin(address, redirect.group("url")) == target, (address, target)
        else:
            assert address == target
        # A translated leaflet's codes open pages in its own language (or another language's
        # leaflet, named as such), never an English page in their place.
        opened = built_site / target[len(SITE_URL):].split("#")[0] / "index.html"
        assert "<article" in opened.read_text(encoding="utf-8"), target
        fallback = BeautifulSoup(opened.read_text(encoding="utf-8"), "html.parser").select_one(ENGLISH_FALLBACK)
        assert fallback is None, f"{lang.code} leaflet: {address} opens an English page"


REFRESH = re.compile(r'http-equiv="refresh" content="0; url=(?P<url>[^"]+)"')


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_every_module_has_a_short_address_and_qr_code(browser, server_url, built_site, lang):
    modules = sorted(p.parent.name for p in (built_site / "participants").glob("*/index.html"))
    assert len(modules) >= 16
    page = browser.new_page()
    for module in modules:
        module_url = f"{lang.prefix}participants/{module}/"
        soup = BeautifulSoup((built_site / module_url / "index.html").read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one(".page-info__share a")
        short = link.get("href") if link else None
        assert short and short.startswith(f"{SITE_URL}{lang.prefix}go/"), f"{lang.code} {module}: {short}"
        # The code as Chromium draws it decodes to the short address (drawn on a blank page:
        # loading the whole module page 48 times made this the slowest test).
        page.set_content(f'<body style="margin:0;background:#fff">{soup.select_one(".page-info__share svg.qr-code")}</body>')
        assert decode_svgs(page, "svg.qr-code") == [short], f"{lang.code} {module}"
        # The short address's redirect page points at the module in the same language.
        redirect = short[len(SITE_URL):]
        target = REFRESH.search((built_site / redirect / "index.html").read_text(encoding="utf-8")).group("url")
        assert urljoin(redirect, target) == module_url, f"{redirect} leads to {target}"
    # And a browser that opens a short address ends on the module.
    page.goto(server_url + redirect)
    page.wait_for_url(re.compile(f"{re.escape(server_url)}{re.escape(module_url)}$"))
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_leaflet_prints_on_at_most_two_a4_pages(browser, server_url, lang):
    page = browser.new_page()
    page.goto(f"{server_url}{lang.prefix}gps/leaflet/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages <= 2, f"{lang.code} leaflet prints on {pages} A4 pages"


def test_qr_codes_hold_short_addresses_under_whatever_site_url_a_trust_uses(browser):
    """A trust that deploys elsewhere sets site_url; the short address and the code drawn for it
    follow, in every language, and a phone camera reads back exactly that address."""
    import importlib
    import sys
    from types import SimpleNamespace

    from painsite import qr
    from painsite.paths import DOCS, ROOT

    sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
    short_links = importlib.import_module("short_links")
    config = SimpleNamespace(site_url="https://trust.example.nhs.uk/pain/", docs_dir=str(DOCS))
    page = browser.new_page()
    try:
        for lang in LANGUAGES:
            target = f"https://trust.example.nhs.uk/pain/{lang.prefix}participants/pacing/"
            address = short_links._short_address(config, target)
            assert address == f"https://trust.example.nhs.uk/pain/{lang.prefix}go/pacing/"
            drawing = qr.svg(address, "QR code: Pacing")
            assert drawing.startswith('<svg role="img" aria-label="QR code: Pacing"')
            page.set_content(f"<body style='margin:20px;background:#fff'><span id=c>{drawing}</span></body>")
            assert decode_svgs(page, "#c svg") == [address]
    finally:
        page.close()


TRAINING = ["pain-science", "threat-and-soothing", "pacing-and-graded-activity", "flare-ups", "sleep",
            "mood-and-distress", "medicines", "communication", "supporting-groups", "health-inequalities"]


@pytest.mark.parametrize("unit", TRAINING)
def test_training_unit_has_a_knowledge_check_and_links_for_patients(built_site, unit):
    """Its sections, in order, are a rule of page.schema.json (x-sections), checked before the build."""
    html = (built_site / "professionals" / unit / "index.html").read_text(encoding="utf-8")
    questions = html.count('<details class="question"')
    assert 3 <= questions <= 5, f"{unit}: {questions} knowledge-check questions"
    assert 'href="../../participants/' in html or 'href="../../programme/' in html


def test_knowledge_check_answers_work_without_javascript_and_by_keyboard(browser, server_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server_url}professionals/pain-science/")
    first = page.locator("details.question").first
    assert not first.evaluate("d => d.open")
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.evaluate("d => d.open")
    assert "Answer" in first.inner_text()
    context.close()
