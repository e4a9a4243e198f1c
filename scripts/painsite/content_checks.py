"""Checks on the Markdown sources: front matter, review dates, titles, headings, images, translations,
raw HTML against the allow-list (html_policy.py), ids, short links and the glossaries.

Every problem names the file, the line where known, what is wrong and how to fix it. The build
hook (scripts/hooks/content_model.py) stops the build on any error; `python scripts/check_content.py`
runs the same checks without building.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from . import glossary, glossary_checks, html_policy, languages, worksheets
from .pages import Page, PageError, content_files, read, rel, source_hash, stamp
from .paths import DOCS, SCHEMA

REVIEW_WARNING_DAYS = 60
REVIEW_CYCLE_YEARS = 3
# Above this a page is slow to build, to load on a phone and to print; split it.
LARGE_PAGE_BYTES = 200 * 1024
# Ids the templates and hooks give to elements of every page; a heading with one of them would
# make two elements with the same id, and links to it would go to the wrong one.
RESERVED_IDS = {
    "page-title": "the page title (scripts/hooks/i18n_pages.py)",
    "page-sources": "the 'Sources' heading of the page footer (overrides/partials/page-info.html)",
}

FIXES = {
    "title": "Add 'title: ...', the page name readers see (at most 90 characters).",
    "description": "Add 'description: ...', one sentence of 20 to 160 characters. Search engines "
                   "and link previews show it.",
    "audience": "Use one of: participants, gps, professionals.",
    "page_type": "Use one of: landing, module, programme, week, tool, summary, leaflet, training, "
                 "help, about, glossary.",
    "reviewed": "Write the date the content was last checked, as YYYY-MM-DD.",
    "review_due": f"Write the date the next review is due, as YYYY-MM-DD (at most "
                  f"{REVIEW_CYCLE_YEARS} years after 'reviewed').",
    "reviewer_role": "Name the role of the clinician who signs the page off, for example "
                     "'Clinical psychologist'.",
    "sources": "List at least one source, each with title, publisher, year and an https url "
               "(only a section's index page, page_type: landing, may have none).",
    "short_link": "Give the page a short address for its QR code, 'short_link:' with 2 to 32 "
                  "lower-case letters, digits or hyphens, for example 'short_link: pacing'.",
    "l10n": "Add an l10n block with source_hash (print it with `python scripts/translations.py "
            "hash docs/en/<page>.md`), method, translator, reviewer (null until a named person has "
            "checked it) and status. See docs/_templates/translation.md.",
}

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
IMAGE_MD = re.compile(r"!\[(?P<alt>[^\]]*)\]\(")
IMAGE_HTML = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>", re.I)
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str
    fix: str
    severity: str = "error"  # or "warning"
    # The build stops on it even where content errors only warn (`make check`): unsafe markup,
    # and pages MkDocs itself cannot read safely.
    fatal: bool = False

    def __str__(self) -> str:
        return f"{rel(self.path)}:{self.line or 1}: {self.severity}: {self.message} Fix: {self.fix}"


def today() -> dt.date:
    """The date review deadlines are measured against. SITE_TODAY (YYYY-MM-DD) overrides it in tests."""
    override = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(override) if override else dt.date.today()


@functools.lru_cache(maxsize=None)
def _validator(kind: str):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{kind}"})


def _schema_problems(page: Page) -> list[Problem]:
    kind = "sourcePage" if page.is_source else "translation"
    problems = []
    for error in sorted(_validator(kind).iter_errors(page.meta), key=lambda e: list(e.path)):
        path = [str(p) for p in error.path]
        field = path[0] if path else None
        if error.validator == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message)
            name = missing.group(1) if missing else "?"
            where = ".".join(path + [name])
            top = field or name
            problems.append(Problem(page.path, page.line_of(top) if field else 1,
                                    f"The front matter is missing the field '{where}'.",
                                    FIXES.get(top, FIXES["l10n"] if top == "l10n" else
                                              "Add the field; see docs/_templates/.")))
        elif error.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
            where = ".".join(path) + "." if path else ""
            problems.append(Problem(page.path, page.line_of(field or (extra[0] if extra else "")),
                                    f"Unknown front matter field(s): {', '.join(where + e for e in extra)}.",
                                    "Check the spelling, or remove it. New fields are added to "
                                    "scripts/painsite/page.schema.json first."))
        else:
            where = ".".join(path)
            fix = FIXES.get(field, "See docs/_templates/ for a correct example.")
            if error.validator == "pattern" and field in ("title", "description") and len(path) == 1:
                fix = (f"Write the {field} as plain text, without < or >: it is shown in the "
                       "browser tab, search results and link previews, never as HTML.")
            if error.validator == "type" and "string" in str(error.validator_value):
                fix = f"Put the value in quotes, for example {path[-1]}: \"{error.instance}\" (YAML reads digits as a number)."
            problems.append(Problem(page.path, page.line_of(field) if field else 1,
                                    f"The field '{where}' is not valid: {error.message}.", fix))
    return problems


def _impossible_dates(page: Page) -> list[Problem]:
    """Dates written correctly that do not exist, such as 2026-02-30 (the schema checks only the
    YYYY-MM-DD form)."""
    found = [(key, page.meta.get(key)) for key in ("reviewed", "review_due")]
    reviewer = (page.meta.get("l10n") or {}).get("reviewer") if isinstance(page.meta.get("l10n"), dict) else None
    if isinstance(reviewer, dict):
        found.append(("l10n", reviewer.get("reviewed")))
    problems = []
    for key, value in found:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                problems.append(Problem(page.path, page.line_of(key),
                                        f"'{key}' is {value}, which is not a real date ({exc}).",
                                        "Check the day and the month, and write the date as "
                                        "YYYY-MM-DD."))
    return problems


def _years_later(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February, in a year that has none
        return date.replace(year=date.year + years, day=28)


def _date_problems(page: Page, now: dt.date) -> list[Problem]:
    try:
        reviewed = dt.date.fromisoformat(page.meta["reviewed"])
        due = dt.date.fromisoformat(page.meta["review_due"])
    except (KeyError, TypeError, ValueError):
        return []  # the schema check already reported it
    line = page.line_of("review_due")
    problems = []
    if reviewed > now:
        problems.append(Problem(page.path, page.line_of("reviewed"),
                                f"'reviewed' is {reviewed}, which is in the future.",
                                "Write the date the content was actually checked."))
    if due <= reviewed:
        problems.append(Problem(page.path, line, "'review_due' is not after 'reviewed'.",
                                FIXES["review_due"]))
    elif due > _years_later(reviewed, REVIEW_CYCLE_YEARS) + dt.timedelta(days=1):
        problems.append(Problem(page.path, line,
                                f"'review_due' is more than {REVIEW_CYCLE_YEARS} years after 'reviewed'.",
                                FIXES["review_due"]))
    if due < now:
        problems.append(Problem(page.path, line,
                                f"The review date has passed (review_due: {due}).",
                                "Ask the page's reviewer to check the content against its sources, "
                                "then set 'reviewed' to today and 'review_due' to the next review date."))
    elif (due - now).days <= REVIEW_WARNING_DAYS:
        problems.append(Problem(page.path, line,
                                f"The review is due in {(due - now).days} days (review_due: {due}).",
                                "Book the review with the page's reviewer now.", "warning"))
    return problems


def headings(page: Page) -> list[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id) for each heading outside code blocks."""
    found, in_fence = [], False
    for offset, line in enumerate(page.body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = HEADING.match(line) if not in_fence else None
        if match:
            explicit = HEADING_ID.search(match.group(2))
            found.append((page.body_start_line + offset, len(match.group(1)), match.group(2),
                          explicit.group(1) if explicit else None))
    return found


def _body_problems(page: Page) -> list[Problem]:
    problems = []
    for line, level, text, anchor in headings(page):
        if level == 1:
            problems.append(Problem(page.path, line, "The page has its own '# ' heading.",
                                    "Remove it: the page title comes from 'title' in the front matter."))
        elif anchor is None:
            problems.append(Problem(page.path, line, f"The heading '{text}' has no fixed id.",
                                    "End the heading with an id in English that translations keep, "
                                    "for example '## What is pacing? { #what-is-pacing }'."))
    for offset, line in enumerate(page.body.split("\n")):
        for match in IMAGE_MD.finditer(line):
            if not match.group("alt").strip():
                problems.append(Problem(page.path, page.body_start_line + offset,
                                        "An image has no alt text.",
                                        "Describe the image inside the brackets: ![What it shows](file.png). "
                                        "Use ![](...){ role=presentation } only for pure decoration."))
        if IMAGE_HTML.search(line):
            problems.append(Problem(page.path, page.body_start_line + offset,
                                    "An <img> has no alt text.", "Add alt=\"what the image shows\"."))
    return problems


def is_worksheet(page: Page) -> bool:
    """A page that declares a worksheet: the HTML made from it carries the form that
    scripts/painsite/worksheets.py writes. No page writes form markup itself."""
    return isinstance(page.meta.get("worksheet"), dict)


def _worksheet_problems(page: Page, ids: list[tuple[int, str]]) -> list[Problem]:
    """The worksheet's definition, labels and markers, and the saved answers a summary page
    shows; the worksheet's field ids join the page's ids."""
    found = worksheets.check(page.meta, page.body, page.path, page.body_start_line, page.line_of)
    found += worksheets.summary_problems(page.body, page.path, page.body_start_line)
    problems = [Problem(e.path, e.line, e.message, e.fix) for e in found]
    if is_worksheet(page) and not problems:
        line = page.line_of("worksheet") - page.body_start_line + 1  # ids count lines from the body
        ids += [(line, element_id) for _, element_id, _ in
                worksheets.definition(page.meta["worksheet"]["tool"]).fields()]
    return problems


def _front_matter_text(value, where: str = ""):
    """(field path, text) for every text value in the front matter, however deeply nested."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _front_matter_text(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _front_matter_text(inner, f"{where}[{index}]")


def _markup_problems(page: Page, ids: list[tuple[int, str]]) -> list[Problem]:
    """Raw HTML in the page against the allow-list (scripts/painsite/html_policy.py), and any
    markup in front matter, which is plain text. ids collects the page's id="..." attributes."""
    problems = []
    for finding in html_policy.check_markdown(page.body, False, ids):
        problems.append(Problem(page.path, page.body_start_line + finding.line - 1,
                                f"The page contains {finding.found}, which pages may not use.",
                                finding.fix, fatal=True))
    for where, text in _front_matter_text(page.meta):
        if where in ("title", "description"):
            continue  # the schema allows no < or > there, with a fix of its own
        markup = html_policy.markup_in_text(text)
        if markup:
            problems.append(Problem(page.path, page.line_of(where),
                                    f"The front matter field '{where}' contains HTML ({markup}).",
                                    "Front matter is plain text: remove the markup."))
    return problems


def _id_problems(page: Page, html_ids: list[tuple[int, str]]) -> list[Problem]:
    """Two elements with one id: a link to it goes to the first one only. The page title's id
    counts too, and so does the id of the page footer's heading."""
    found = [(line, anchor) for line, level, _, anchor in headings(page) if anchor and level > 1]
    found += [(page.body_start_line + line - 1, anchor) for line, anchor in html_ids]
    problems, seen = [], {}
    for line, anchor in sorted(found):
        if anchor in RESERVED_IDS:
            problems.append(Problem(page.path, line,
                                    f"The id '{anchor}' is already the id of {RESERVED_IDS[anchor]}.",
                                    "Choose another id for this heading."))
        elif anchor in seen:
            problems.append(Problem(page.path, line,
                                    f"The id '{anchor}' is used twice on this page (first on line "
                                    f"{seen[anchor]}).",
                                    "Give each heading and field its own id: a link to "
                                    f"#{anchor} goes to the first one only."))
        else:
            seen[anchor] = line
    return problems


def _size_problems(page: Page) -> list[Problem]:
    size = page.path.stat().st_size
    if size <= LARGE_PAGE_BYTES:
        return []
    return [Problem(page.path, 1, f"The page is {size // 1024} KB of Markdown (more than "
                                  f"{LARGE_PAGE_BYTES // 1024} KB).",
                    "Split it into smaller pages: a page this long is slow to load on a phone, "
                    "slow to build and hard to read.", "warning")]


@functools.lru_cache(maxsize=None)
def _required_sections() -> dict[str, list[str]]:
    sections = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]["sourcePage"].get("x-sections", {})
    return {kind: ids for kind, ids in sections.items() if not kind.startswith("$")}


