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
TODAY = dt.date(2026, 11, 23)


def test_every_page_passes_the_content_checks():
    problems, checked = content_checks.check_all(now=TODAY)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert len(checked) > 20
    assert not errors, "\n".join(errors)


def test_every_source_page_lists_sources_and_a_reviewer():
    _, checked = content_checks.check_all(now=TODAY)
    for page in checked.values():
        if page.is_source:
            assert page.meta["sources"], page.path
            assert page.meta["reviewer_role"], page.path


@pytest.fixture
def docs_copy(tmp_path):
    """A copy of the real docs folder to break on purpose."""
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


def place(docs: Path, fixture: str, where: str) -> Path:
    path = docs / where
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / fixture, path)
    return path


def problems_for(docs: Path, path: Path):
    problems, _ = content_checks.check_all(docs, now=TODAY)
    return [p for p in problems if p.path == path]


# (fixture, where it goes, what the message must say, the line it must point at)
CASES = [
    ("malformed_yaml.md", "en/participants/broken.md", "not valid YAML", 2),
    ("unknown_audience.md", "en/participants/broken.md", "'audience' is not valid", 4),
    ("missing_field.md", "en/participants/broken.md", "missing the field 'reviewer_role'", 1),
    ("review_overdue.md", "en/participants/broken.md", "review date has passed", 7),
    ("image_without_alt.md", "en/participants/broken.md", "image has no alt text", 19),
    ("heading_without_id.md", "en/participants/broken.md", "has no fixed id", 17),
    ("translation_without_l10n.md", "pl/participants/pacing.md", "missing the field 'l10n'", 1),
    ("translation_without_source.md", "pl/participants/no-such-page.md", "has no English page", 1),
    ("translation_numeric_hash.md", "pl/participants/pacing.md", "'l10n.source_hash' is not valid", 4),
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


def _build_copy(project: Path):
    import painsite.build as b

    target = project / "site"
    result = b.build(project / ".staging", ["en"], config=project / "mkdocs.yml",
                     extra_env={"CONTENT_ERRORS": ""})
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
