"""Urdu is set in Nastaliq: a cut-down Noto Nastaliq Urdu, served from the site, on Urdu pages only,
on screen and in print."""
import io
import re

import pytest

import make_urdu_font as font
from painsite.paths import DOCS


def test_the_font_covers_every_character_urdu_pages_use():
    current = font.current_font()
    assert current is not None, "run python scripts/make_urdu_font.py"
    missing = font.missing_from(current, font.used_characters())
    assert not missing, f"{current.name} lacks {missing}: run python scripts/make_urdu_font.py"
    assert current.stat().st_size <= 120 * 1024, "the font should be cut down to the characters used"


def test_the_stylesheet_loads_this_font_and_its_licence_is_beside_it():
    css = (DOCS / "assets" / "site.css").read_text(encoding="utf-8")
    assert f"fonts/{font.current_font().name}" in css
    assert re.search(r"@font-face\s*\{[^}]*font-display:\s*swap", css), "text must show at once"
    licence = (DOCS / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "Noto Nastaliq Urdu" in licence


@pytest.mark.browser
def test_urdu_pages_are_drawn_and_printed_in_nastaliq(browser, server_url):
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 360, "height": 800})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(f"{server_url}ur/participants/pacing/", wait_until="networkidle")
        # The site's own copy, not a font the machine happens to have (Debian's has the same name).
        assert any(url.endswith(font.current_font().name) for url in requested), requested
        page.evaluate("document.fonts.ready")
        assert page.evaluate("document.fonts.check('16px \"Noto Nastaliq Urdu\"', 'درد')")
        paragraph = page.locator("article p").first
        size, height = paragraph.evaluate(
            "p => [parseFloat(getComputedStyle(p).fontSize), parseFloat(getComputedStyle(p).lineHeight)]")
        assert height >= 2 * size, "Nastaliq needs a taller line"
        assert "Noto Nastaliq Urdu" in paragraph.evaluate("p => getComputedStyle(p).fontFamily")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        fonts = {str(f.get_object().get("/BaseFont")) for p in pdf.pages[:2]
                 for f in (p["/Resources"].get("/Font") or {}).values()}
        assert any("NotoNastaliqUrdu" in name for name in fonts), fonts
    finally:
        page.close()