def _section_problems(page: Page) -> list[Problem]:
    """A page type with a set structure (a training unit) has its sections, in order: the rule
    lives in page.schema.json ("x-sections"), beside the front matter's rules."""
    required = _required_sections().get(page.meta.get("page_type")) if page.is_source else None
    if not required:
        return []
    found = [anchor for _, _, _, anchor in headings(page) if anchor in required]
    if found == required:
        return []
    missing = [r for r in required if r not in found]
    what = f"lacks the section(s) {', '.join('#' + m for m in missing)}" if missing else \
        f"has its sections in another order ({', '.join(found)})"
    return [Problem(page.path, page.body_start_line,
                    f"A {page.meta['page_type']} page {what}.",
                    f"Give it these headings, in this order: {', '.join('#' + r for r in required)} "
                    "(see scripts/painsite/page.schema.json, x-sections).")]


def check_page(page: Page, now: dt.date | None = None) -> list[Problem]:
    now = now or today()
    html_ids: list[tuple[int, str]] = []
    problems = _schema_problems(page) + _body_problems(page) + _markup_problems(page, html_ids)
    problems += _section_problems(page) + _worksheet_problems(page, html_ids)
    problems += _id_problems(page, html_ids) + _impossible_dates(page) + _size_problems(page)
    if page.is_source:
        problems += _date_problems(page, now)
    return problems


