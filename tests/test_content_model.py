"""Front matter and page structure: the real pages pass, and each kind of bad input is caught
with one clear message naming the file, the line and the fix."""
import datetime as dt
import shutil
from pathlib import Path

import pytest

from painsite import content_checks, pages
from painsite.build import build_and_publish
from painsite.paths import DOCS, ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
TODAY = dt.date(2026, 12, 1)


def test_every_page_passes_the_content_checks():
    problems, checked = content_checks.check_all(now=TODAY)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert len(checked) > 20
    assert not errors, "\n".join(errors)


def place(docs: Path, fixture: str, where: str) -> Path:
    path = docs / where
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / fixture, path)
    return path


def problems_for(docs: Path, path: Path, render: bool = False):
    problems, _ = content_checks.check_all(docs, now=TODAY, render=render)
    return [p for p in problems if p.path == path]


# (fixture, where it goes, what the message must say, the line it must point at)
CASES = [
    ("malformed_yaml.md", "en/participants/broken.md", "not valid YAML", 2),
    ("unknown_audience.md", "en/participants/broken.md", "'audience' is not valid", 4),
    ("missing_field.md", "en/participants/broken.md", "missing the field 'reviewer_role'", 1),
    ("module_without_sources.md", "en/participants/broken.md", "missing the field 'sources'", 1),
    ("review_overdue.md", "en/participants/broken.md", "review date has passed", 7),
    ("image_without_alt.md", "en/participants/broken.md", "image has no alt text", 19),
    ("heading_without_id.md", "en/participants/broken.md", "has no fixed id", 17),
    ("translation_without_l10n.md", "pl/participants/pacing.md", "missing the field 'l10n'", 1),
    ("translation_without_source.md", "pl/participants/no-such-page.md", "has no English page", 1),
    ("translation_numeric_hash.md", "pl/participants/pacing.md", "'l10n.source_hash' is not valid", 4),
    # Content is untrusted input: raw HTML outside the allow-list (scripts/painsite/html_policy.py)
    ("script_in_page.md", "en/participants/broken.md", "contains <script>", 18),
    ("script_in_page.md", "pl/tools/goals.md", "contains <script>", 18),  # every language, worksheets too
    ("event_handler_attribute.md", "en/participants/broken.md", 'onclick="alert(1)" on <span>', 18),
    ("form_outside_worksheet.md", "en/participants/broken.md", "contains <form>", 18),
    ("style_attribute.md", "en/participants/broken.md", "style=", 18),
    ("comment_hiding_a_script.md", "en/participants/broken.md", "<!--> <script>", 18),
    ("theme_id_clobbering.md", "en/participants/broken.md", 'id="__config" on <div>', 18),
    ("html_in_front_matter.md", "en/participants/broken.md", "'sources[0].title' contains HTML (<img>)", 10),
    ("title_with_markup.md", "en/participants/broken.md", "The field 'title' is not valid", 2),
    # Bad input gets a message, never a traceback
    ("impossible_date.md", "en/participants/broken.md", "'reviewed' is 2026-02-30, which is not a real date", 6),
    ("impossible_date_quoted.md", "en/participants/broken.md", "'review_due' is 2028-04-31, which is not a real date", 7),
    ("not_utf8.md", "en/participants/broken.md", "not UTF-8 text (byte 0xe9 on line 16)", 16),
    ("yaml_alias_bomb.md", "en/participants/broken.md", "uses a YAML anchor ('&a')", 4),
    ("duplicate_heading_ids.md", "en/participants/broken.md", "'what-is-pacing' is used twice", 20),
    ("heading_id_of_the_title.md", "en/participants/broken.md", "'page-title' is already the id of the page title", 16),
    ("short_link_taken.md", "en/participants/broken.md", "short_link 'pacing' is also claimed by docs/en/participants/pacing.md", 9),
    # Content rules live in the schema (page.schema.json), checked before any build
    ("module_without_short_link.md", "en/participants/broken.md", "missing the field 'short_link'", 1),
    ("training_without_sections.md", "en/professionals/broken.md",
     "lacks the section(s) #learning-outcomes, #case-example, #reflective-questions, #knowledge-check, #for-your-patients", 17),
]


