"""Each translated language keeps one wording for page titles, menu labels and fixed terms: its term
list, docs/includes/terms-<lang>.yml. Translators read it; these tests hold the pages to it."""
import posixpath
import re

import pytest
import yaml

from painsite import languages, pages
from painsite.paths import DOCS

DEFAULT = languages.default_language().code
OTHER = [lang for lang in languages.languages() if lang.code != DEFAULT]
# A list item that is a link and nothing else names the page it opens: "- [Pacing](pacing.md)".
LINK_ITEM = re.compile(r"^\s*[-*]\s+\[([^\]]+)\]\(([^)#\s]+\.md)(?:#[^)]*)?\)(?:\{[^}]*\})?\s*$", re.M)


def term_list(code: str) -> dict:
    path = DOCS / "includes" / f"terms-{code}.yml"
    assert path.exists(), f"{path.relative_to(DOCS.parent)} is missing: copy terms-pl.yml and translate it"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def translated(code: str) -> list[pages.Page]:
    return [pages.read(p) for p in sorted((DOCS / code).rglob("*.md"))]


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_term_list_names_real_pages_and_has_every_section(lang):
    terms = term_list(lang.code)
    assert {"titles", "menu", "terms"} <= set(terms), f"terms-{lang.code}.yml needs titles, menu and terms"
    for path in terms["titles"]:
        assert (DOCS / DEFAULT / path).exists(), f"terms-{lang.code}.yml: titles names {path}, which has no English page"
    for path in terms.get("short_titles", {}):
        assert path in terms["titles"], f"terms-{lang.code}.yml: short_titles has {path} but titles does not"


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_every_translated_page_has_the_term_list_title(lang):
    titles = term_list(lang.code)["titles"]
    wrong = []
    for page in translated(lang.code):
        expected = titles.get(page.rel_path)
        if expected is None:
            wrong.append(f"{page.rel_path}: add its title to docs/includes/terms-{lang.code}.yml")
        elif page.meta.get("title") != expected:
            wrong.append(f"{page.rel_path}: title {page.meta.get('title')!r}, term list {expected!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_menu_labels_are_the_term_list_ones(lang):
    menu = term_list(lang.code)["menu"]
    assert languages.entry(lang.code).get("nav_translations") == menu, \
        f"mkdocs.yml nav_translations of {lang.code} differ from the menu of terms-{lang.code}.yml"


def _names(text: str, title: str) -> bool:
    """The link text is the page's title, or its start ("Week 1" for "Week 1: Getting started")."""
    text = text.strip()
    return text == title or (len(text) >= 3 and title.startswith(text))


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_links_that_name_a_page_use_its_title(lang):
    """Where an English list of links names a page by its title (or the start of it), the
    translation names it by the term list's title (or the start of it, or its short title)."""
    terms = term_list(lang.code)
    titles, short = terms["titles"], terms.get("short_titles", {})
    wrong = []
    for page in translated(lang.code):
        english = pages.read(DOCS / DEFAULT / page.rel_path)
        english_items = {target: text for text, target in LINK_ITEM.findall(english.body)}
        for text, target in LINK_ITEM.findall(page.body):
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel_path), target))
            if rel not in titles or not (DOCS / lang.code / rel).exists() or target not in english_items:
                continue  # an English-only page keeps its English title
            english_title = pages.read(DOCS / DEFAULT / rel).meta["title"]
            if not _names(english_items[target], english_title):
                continue  # English describes the page in its own words here
            if not (_names(text, titles[rel]) or text.strip() == short.get(rel)):
                wrong.append(f"{page.rel_path}: link to {rel} says {text!r}; the term list says "
                             f"{titles[rel]!r}" + (f" or {short[rel]!r}" if rel in short else ""))
    assert not wrong, "\n".join(wrong)


def test_urdu_writes_digits_one_way_and_needs_no_gender_slash_forms():
    problems = []
    for page in translated("ur"):
        text = re.sub(r"https?://\S+", "", page.body)
        for number, line in enumerate(text.splitlines(), page.body_start_line):
            if re.search("[\u06F0-\u06F9\u0660-\u0669]", line):
                problems.append(f"{page.rel_path}:{number}: Urdu digits; write 0-9 (terms-ur.yml)")
            if re.search(r"[\u0600-\u06FF]+\s*/\s*[\u0600-\u06FF]+", line):
                problems.append(f"{page.rel_path}:{number}: a slash form; rephrase so no gender is needed")
    assert not problems, "\n".join(problems)