def rendered_problems(page: Page, html: str) -> list[Problem]:
    """The HTML that Markdown made of the page, against the allow-list.

    This catches what is not raw HTML in the source: [a link](javascript:...), an image from
    another site, { onclick=... } attribute lists. A finding on a line already reported from the
    source is not repeated; the line is the first in the source that holds what was found.
    """
    source = html_policy.check_markdown(page.body)
    reported = {finding.line for finding in source}
    lines = page.body.split("\n")
    problems = []
    for finding in html_policy.check_html(html, is_worksheet(page), markdown_output=True):
        line = next((number for near in finding.near
                     for number, text in enumerate(lines, start=1) if near in text), None)
        if line in reported or (line is None and source):
            continue
        problems.append(Problem(page.path, page.body_start_line + (line or 1) - 1,
                                f"The page makes {finding.found} from its Markdown, which pages "
                                "may not use.", finding.fix, fatal=True))
    return problems


@functools.lru_cache(maxsize=1)
def _converter():
    """Python-Markdown with the extensions and settings of mkdocs.yml, for check_content.py,
    which checks the HTML of each page without building the site."""
    import markdown

    from .site_config import mkdocs_config

    names, settings = [], {}
    for entry in mkdocs_config().get("markdown_extensions", []):
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        names.append(name)
        if options:
            settings[name] = options
    return markdown.Markdown(extensions=names, extension_configs=settings)


