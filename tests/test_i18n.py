"""Languages: switcher, fallback pages, per-language search, right to left, translated interface."""
import copy
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
import yaml

from conftest import ENGLISH_FALLBACK, LANGUAGES, soup_of
from painsite import languages
from painsite.paths import DOCS

OTHER = [lang for lang in LANGUAGES if not lang.default]


def ui_strings() -> dict[str, dict]:
    return {code: languages.ui(code) for code in languages.codes()}


def content_pages(site: Path, lang) -> list[Path]:
    root = site / lang.code if lang.prefix else site
    pages = sorted(root.rglob("index.html"))
    if not lang.prefix:
        pages = [p for p in pages if not any(p.relative_to(site).as_posix().startswith(o.prefix) for o in OTHER)]
    return [p for p in pages if "/go/" not in p.as_posix()]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_html_lang_and_direction(built_site, lang):
    for path in content_pages(built_site, lang):
        soup = soup_of(path)
        assert soup.html["lang"] == lang.code, path
        assert soup.body["dir"] == ("rtl" if lang.rtl else "ltr"), path


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_switcher_goes_to_the_same_page_in_each_language(built_site, lang):
    for path in content_pages(built_site, lang):
        page_rel = path.parent.relative_to(built_site / lang.code if lang.prefix else built_site).as_posix()
        page_rel = "" if page_rel == "." else page_rel + "/"
        base = "http://x/" + path.relative_to(built_site).as_posix()
        links = {a["hreflang"]: a["href"] for a in soup_of(path).select("a.md-select__link[hreflang]")}
        assert set(links) == {l.code for l in LANGUAGES}, path
        for other in LANGUAGES:
            target = urlsplit(urljoin(base, links[other.code])).path
            assert target == f"/{other.prefix}{page_rel}", f"{path}: switcher to {other.code} goes to {target}"


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_untranslated_page_shows_english_marked_and_a_notice(built_site, lang):
    strings = ui_strings()[lang.code]
    untranslated = [rel for rel in (p.relative_to(DOCS / "en") for p in (DOCS / "en").rglob("*.md"))
                    if not (DOCS / lang.code / rel).exists()]
    assert untranslated, "every page is translated; pick another fallback check"
    for rel in untranslated[:5]:
        html = built_site / lang.code / rel.with_suffix("") / "index.html"
        if rel.name == "index.md":
            html = built_site / lang.code / rel.parent / "index.html"
        soup = soup_of(html)
        notice = soup.select_one(".page-notice")
        assert notice is not None, html
        # A page meant to stay in English says so (and names translated pages); others say "not yet".
        expected = strings["english_only"] if english_only(rel) else strings["untranslated"]
        assert expected in notice.get_text(), html
        english = soup.select_one("article div[lang=en]")
        assert english is not None and english.get("dir") == "ltr", html
        assert soup.html["lang"] == lang.code


