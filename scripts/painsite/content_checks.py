"""Checks on the Markdown sources: front matter, review dates, titles, headings, images, translations.

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

from .pages import Page, PageError, content_files, read, rel, source_hash, stamp
from .paths import DOCS, SCHEMA

REVIEW_WARNING_DAYS = 60
REVIEW_CYCLE_YEARS = 3

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
    "clinical_review": "Write 'pending' until that clinician has signed the page off, then 'approved'.",
    "sources": "List at least one source, each with title, publisher, year and an https url.",
    "short_link": "Use 2 to 32 lower-case letters, digits or hyphens, for example 'pacing'.",
    "l10n": "Add an l10n block with source_hash (print it with `python scripts/translations.py "
            "hash docs/en/<page>.md`), method and review_status. See docs/_templates/translation.md.",
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
            if error.validator == "type" and "string" in str(error.validator_value):
                fix = f"Put the value in quotes, for example {path[-1]}: \"{error.instance}\" (YAML reads digits as a number)."
            problems.append(Problem(page.path, page.line_of(field) if field else 1,
                                    f"The field '{where}' is not valid: {error.message}.", fix))
    return problems


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
    elif due > reviewed.replace(year=reviewed.year + REVIEW_CYCLE_YEARS) + dt.timedelta(days=1):
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


def check_page(page: Page, now: dt.date | None = None) -> list[Problem]:
    now = now or today()
    problems = _schema_problems(page) + _body_problems(page)
    if page.is_source:
        problems += _date_problems(page, now)
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
              only: list[str] | None = None) -> tuple[list[Problem], dict[Path, Page]]:
    """All problems in the docs folder, and the pages that could be read.

    only limits the pages checked to those languages (a parallel build checks each language in
    its own process); translations are still compared with their English pages.
    """
    now = now or today()
    problems: list[Problem] = []
    pages: dict[Path, Page] = {}
    for path in content_files(docs, only):
        try:
            pages[path] = read(path, docs)
        except PageError as exc:
            problems.append(Problem(exc.path, exc.line, exc.message, exc.fix))
    for path, page in pages.items():
        source = None if page.is_source else page.source_path
        source_stamp = stamp(source) if source is not None and source.is_file() else None
        problems += _checked(path, docs, stamp(path), source_stamp, now)
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