@functools.lru_cache(maxsize=None)
def _rendered(path: Path, docs: Path, stamp: tuple[int, int]) -> tuple[Problem, ...]:
    page = read(path, docs)
    converter = _converter()
    converter.reset()
    try:
        body = worksheets.expand(page.body, page.meta, page.path)
    except worksheets.WorksheetError:
        body = page.body  # check_page() reports it
    return tuple(rendered_problems(page, converter.convert(body)))


def _short_link_problems(pages: dict[Path, Page]) -> list[Problem]:
    """One short address, one page: a printed QR code must never open the wrong page."""
    claims: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for page in pages.values():
        if isinstance(page.meta.get("short_link"), str):
            claims[(page.lang, page.meta["short_link"])].append(page)
    problems = []
    for (_, short), claimants in claims.items():
        for page in claimants if len(claimants) > 1 else []:
            others = ", ".join(rel(other.path) for other in claimants if other is not page)
            problems.append(Problem(page.path, page.line_of("short_link"),
                                    f"The short_link '{short}' is also claimed by {others}.",
                                    "Keep it on the page its printed QR codes are for, and give "
                                    "the other page a short_link of its own."))
    return problems


def _glossary_problems(docs: Path, pages: dict[Path, Page], codes: list[str]) -> list[Problem]:
    problems = []
    for code in codes:
        path = glossary.glossary_file(docs, code)
        if not path.exists():
            continue
        bodies = [page.body for page in pages.values() if page.lang == code]
        problems += [Problem(p.path, p.line, p.message, p.fix, p.severity, p.fatal)
                     for p in glossary_checks.problems(path, bodies)]
    return problems


