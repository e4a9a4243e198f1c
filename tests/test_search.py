"""Search puts participants' pages first, labels clinicians' pages, and gives worksheets a
readable snippet (issue 16, item 6).

How: scripts/hooks/search_per_language.py gives every entry of a page with `audience:
professionals` or `gps` a lunr document boost of 0.05 (Material's search worker passes an entry's
`boost` to lunr, which multiplies that document's scores by it) and starts its title with "For
healthcare workers:" or "For GPs:" in the reader's language; worksheet entries keep only their
paragraphs and lists. The tests check the index files, then Material's real search in Chromium,
typed into the search box as a reader would.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from painsite import languages

DOCS = Path(__file__).resolve().parent.parent / "docs" / "en"


def _audience(location: str) -> str:
    """The audience in the front matter of the English page at a search result's location."""
    page = location.split("#", 1)[0].strip("/")
    source = DOCS / f"{page}.md" if page else DOCS / "index.md"
    if not source.exists():
        source = DOCS / page / "index.md"
    match = re.search(r"^audience: *(\S+)", source.read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else ""


def _clinicians(location: str) -> bool:
    return _audience(location) in ("professionals", "gps")


def _index(site, prefix=""):
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_clinicians_pages_are_ranked_down_and_labelled_in_every_language(built_site):
    for lang in languages.languages():
        ui = languages.ui(lang.code)
        docs = _index(built_site, lang.prefix)["docs"]
        clinicians = [d for d in docs if _clinicians(d["location"])]
        assert clinicians, f"{lang.code}: no clinicians' pages in the index"
        for doc in clinicians:
            assert doc.get("boost", 1) < 1, f"{lang.code} {doc['location']}: not ranked down"
            label = ui["search_label_gps" if _audience(doc["location"]) == "gps"
                       else "search_label_professionals"]
            assert doc["title"].startswith(label.rstrip(":")), f"{lang.code} {doc['location']}: {doc['title']}"
        for doc in docs:
            if not _clinicians(doc["location"]):
                assert "boost" not in doc, f"{lang.code} {doc['location']}: a participant page is boosted"


# A run of form field labels, as the index had them: "Day 1: Minutes I could manage Day 2: ..."
LABEL_RUN = re.compile(r"(\b\w+ \d+: [^.<]{3,40}){3,}")


def test_worksheet_entries_have_no_run_of_field_labels(built_site):
    for lang in languages.languages():
        for doc in _index(built_site, lang.prefix)["docs"]:
            if doc["location"].startswith("tools/"):
                text = re.sub(r"<[^>]+>", " ", doc["text"])
                assert not LABEL_RUN.search(text), f"{lang.code} {doc['location']}: {text[:200]}"


def _search(browser, server_url, path, query):
    """Material's search, typed into its box in Chromium: the result pages, in order, with titles."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server_url}{path}")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(300)
    results = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(a => [a.href, a.querySelector('h1, h2')?.textContent.trim() || '',"
        " a.querySelector('p')?.textContent.trim() || ''])")
    context.close()
    return [(href[len(server_url):], title, text) for href, title, text in results]


@pytest.mark.parametrize("prefix,query", [("", "walking baseline"), ("", "flare"), ("pl/", "NHS")])
def test_participants_pages_come_first(browser, built_site, server_url, prefix, query):
    results = _search(browser, server_url, prefix, query)
    kinds = [_clinicians(path[len(prefix):]) for path, _, _ in results]
    assert False in kinds, f"{query}: no participant page found: {results}"
    if True in kinds:
        first_clinician = kinds.index(True)
        assert False not in kinds[first_clinician:], f"{query}: a participant page after a clinicians' page: {results}"
    code = prefix.rstrip("/") or "en"
    label = languages.ui(code)["search_label_professionals"].rstrip(":")
    for path, title, _ in results:
        if _audience(path[len(prefix):]) == "professionals":
            assert title.startswith(label), f"{query}: {path} shown as {title!r}"


def test_clinicians_pages_show_labelled_after_participants_pages(browser, built_site, server_url):
    # "sensitisation": the glossary and Understanding pain, and 2 clinicians' pages.
    results = _search(browser, server_url, "", "sensitisation")
    clinicians = [i for i, (path, _, _) in enumerate(results) if _clinicians(path)]
    participants = [i for i, (path, _, _) in enumerate(results) if not _clinicians(path)]
    assert clinicians and participants, results
    assert max(participants) < min(clinicians), results
    assert all(results[i][1].startswith("For healthcare workers:") for i in clinicians), results


def test_a_worksheet_result_reads_as_sentences(browser, built_site, server_url):
    results = _search(browser, server_url, "", "pacing planner")
    snippets = [text for path, _, text in results if path.startswith("tools/pacing-planner/")]
    assert snippets, results
    for text in snippets:
        assert not LABEL_RUN.search(text), text