@pytest.mark.parametrize("fixture,where,message,line", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_one_clear_message(docs_copy, fixture, where, message, line):
    path = place(docs_copy, fixture, where)
    found = problems_for(docs_copy, path)
    matching = [p for p in found if message in p.message]
    assert matching, f"expected '{message}' for {fixture}, got: {[str(p) for p in found]}"
    problem = matching[0]
    assert problem.severity == "error"
    assert problem.line == line
    text = str(problem)
    assert text.startswith(f"docs/{where}:{line}: error: ")
    assert "Fix: " in text and len(text.split("Fix: ")[1]) > 10
    if fixture == "translation_numeric_hash.md":
        assert 'Put the value in quotes, for example source_hash: "123456789012"' in text
    if fixture == "title_with_markup.md":
        assert "Write the title as plain text, without < or >" in text
    # Unsafe markup and unreadable pages stop even `make check`, which otherwise only warns.
    assert problem.fatal == (fixture in {"script_in_page.md", "event_handler_attribute.md",
                                         "form_outside_worksheet.md", "style_attribute.md",
                                         "comment_hiding_a_script.md", "theme_id_clobbering.md",
                                         "not_utf8.md",
                                         "yaml_alias_bomb.md"})


# What is not raw HTML in the source but becomes HTML: found in the HTML Markdown makes
# (check_content.py renders each page; the build checks the HTML it renders).
RENDERED_CASES = [
    ("javascript_link.md", 'href="javascript:alert(document.cookie)" on <a>', 18),
    ("image_from_another_site.md", 'src="https://tracker.example/chart.png" on <img>', 18),
    ("attribute_list_handler.md", 'onclick="alert(1)" on <p>', 19),
]


@pytest.mark.parametrize("fixture,found,line", RENDERED_CASES, ids=[c[0] for c in RENDERED_CASES])
def test_markup_that_markdown_makes_is_checked_too(docs_copy, fixture, found, line):
    path = place(docs_copy, fixture, "en/participants/broken.md")
    assert not [p for p in problems_for(docs_copy, path) if found in p.message]  # not raw HTML
    matching = [p for p in problems_for(docs_copy, path, render=True) if found in p.message]
    assert matching, [str(p) for p in problems_for(docs_copy, path, render=True)]
    assert matching[0].line == line and matching[0].fatal
    assert str(matching[0]).startswith(f"docs/en/participants/broken.md:{line}: error: The page makes ")


def test_no_page_writes_form_markup_worksheets_place_their_parts(docs_copy):
    """A worksheet's form is made from its definition (scripts/painsite/worksheets.py); a page that
    writes form markup itself, even a worksheet page, is refused."""
    worksheet = docs_copy / "en" / "tools" / "goals.md"
    text = worksheet.read_text(encoding="utf-8")
    assert "<!-- worksheet: steps -->" in text and "<form" not in text and "<textarea" not in text
    assert not [p for p in problems_for(docs_copy, worksheet, render=True) if p.severity == "error"]
    worksheet.write_text(text.replace("<!-- worksheet: hopes -->",
                                      '<textarea id="goals-hopes" data-key="hopes"></textarea>'), encoding="utf-8")
    found = problems_for(docs_copy, worksheet)
    refused = [p for p in found if "contains <textarea>" in p.message]
    assert refused and refused[0].fatal and "<!-- worksheet: NAME -->" in refused[0].fix
    assert any("does not place the worksheet part(s) hopes" in p.message for p in found)


def test_a_very_large_page_warns(docs_copy):
    path = place(docs_copy, "heading_without_id.md", "en/participants/broken.md")
    path.write_text(path.read_text(encoding="utf-8").replace("## What is pacing?", "## What is pacing? { #pacing }")
                    + "Pacing helps. " * 16000, encoding="utf-8")
    found = problems_for(docs_copy, path)
    assert [(p.severity, p.line) for p in found if "KB of Markdown (more than 200 KB)" in p.message] == [("warning", 1)]


def test_glossary_terms_that_can_never_match_and_markup_in_definitions(docs_copy):
    glossary = docs_copy / "includes" / "glossary-en.md"
    start = len(glossary.read_text(encoding="utf-8").splitlines())
    glossary.write_text(glossary.read_text(encoding="utf-8") + (FIXTURES / "glossary_bad_terms.md").read_text(encoding="utf-8"),
                        encoding="utf-8")
    found = problems_for(docs_copy, glossary)
    expected = {2: "starts or ends with a space", 4: "starts or ends with a character that is not a letter",
                6: "'anxiety' is defined twice", 8: "not read as a glossary term",
                10: "'stealer' contains <script>"}
    for line, message in expected.items():
        matching = [p for p in found if p.line == start + line and message in p.message]
        assert matching, (line, message, [str(p) for p in found])
        assert matching[0].severity == "error"
        assert str(matching[0]).startswith(f"docs/includes/glossary-en.md:{start + line}: error: ")
        assert matching[0].fatal == (line == 10)


def test_glossary_term_that_no_page_shows_warns_with_the_reason(docs_copy):
    glossary = docs_copy / "includes" / "glossary-en.md"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + "\n*[Pacing plan]: Written with a capital letter no page uses.\n"
                        + "\n*[pacing plan for a flare]: Found only inside a longer term.\n"
                        + "\n*[pacing plan for a flare-up]: The longer term.\n", encoding="utf-8")
    page = docs_copy / "en" / "participants" / "pacing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMake a pacing plan for a flare-up.\n", encoding="utf-8")
    warnings = {p.message.split("'")[1]: p.message for p in problems_for(docs_copy, glossary)
                if p.severity == "warning"}
    assert "pages write it as 'pacing plan'" in warnings["Pacing plan"]
    assert "only inside the longer term 'pacing plan for a flare-up'" in warnings["pacing plan for a flare"]
    assert "pacing plan for a flare-up" not in warnings