def _translation_problems(page: Page, source: Page | None) -> list[Problem]:
    if source is None:
        return [Problem(page.path, 1,
                        f"This translation has no English page (expected {rel(page.source_path)}).",
                        "Translate an existing English page and keep its path, or move this file "
                        "to the path of its English page.")]
    problems = []
    ids = [h[3] for h in headings(page) if h[1] > 1]
    source_ids = [h[3] for h in headings(source) if h[1] > 1]
    if ids != source_ids:
        missing = [i for i in source_ids if i not in ids]
        extra = [i for i in ids if i not in source_ids]
        detail = "; ".join(part for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"not in English {', '.join(extra)}" if extra else "",
            "order differs" if not missing and not extra else "") if part)
        problems.append(Problem(page.path, page.body_start_line,
                                f"The heading ids differ from the English page ({detail}).",
                                f"Keep the same headings and ids, in the same order, as {rel(source.path)}."))
    recorded = (page.meta.get("l10n") or {}).get("source_hash")
    if recorded and recorded != source_hash(source.path):
        problems.append(Problem(page.path, page.line_of("l10n"),
                                "The English page has changed since this translation was made.",
                                f"Update the translation from {rel(source.path)}, then set "
                                f"l10n.source_hash to {source_hash(source.path)}.", "warning"))
    return problems


@functools.lru_cache(maxsize=None)
def _checked(path: Path, docs: Path, stamp: tuple[int, int], source_stamp: tuple[int, int] | None,
             now: dt.date) -> tuple[Problem, ...]:
    """check_page() and the translation checks, kept per version of the page and of its English
    page, so that `mkdocs serve` checks again only what was edited."""
    page = read(path, docs)
    problems = check_page(page, now)
    if not page.is_source:
        try:
            source = read(page.source_path, docs) if source_stamp is not None else None
        except PageError:
            source = None  # the English page's own problem is reported when it is checked
        problems += _translation_problems(page, source)
    return tuple(problems)


def check_all(docs: Path = DOCS, now: dt.date | None = None,
              only: list[str] | None = None,
              render: bool = False) -> tuple[list[Problem], dict[Path, Page]]:
    """All problems in the docs folder, and the pages that could be read.

    only limits the pages checked to those languages (a parallel build checks each language in
    its own process); translations are still compared with their English pages.
    render: also turn each page into HTML and check that (check_content.py does; the build
    checks the HTML it makes itself, in scripts/hooks/content_model.py).
    """
    now = now or today()
    problems: list[Problem] = []
    pages: dict[Path, Page] = {}
    for path in content_files(docs, only):
        try:
            pages[path] = read(path, docs)
        except PageError as exc:
            problems.append(Problem(exc.path, exc.line, exc.message, exc.fix, fatal=exc.fatal))
    for path, page in pages.items():
        source = None if page.is_source else page.source_path
        source_stamp = stamp(source) if source is not None and source.is_file() else None
        problems += _checked(path, docs, stamp(path), source_stamp, now)
        if render:
            problems += _rendered(path, docs, stamp(path))
    problems += _short_link_problems(pages)
    problems += _glossary_problems(docs, pages, only or languages.codes())
    titles: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for page in pages.values():
        if isinstance(page.meta.get("title"), str):
            titles[(page.lang, page.meta["title"].strip().casefold())].append(page)
    for (lang, _), same in titles.items():
        for page in same[1:]:
            problems.append(Problem(page.path, page.line_of("title"),
                                    f"The title '{page.meta['title']}' is also used by {rel(same[0].path)}.",
                                    "Give each page a title of its own: screen reader users move "
                                    "between pages by their titles."))
    return problems, pages
