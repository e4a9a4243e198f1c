"""Glossary: jargon on participant pages is explained, and tooltips appear where terms are used."""
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import soup_of
from painsite import glossary
from painsite.paths import DOCS
from test_readability import readability

JARGON = [line.strip() for line in (Path(__file__).parent / "data" / "jargon.txt").read_text().splitlines()
          if line.strip() and not line.startswith("#")]


def test_jargon_on_participant_pages_has_a_glossary_entry(built_site):
    terms = {t.casefold() for t in glossary.terms(DOCS, "en")}
    missing = []
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        meta = readability.page_meta(html)
        if meta["audience"] != "participants" or meta["lang"] != "en":
            continue
        text = " ".join(readability.units(html)).casefold()
        for word in JARGON:
            if re.search(rf"\b{re.escape(word.casefold())}\b", text) and word.casefold() not in terms:
                missing.append(f"{path.relative_to(built_site)}: '{word}'")
    assert not missing, "Add these to docs/includes/glossary-en.md:\n" + "\n".join(missing)


def test_tooltips_are_in_the_language_of_the_text(built_site):
    """A Polish page explains Polish terms in Polish; an English page shown in place of a missing
    translation keeps its English tooltips; no page carries another language's terms."""
    checked = 0
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "<abbr" not in html:
            continue
        soup = soup_of(path)
        page_lang = soup.html["lang"]
        for abbr in soup.select("article abbr"):
            text_lang = (abbr.find_parent(attrs={"lang": True}) or {"lang": page_lang})["lang"]
            expected = glossary.marks(DOCS, text_lang)[0].get(abbr.get_text())
            assert abbr.get("title") == expected, (
                f"{path.relative_to(built_site)}: the tooltip on '{abbr.get_text()}' in {text_lang} text "
                f"is not the one in glossary-{text_lang}.md")
        checked += 1
    assert checked > 50


def test_glossary_page_lists_every_term_and_pages_show_tooltips(built_site):
    page = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {dt.get_text(" ", strip=True) for dt in page.select(".glossary dt")}
    assert set(glossary.terms(DOCS, "en")) <= listed
    module = BeautifulSoup((built_site / "participants" / "understanding-pain" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    titles = {abbr.get_text(): abbr.get("title") for abbr in module.select("article abbr")}
    assert titles.get("nervous system", "").startswith("Your brain")


def test_first_use_keeps_its_mark():
    import importlib.util
    import sys

    from painsite.paths import ROOT

    hooks = str(ROOT / "scripts" / "hooks")
    sys.path.insert(0, hooks)
    try:
        spec = importlib.util.spec_from_file_location("glossary_hook", f"{hooks}/glossary.py")
        hook = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hook)
    finally:
        sys.path.remove(hooks)
    first_marks_only = hook.first_marks_only

    html = ('<h2 id="a">What is <abbr title="x">pacing</abbr>?</h2><p>A <abbr title="x">Pacing</abbr> plan '
            'and <abbr title="y">flare-up</abbr>.</p><p><abbr title="x">pacing</abbr> again</p>')
    assert first_marks_only(html) == ('<h2 id="a">What is pacing?</h2><p>A <abbr title="x">Pacing</abbr> plan '
                                      'and <abbr title="y">flare-up</abbr>.</p><p>pacing again</p>')


def test_no_glossary_mark_in_a_heading_or_twice_on_a_page(built_site):
    """A term is marked where a page first uses it, and never in a heading (every language)."""
    from phone_journey import glossary_marks

    marks = glossary_marks(built_site)
    assert not marks["in_headings"], "\n".join(marks["in_headings"][:20])
    assert not marks["repeated"], "\n".join(marks["repeated"][:20])