def test_review_due_within_60_days_only_warns(docs_copy):
    path = place(docs_copy, "review_overdue.md", "en/participants/broken.md")
    found = problems_for(docs_copy, path)
    soon = content_checks.check_page(pages.read(path, docs_copy), now=dt.date(2024, 12, 1))
    assert any(p.severity == "warning" and "due in 40 days" in p.message for p in soon)
    assert not any(p.severity == "error" and "passed" in p.message for p in soon)
    assert any("passed" in p.message for p in found)


def test_duplicate_titles_in_one_language_are_caught(docs_copy):
    original = docs_copy / "en" / "participants" / "pacing.md"
    copy = docs_copy / "en" / "participants" / "pacing-copy.md"
    shutil.copy(original, copy)
    found = problems_for(docs_copy, copy) + problems_for(docs_copy, original)
    assert any("is also used by" in p.message for p in found)


def test_translation_heading_ids_must_match_english(docs_copy):
    translated = docs_copy / "pl" / "participants" / "understanding-pain.md"
    if not translated.exists():
        pytest.fail("the Polish Understanding pain page is missing")
    text = translated.read_text(encoding="utf-8").replace("{ #what-is-pain }", "{ #co-to-jest-bol }")
    translated.write_text(text, encoding="utf-8")
    found = problems_for(docs_copy, translated)
    assert any("heading ids differ" in p.message and "co-to-jest-bol" in p.message for p in found)


def test_outdated_translation_warns_and_names_the_new_hash(docs_copy):
    english = docs_copy / "en" / "participants" / "understanding-pain.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    found = problems_for(docs_copy, docs_copy / "pl" / "participants" / "understanding-pain.md")
    stale = [p for p in found if "changed since this translation" in p.message]
    assert stale and stale[0].severity == "warning"
    assert pages.source_hash(english) in stale[0].fix


@pytest.fixture
def project_copy(tmp_path, docs_copy):
    """A buildable copy of the project (docs copied, code linked)."""
    for name in ("scripts", "overrides"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _build_copy(project: Path, content_errors: str = ""):
    import painsite.build as b

    target = project / "site"
    result = b.build(project / ".staging", ["en"], config=project / "mkdocs.yml",
                     extra_env={"CONTENT_ERRORS": content_errors})
    return result, target


def test_bad_front_matter_stops_the_build_before_anything_is_written(project_copy):
    place(project_copy / "docs", "missing_field.md", "en/participants/pacing.md")
    result, _ = _build_copy(project_copy)
    assert result.returncode != 0
    assert "docs/en/participants/pacing.md:1: error: The front matter is missing the field 'reviewer_role'" in result.output
    assert not (project_copy / ".staging" / "index.html").exists()


def test_broken_link_and_anchor_fail_the_build_with_the_file_named(project_copy):
    page = project_copy / "docs" / "en" / "participants" / "understanding-pain.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nSee [nothing](no-such-page.md) and [a section](pacing.md#no-such-section).\n",
                    encoding="utf-8")
    result, _ = _build_copy(project_copy)
    report = result.report()
    assert "en/participants/understanding-pain.md" in report and "no-such-page.md" in report
    assert "no-such-section" in report