def english_only(rel) -> bool:
    from painsite import pages
    return bool(pages.read(DOCS / "en" / rel).meta.get("for_patients"))


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_english_text_on_untranslated_pages_is_the_english_page_unchanged(built_site, lang):
    """The accessibility check reads that English text on the English page only (tests/test_browser.py):
    fair only while it is the same markup, tag for tag. Links may be written differently but must
    lead to the same place (in the reader's language where the target is a page)."""

    def markup(tag, page: Path) -> str:
        tag = copy.copy(tag)  # the page's parse is shared (conftest.soup_of): change a copy
        title = tag.select_one("#page-title")
        if title is not None:  # the title is marked English on the other language's page only
            for attribute in ("lang", "dir"):
                title.attrs.pop(attribute, None)
        base = "http://x/" + page.relative_to(built_site).as_posix()
        for attribute in ("href", "src"):
            for element in tag.select(f"[{attribute}]"):
                target = urlsplit(urljoin(base, element[attribute]))
                path = target.path.removeprefix(f"/{lang.prefix}")
                element[attribute] = urlunsplit(("", "", path.lstrip("/"), target.query, target.fragment))
        return tag.decode_contents().strip()

    checked = 0
    for path in content_pages(built_site, lang):
        block = soup_of(path).select_one(ENGLISH_FALLBACK)
        if block is None:
            continue
        english = built_site / path.relative_to(built_site / lang.code)
        article = copy.copy(soup_of(english).select_one("article"))  # shared: change a copy
        # What the templates add around the text, in the reader's language (notices, page
        # info, My week, a module's week and short version, the CPD record): not part of the
        # English text.
        for own in article.select(".page-notice, .page-info, .module-meta, .short-version, "
                                  ".my-week, .my-week-mark, .tool-record"):
            own.decompose()
        assert markup(block, path) == markup(article, english), \
            f"{path}: the English text differs from the English page's"
        checked += 1
    assert checked, f"no untranslated {lang.code} page found"


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_translated_page_says_how_it_was_made(built_site, lang):
    soup = soup_of(built_site / lang.code / "participants" / "understanding-pain" / "index.html")
    strings = ui_strings()[lang.code]
    notice = soup.select_one(".page-notice").get_text(" ", strip=True)
    # The page records a machine translation that nobody has reviewed: the notice says exactly that.
    assert strings["translation_machine"] in notice and strings["translation_not_reviewed"] in notice
    assert soup.select_one("article div[lang=en]") is None


def test_interface_strings_are_translated(built_site):
    strings = ui_strings()
    keys = set(strings["en"])
    for lang in LANGUAGES:
        assert set(strings[lang.code]) == keys, f"{lang.code}: interface strings differ from English"
        soup = soup_of(built_site / lang.prefix / "get-help-now" / "index.html")
        assert strings[lang.code]["get_help"] in soup.select_one("a.help-now").get_text()
        info = soup.select_one(".page-info").get_text(" ")
        assert strings[lang.code]["reviewed"] in info and strings[lang.code]["review_due"] in info
    for other in OTHER:
        assert strings[other.code]["get_help"] != strings["en"]["get_help"]


def _index(site: Path, lang) -> list[dict]:
    return json.loads((site / lang.prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_is_split_per_language(built_site):
    english = _index(built_site, languages.default_language())
    assert english and not any(e["location"].startswith(tuple(o.prefix for o in OTHER)) for e in english)
    for lang in OTHER:
        entries = _index(built_site, lang)
        locations = {e["location"].split("#")[0] for e in entries}
        # A translated page is found in this language ...
        titles = {e["title"] for e in entries}
        translated_title = yaml.safe_load(
            (DOCS / lang.code / "participants" / "understanding-pain.md").read_text(encoding="utf-8").split("---")[1])["title"]
        assert translated_title in titles
        # ... English text only where no translation exists, and never another language's pages.
        assert "participants/understanding-pain/" in locations
        for other in OTHER:
            if other is not lang:
                assert not any(loc.startswith(other.prefix) for loc in locations)
        other_titles = {yaml.safe_load((DOCS / o.code / "participants" / "understanding-pain.md")
                                       .read_text(encoding="utf-8").split("---")[1])["title"] for o in OTHER if o is not lang}
        assert not (titles & other_titles)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda l: l.code)
def test_headings_have_stable_ids_in_every_language(built_site, lang):
    """Every heading of a translated page has the id its English page gives it (links and the
    short version point at them), in the same order; none is a default slug ("_1" for Urdu)."""
    checked = 0
    root = built_site / lang.prefix if lang.prefix else built_site
    for path in content_pages(built_site, lang):
        english = built_site / path.relative_to(root)
        ids = lambda p: [h["id"] for h in soup_of(p).select("article h2[id], article h3[id]")]  # noqa: E731
        own = ids(path)
        assert not [i for i in own if i.startswith("_")], f"{path}: default slug ids"
        if english.exists():
            assert own == ids(english), f"{path}: heading ids differ from {english}"
            checked += 1
    assert checked > 40