def test_urdu_keeps_spaced_numbers_left_to_right():
    """A number with spaces (a phone number, "116 123") reads left to right only inside
    <span dir="ltr">: in right-to-left text its groups would come out in reverse order."""
    problems = []
    for page in translated("ur"):
        text = re.sub(r'<span dir="ltr">.*?</span>', "", page.body)
        text = re.sub(r"https?://\S+|\]\([^)]*\)|\{[^}]*\}", "", text)
        for match in re.finditer(r"(?<![\d:.])\d+ \d+(?![\d:])", text):
            problems.append(f"{page.rel_path}: '{match.group(0)}' needs <span dir=\"ltr\">")
    assert not problems, "\n".join(problems)


def test_the_checks_can_fail():
    assert LINK_ITEM.findall("- [Zacznij tutaj](../participants/start-here.md){ .qr }\n") == \
        [("Zacznij tutaj", "../participants/start-here.md")]
    assert re.search(r"[\u0600-\u06FF]+\s*/\s*[\u0600-\u06FF]+", "کر سکتا/سکتی ہوں")


INLINE_LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s]+\.md)(?:#[^)\s]*)?\)(?:\{[^}]*\})?")


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_links_to_english_only_pages_say_so_and_only_those(lang):
    marker = languages.ui(lang.code)["in_english"]
    wrong = []
    for page in translated(lang.code):
        for match in INLINE_LINK.finditer(page.body):
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel_path), match.group(2)))
            if not (DOCS / DEFAULT / rel).exists():
                continue
            marked = page.body[match.end():].lstrip(" ").startswith(marker)
            english_only = not (DOCS / lang.code / rel).exists()
            line = page.body_start_line + page.body[:match.start()].count("\n")
            if english_only and not marked:
                wrong.append(f"{page.rel_path}:{line}: the link to {rel} opens an English page: "
                             f"add ' {marker}' after it")
            elif marked and not english_only:
                wrong.append(f"{page.rel_path}:{line}: {rel} is translated now: remove '{marker}'")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_every_page_a_patient_reads_is_translated(lang):
    """Only pages that stay in English by design (they name translated pages instead, with
    for_patients) may be missing; `make l10n-status` reports the same."""
    import subprocess
    import sys

    missing = [p.relative_to(DOCS / DEFAULT).as_posix() for p in sorted((DOCS / DEFAULT).rglob("*.md"))
               if not (DOCS / lang.code / p.relative_to(DOCS / DEFAULT)).exists()
               and not pages.read(p).meta.get("for_patients")]
    assert not missing, f"translate into {lang.code}: {missing}"
    out = subprocess.run([sys.executable, "scripts/translations.py", "status", lang.code], cwd=DOCS.parent,
                         capture_output=True, text=True, check=True).stdout
    assert f"[{lang.code}] " in out and " 0 stale, 0 missing," in out, out


@pytest.mark.parametrize("lang", OTHER, ids=lambda l: l.code)
def test_the_glossary_explains_in_each_language_what_the_english_one_does(lang):
    """terms-<lang>.yml maps every English glossary term to the term of glossary-<lang>.md that
    explains the same idea, so a translated page keeps each explanation its English page has.
    null marks a term the language does not need as a tooltip (the YAML says why)."""
    from painsite import glossary

    mapping = term_list(lang.code).get("glossary") or {}
    english = glossary.terms(DOCS, DEFAULT)
    own = glossary.terms(DOCS, lang.code)
    used = {term for term in english
            for page in translated(lang.code)
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", pages.read(DOCS / DEFAULT / page.rel_path).body)}
    missing = sorted(used - set(mapping))
    assert not missing, f"terms-{lang.code}.yml glossary: map these English terms: {missing}"
    wrong = {en: value for en, value in mapping.items() if value is not None and value not in own}
    assert not wrong, f"terms-{lang.code}.yml glossary: not terms of glossary-{lang.code}.md: {wrong}"
    assert len([v for v in mapping.values() if v is None]) <= 3, "most terms need an explanation"
