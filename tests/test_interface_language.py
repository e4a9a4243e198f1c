"""No English interface word on a Polish or Urdu page: menus, the colour-scheme switch, reviewer
roles, dates, the footer, notices, worksheet and service-edition words.

English text that is meant to be there is left out first: anything marked lang="en" (an
untranslated page's text, a source's title, a name), and the titles of pages that stay in English
by design where they name those pages (a link to "Pain science for clinicians").
"""
import json
import re

import pytest
from bs4 import BeautifulSoup, Comment

from painsite import languages, pages
from painsite.paths import DOCS, ROOT
from painsite.site_config import mkdocs_config

DEFAULT = languages.default_language().code
OTHER = [lang for lang in languages.languages() if lang.code != DEFAULT]
# Words that are English and nothing else in Polish or Urdu text (Polish shares "to", "na", "a").
ENGLISH_WORDS = set("the and your you with this that for from page pages more here about home search next "
                    "previous skip content share print open close menu switch dark light mode last checked "
                    "reviewed review week weeks tools worksheets modules programme what how when not yet "
                    "site help now get call back top date".split())
# Parts of every page that are interface, not the page's own text.
CHROME = ("header", ".md-nav", "footer", ".md-footer", ".page-info", ".page-notice", ".md-banner",
          ".my-week", ".md-search", ".listen", ".short-version", "form.tool .tool-bar")


def _flatten(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, str):
        yield value


def english_phrases() -> set[str]:
    """Interface text as English pages show it: every phrase of two words or more."""
    config = mkdocs_config()
    phrases = set(_flatten(config["extra"].get("ui", {})))
    phrases |= set(_flatten(languages.ui(DEFAULT)))
    phrases |= {p["toggle"]["name"] for p in config["theme"]["palette"]}
    phrases.add(" ".join(config["copyright"].split()))
    for code in languages.codes():
        phrases |= set((languages.entry(code).get("nav_translations") or {}).keys())
    text = (ROOT / "docs" / "assets" / "tools" / "strings.js").read_text(encoding="utf-8")
    body = re.sub(r"^(\s*)([A-Za-z]\w*):", r'\1"\2":', text[text.index("= {") + 2: text.rindex("}") + 1], flags=re.M)
    phrases |= set(_flatten(json.loads(body)[DEFAULT]))
    phrases |= {page.meta["reviewer_role"] for page in _english_pages() if page.meta.get("reviewer_role")}
    phrases.add("Made with")
    # Placeholders such as {n} split a phrase: each part of two words or more counts.
    parts = {part.strip(" .,:;()") for phrase in phrases for part in re.split(r"\{\w+\}", phrase)}
    return {p for p in parts if len(p.split()) >= 2}


def _english_pages():
    return [pages.read(p) for p in sorted((DOCS / DEFAULT).rglob("*.md"))]


def english_only_titles(code: str) -> set[str]:
    """Titles and headings of the pages that have no translation in a language: where the menu,
    the previous/next links or a page's contents name them, they are names of English text."""
    found = set()
    for page in _english_pages():
        if not (DOCS / code / page.rel_path).exists():
            found.add(page.meta["title"])
            found |= {re.sub(r"\s*\{[^}]*\}\s*$", "", h).strip()
                      for h in re.findall(r"^#{2,6}\s+(.+)$", page.body, re.M)}
    return found


def interface_text(html: str, allowed_titles: set[str]) -> tuple[str, str]:
    """(all text a reader of this language sees, the chrome's text), with meant-English left out."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for node in soup.select('script, style, code, pre, [lang="en"], [lang="en-GB"]'):
        node.decompose()
    for name in soup.select("a, .md-ellipsis, title"):
        if name.name == "title" and any(name.get_text().startswith(t + " - ") for t in allowed_titles):
            name.decompose()
            continue
        if name.get_text(" ", strip=True) in allowed_titles:
            name.decompose()
    # Labels and tooltips of the interface (a glossary tooltip is page text: it may name an
    # English organisation, as the page itself does).
    attributes = " ".join(v for el in soup.find_all(True) if el.name != "abbr" for k, v in el.attrs.items()
                          if k in ("title", "aria-label", "placeholder", "alt") and isinstance(v, str))
    for title in sorted(allowed_titles, key=len, reverse=True):  # "Previous page: For GPs"
        attributes = attributes.replace(title, " ")
    chrome = " ".join(el.get_text(" ", strip=True) for sel in CHROME for el in soup.select(sel))
    no_addresses = lambda text: re.sub(r"\S*(?:https?://|/)\S*", " ", text)  # noqa: E731
    return (no_addresses(" ".join(soup.get_text(" ").split()) + " " + attributes),
            no_addresses(chrome + " " + attributes))


@pytest.fixture(scope="module")
def phrases():
    found = english_phrases()
    assert len(found) > 100, "the English interface phrases were not found"
    return found


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_no_english_interface_words_on_translated_pages(built_site, phrases, lang):
    allowed = english_only_titles(lang.code)
    # One pattern for every phrase, longest first: one pass over each page.
    pattern = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                         + r")(?![\w'])")
    problems = []
    for path in sorted((built_site / lang.code).rglob("*.html")):
        text, chrome = interface_text(path.read_text(encoding="utf-8"), allowed)
        leaked = sorted(set(pattern.findall(text)))
        words = sorted({w for w in re.findall(r"[A-Za-z]+", chrome) if w.lower() in ENGLISH_WORDS})
        if leaked or words:
            problems.append(f"{path.relative_to(built_site)}: {leaked[:5]} {words[:8]}")
    assert not problems, f"{len(problems)} {lang.code} pages show English interface text:\n" + "\n".join(problems[:30])


def test_the_check_finds_english(phrases):
    html = ('<html><body><header>Skip to content</header><article><p lang="en">Left in English on purpose.'
            '</p><p>Tekst.</p></article><footer>Switch to dark mode</footer></body></html>')
    text, chrome = interface_text(html, set())
    assert "Switch to dark mode" in phrases and "Switch to dark mode" in text
    assert "Left in English" not in text and "Skip" in chrome
