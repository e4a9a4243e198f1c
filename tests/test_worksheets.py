"""Worksheets made from definitions (scripts/painsite/worksheets.py, docs/includes/worksheets/).

The form on every worksheet page, in every language, is the one its definition describes: the
same fields, ids, kinds and limits, labelled by the page's own words. A definition, a label or a
marker that is wrong stops the build with the file, the line and the fix. No browser needed.
"""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from painsite import content_checks, languages, pages, worksheets
from painsite.paths import DOCS

TOOL_PAGES = sorted((DOCS / "en" / "tools").glob("*.md"))


class _Form(HTMLParser):
    """The form's fields: {id: attributes}, and each label's text by its 'for' (without the row's
    name, which only screen readers hear)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.labels, self.forms = {}, {}, []
        self._label, self._row_name = None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(a)
        elif tag in ("input", "textarea", "output"):
            self.fields[a["id"]] = {"tag": tag, **a}
        elif tag == "label":
            self._label, self.labels[a["for"]] = a["for"], ""
        elif tag == "span" and a.get("class") == "tool-vh":
            self._row_name = True

    def handle_endtag(self, tag):
        if tag == "span":
            self._row_name = False
        elif tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label and not self._row_name:
            self.labels[self._label] += data


def made(path: Path) -> tuple[pages.Page, _Form]:
    page = pages.read(path)
    form = _Form()
    form.feed(worksheets.expand(page.body, page.meta, page.path))
    return page, form


def worksheet_pages():
    for lang in languages.codes():
        for source in TOOL_PAGES:
            path = DOCS / lang / "tools" / source.name
            if path.is_file() and "worksheet" in pages.read(path).meta:
                yield pytest.param(path, id=f"{lang}/{source.stem}")


def test_every_definition_has_its_page_and_every_worksheet_page_a_definition():
    used = {pages.read(p).meta["worksheet"]["tool"] for p in TOOL_PAGES if "worksheet" in pages.read(p).meta}
    assert used == set(worksheets.names())
    assert len(used) >= 6


@pytest.mark.parametrize("path", list(worksheet_pages()))
def test_the_form_is_the_definition_in_the_page_language(path):
    page, form = made(path)
    defn = worksheets.definition(page.meta["worksheet"]["tool"])
    labels = page.meta["worksheet"]["labels"]
    assert form.forms == [{"class": "tool", "data-tool": defn.tool, "autocomplete": "off", "markdown": None}]
    wanted = list(defn.fields())
    assert list(form.fields) == [element_id for _, element_id, _ in wanted], "fields, in the definition's order"
    kinds = worksheets.number_kinds()
    for (part, *cell), element_id, kind in wanted:
        field = form.fields[element_id]
        key = cell[1] if cell else part
        text = labels[part][key] if cell else labels[part]
        assert form.labels[element_id].strip() == text.strip(), element_id
        if kind == "output":
            assert field["tag"] == "output" and "data-key" not in field
            continue
        assert field["data-key"] == key
        if kind in kinds:
            assert field["inputmode"] == "numeric" and field["data-check"] == kind
            assert int(field["data-max"]) == kinds[kind]["max"]
            assert field.get("data-message") == kinds[kind].get("message")
            assert field.get("data-too-big") == kinds[kind].get("too_big")
        else:
            assert field["tag"] == ("textarea" if kind == "textarea" else "input")
            assert kind == "textarea" or field["type"] == kind


def test_labels_are_escaped_not_markup():
    path = DOCS / "en" / "tools" / "pacing-planner.md"
    page = pages.read(path)
    meta = {**page.meta, "worksheet": {**page.meta["worksheet"], "labels": {
        **page.meta["worksheet"]["labels"], "activity": 'My walk"><script>alert(1)</script>'}}}
    html = worksheets.expand(page.body, meta, path)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&#34;&gt;" in html


# ------------------------------------------------------------------------------ clear errors
def errors_for(docs: Path, path: Path) -> list[content_checks.Problem]:
    problems, _ = content_checks.check_all(docs, now=content_checks.today())
    return [p for p in problems if p.path == path and p.severity == "error"]


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_missing_translated_label_is_named_with_its_line(docs_copy):
    path = edit(docs_copy / "pl" / "tools" / "pacing-planner.md", "      minutes: Ile minut mi się udało\n", "")
    found = errors_for(docs_copy, path)
    assert [str(p).split(": error: ")[1] for p in found] == [
        "The label worksheet.labels.days.minutes is missing. Fix: Give the labels the shape of "
        "docs/includes/worksheets/pacing-planner.yml; a translation keeps the English page's keys "
        "and translates the text."]
    assert found[0].line == line_of(path, "worksheet:")


def test_an_extra_label_and_a_row_label_without_its_number(docs_copy):
    path = edit(docs_copy / "ur" / "tools" / "goals.md", "    hopes:", "    hope: x\n    hopes:")
    edit(path, "row: قدم {n}", "row: قدم")
    messages = [p.message for p in errors_for(docs_copy, path)]
    assert "The label worksheet.labels.hope is not a part of this worksheet." in messages
    assert "The label worksheet.labels.steps.row should contain {n}, where the row's number goes." in messages


def test_markers_unknown_twice_missing_and_outside_the_form(docs_copy):
    path = docs_copy / "en" / "tools" / "sleep-diary.md"
    edit(path, "<!-- worksheet: nights -->", "<!-- worksheet: night -->\n\n<!-- worksheet: start -->")
    found = {p.message: p for p in errors_for(docs_copy, path)}
    unknown = found["The worksheet 'sleep-diary' has no part 'night'."]
    assert unknown.line == line_of(path, "<!-- worksheet: night -->") and "start, nights" in unknown.fix
    # The second one is the one reported: it is where the line was added.
    assert found["The worksheet part 'start' is placed twice."].line == line_of(path, "<!-- worksheet: night -->") + 2
    assert "The page does not place the worksheet part(s) nights." in found

    path = docs_copy / "en" / "tools" / "goals.md"
    edit(path, "<!-- worksheet -->\n", "")
    edit(path, "<!-- /worksheet -->", "<!-- worksheet -->\n\n<!-- /worksheet -->")
    assert [p.message for p in errors_for(docs_copy, path)] == ["Worksheet parts are placed outside the form."]


def test_a_page_without_worksheet_front_matter_or_with_an_unknown_tool(docs_copy):
    path = docs_copy / "en" / "tools" / "goals.md"
    edit(path, "  tool: goals\n", "  tool: hopes\n")
    found = errors_for(docs_copy, path)
    assert [p.message for p in found] == ["There is no worksheet definition for 'hopes'."]
    assert found[0].line == line_of(path, "worksheet:") and "_template.yml" in found[0].fix

    module = docs_copy / "en" / "participants" / "pacing.md"
    edit(module, "\n## ", "\n<!-- worksheet: activity -->\n\n## ")
    found = errors_for(docs_copy, module)
    assert [p.message for p in found] == ["The page places a worksheet but has no 'worksheet:' front matter."]
    assert found[0].line == line_of(module, "<!-- worksheet: activity -->")


@pytest.fixture()
def definitions(tmp_path, monkeypatch):
    """A copy of the definitions to break; the module reads it instead of the real one."""
    folder = tmp_path / "worksheets"
    shutil.copytree(worksheets.FOLDER, folder)
    monkeypatch.setattr(worksheets, "FOLDER", folder)
    monkeypatch.setattr(worksheets, "TYPES_FILE", folder / "types.yml")
    return folder


@pytest.mark.parametrize("old, new, message", [
    ("{type: minutes}", "{type: hours}", "'days' uses the unknown kind 'hours'."),
    ("    rows: 7\n", "    rows: seven\n", "The definition is not valid at parts.days.rows"),
    ('id: "pace-week-{row}-{key}"', 'id: "pace-day-{row}-minutes"', "Two fields would have the id 'pace-day-1-minutes'"),
    ("  average: {type: output, calc: average, id: pace-average}", "  average: {type: output, id: pace-average}",
     "The definition is not valid at parts.average"),
    ("parts:\n", "parts: [\n", "This is not valid YAML"),
    ("  activity: {type: text, id: pace-activity}", "  activity: &a {type: text, id: pace-activity}\n  again: *a",
     "The file uses a YAML anchor or alias"),
])
def test_a_broken_definition_is_named(definitions, old, new, message):
    edit(definitions / "pacing-planner.yml", old, new)
    with pytest.raises(worksheets.WorksheetError) as caught:
        worksheets.definition("pacing-planner")
    assert message in caught.value.message and caught.value.path.name == "pacing-planner.yml"
    assert caught.value.fix


def test_the_build_stops_with_the_worksheet_error_not_a_traceback(tmp_path):
    """What `mkdocs build` shows for a page whose markers and labels disagree."""
    from mkdocs.exceptions import PluginError
    import importlib.util
    import sys
    sys.path.insert(0, str(DOCS.parent / "scripts" / "hooks"))  # as MkDocs loads hooks
    spec = importlib.util.spec_from_file_location("worksheet_hook", DOCS.parent / "scripts" / "hooks" / "worksheets.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    path = DOCS / "en" / "tools" / "goals.md"
    page = pages.read(path)

    class File:
        abs_src_path, src_path = str(path), "tools/goals.md"

    class Page:
        meta, file = {**page.meta, "worksheet": {"tool": "goals", "labels": {}}}, File()
    with pytest.raises(PluginError) as caught:
        hook.on_page_markdown(page.body, Page(), None, None)
    assert str(caught.value).startswith("A worksheet cannot be built:\n  docs/en/tools/goals.md:")
    assert "worksheet.labels.hopes is missing" in str(caught.value)


def test_the_template_for_a_new_worksheet_is_a_valid_definition():
    template = worksheets.FOLDER / "_template.yml"
    found = worksheets._definition(template, pages.stamp(template), pages.stamp(worksheets.TYPES_FILE))
    assert [path for path, _, _ in found.fields()][:2] == [("thought",), ("checks", "1", "done")]
    assert found.labels_wanted()["checks"] == {"heading": str, "row": str, "done": str, "pain": str}


def test_the_summary_page_shows_only_what_the_worksheets_save(docs_copy):
    for lang in languages.codes():
        path = docs_copy / lang / "tools" / "bring-to-my-session.md"
        assert 'data-show="weeks.5.notes"' in path.read_text(encoding="utf-8")
        assert not errors_for(docs_copy, path)
    path = edit(docs_copy / "pl" / "tools" / "bring-to-my-session.md", 'data-show="weeks.5.notes"', 'data-show="weeks.6.notes"')
    found = errors_for(docs_copy, path)
    assert [p.message for p in found] == ["The worksheet 'pacing-planner' saves nothing as 'weeks.6.notes'."]
    assert found[0].line == line_of(path, 'data-show="weeks.6.notes"')


def test_number_kinds_name_messages_that_every_language_has():
    from test_tools import strings

    words = strings()
    for kind, spec in worksheets.number_kinds().items():
        for key in (spec.get("message"), spec.get("too_big")):
            if key:
                assert all(key in words[lang] for lang in languages.codes()), f"{kind}: {key} not in strings.js"