def test_failed_build_does_not_replace_the_published_site(tmp_path, monkeypatch):
    import painsite.build as b

    published = tmp_path / "site"
    published.mkdir()
    (published / "index.html").write_text("the old, good site")
    monkeypatch.setattr(b, "build", lambda staging, languages=None: b.BuildResult(1, 0.1, staging, "boom", []))
    result = build_and_publish(published)
    assert not result.ok
    assert (published / "index.html").read_text() == "the old, good site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


@pytest.mark.parametrize("fixture,message", [
    ("script_in_page.md", "docs/en/participants/pacing.md:18: error: The page contains <script>"),
    # Not raw HTML: found in the HTML the build renders, before any page is written.
    ("javascript_link.md", 'docs/en/participants/pacing.md:18: error: The page makes '
                           'href="javascript:alert(document.cookie)" on <a>'),
])
def test_unsafe_markup_stops_even_the_quick_check_build(project_copy, fixture, message):
    place(project_copy / "docs", fixture, "en/participants/pacing.md")
    result, _ = _build_copy(project_copy, content_errors="warn")  # `make check`
    assert result.returncode != 0
    assert message in result.output and "Traceback" not in result.output
    assert not (project_copy / ".staging" / "index.html").exists()


def test_an_inline_script_the_theme_did_not_write_stops_the_build(project_copy):
    """The last guard, on the finished pages: however a script got there (here a template
    change), it gets no hash in the Content-Security-Policy and the build stops, naming the page."""
    (project_copy / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", project_copy / "overrides")
    main = project_copy / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<script>new Image().src='https://evil.example/'</script>", 1),
        encoding="utf-8")
    result, _ = _build_copy(project_copy)
    assert result.returncode != 0
    assert "are not the theme's" in result.output and "new Image().src=" in result.output
    assert "Traceback" not in result.output


HOSTILE_TITLE = 'Pacing "><script>alert(1)</script><img src=x onerror=alert(2)> & more'
HOSTILE_DESCRIPTION = 'Steady days "><script>alert(3)</script><img src=x onerror=alert(4)> & fewer flare-ups.'


def test_title_and_description_are_escaped_everywhere(project_copy):
    """With the schema's refusal turned into a warning (`make check`), the build still makes no
    markup of a hostile title and description: every place shows them exactly as written."""
    import html as html_lib
    import json
    import re

    from bs4 import BeautifulSoup

    page = project_copy / "docs" / "en" / "participants" / "pacing.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", f"title: '{HOSTILE_TITLE}'", text, count=1, flags=re.M)
    text = re.sub(r"^description: .*$", f"description: '{HOSTILE_DESCRIPTION}'", text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    strict, _ = _build_copy(project_copy)
    assert strict.returncode != 0 and "Write the title as plain text, without < or >" in strict.output
    result, _ = _build_copy(project_copy, content_errors="warn")
    assert result.returncode == 0, result.report()
    site = project_copy / ".staging"

    for built in site.rglob("*.html"):
        soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")], built
        assert not soup.find_all(attrs={"onerror": True}) and not soup.find_all("img", src="x"), built

    def soup_of(path):
        return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")

    module = soup_of("participants/pacing/index.html")
    assert module.title.string == f"{HOSTILE_TITLE} - Living well with persistent pain"
    assert module.find("meta", attrs={"name": "description"})["content"] == HOSTILE_DESCRIPTION
    assert module.find("h1", id="page-title").get_text() == HOSTILE_TITLE
    assert HOSTILE_TITLE in [e.get_text(strip=True) for e in module.select(".md-header__topic .md-ellipsis")]
    assert HOSTILE_TITLE in [a.get_text(strip=True) for a in module.select("nav.md-nav a")]
    assert module.find("svg", class_="qr-code")["aria-label"] == f"QR code: {HOSTILE_TITLE}"
    workbook = soup_of("workbook/index.html")
    assert HOSTILE_TITLE in [a.get_text() for a in workbook.select(".workbook-contents a")]
    assert HOSTILE_TITLE in [a.get_text(strip=True) for a in workbook.select("nav.md-nav--secondary a")]
    assert soup_of("go/pacing/index.html").title.string == HOSTILE_TITLE
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"] if d["location"] == "participants/pacing/"]
    assert html_lib.unescape(titles[0]) == HOSTILE_TITLE  # Material shows these titles as HTML
    assert "<script" not in json.dumps(index) and "<img" not in json.dumps(index)
    assert "<script" not in (site / "sitemap.xml").read_text(encoding="utf-8")

