"""Checks on the glossary files (docs/includes/glossary-<language>.md): terms that can never show
as a tooltip, and markup in terms and definitions (the glossary page prints definitions as
Markdown, so they follow the same HTML allow-list as pages).

How a term is matched: scripts/hooks/glossary.py hands the terms to Python-Markdown's abbr
extension, which searches the text of each element of the finished page with one regular
expression, `\\b(?:longest term|...|shortest term)\\b`, case-sensitive, and wraps each match in
<abbr>. So a term can never match when:

- it is empty, or starts or ends with a space: the term is used exactly as written in [ ];
- it starts or ends with something other than a letter, digit or underscore, as '(CBT)' or
  'e.g.' do: `\\b` then needs a letter or digit on its other side, so the term matches only when
  glued to another word (a Urdu term ending in a vowel mark is caught by this too);
- it contains a character that Markdown turns into markup before the search (* ` \\ < >);
- it is defined twice in the file: the later definition replaces the earlier;
- its line is not read as a definition at all (`*[term] : text`, `* [term]: text`, no text).

Those are errors. A term that no page of its language contains, as the extension would match
it, is a warning, because the pages decide that, not the term; the warning names the likely
cause: the pages write it with another capital letter, or only inside a longer term, which the
extension prefers at the same place (for example 'CBT' inside 'CBT-I').
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import glossary, html_policy
from .pages import PageError, decode

MARKDOWN_CHARACTERS = set("*`\\<>")
LOOKS_LIKE_DEFINITION = re.compile(r"^\s*\*\s*\[")


@dataclass(frozen=True)
class Entry:
    line: int
    term: str
    text: str


@dataclass(frozen=True)
class GlossaryProblem:
    path: Path
    line: int
    message: str
    fix: str
    severity: str = "error"
    fatal: bool = False


def entries(path: Path) -> tuple[list[Entry], list[GlossaryProblem]]:
    """The definitions of a glossary file with their lines, and the lines that look like a
    definition but are not read as one."""
    try:
        text = decode(path, path.read_bytes())
    except PageError as exc:
        return [], [GlossaryProblem(path, exc.line or 1, exc.message, exc.fix, fatal=True)]
    found, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        match = glossary.DEFINITION.match(line)
        if match:
            found.append(Entry(number, match.group("term"), match.group("text")))
        elif LOOKS_LIKE_DEFINITION.match(line):
            problems.append(GlossaryProblem(
                path, number, f"This line is not read as a glossary term: {line.strip()[:60]!r}.",
                "Write it as *[term]: explanation, with no space after '*' or before ':', and "
                "the explanation on the same line."))
    return found, problems


def _form_problem(term: str) -> tuple[str, str] | None:
    """Why a term can never match, from its form alone, and the fix; None when it can."""
    if not term.strip():
        return "The glossary term is empty.", "Write the word or phrase between [ and ]."
    if term != term.strip():
        return (f"The glossary term '{term}' starts or ends with a space, so it never matches "
                "the word on a page.", f"Write it as *[{term.strip()}]: ...")
    if not (re.match(r"\w", term) and re.search(r"\w$", term)):
        return (f"The glossary term '{term}' starts or ends with a character that is not a letter "
                "or digit, so it never matches after a space or before punctuation.",
                "Leave out brackets, full stops and other marks at either end, for example "
                "*[CBT]: ... rather than *[(CBT)]: ...")
    bad = sorted(MARKDOWN_CHARACTERS & set(term))
    if bad:
        return (f"The glossary term '{term}' contains {' '.join(bad)}, which Markdown turns into "
                "markup, so the term never matches.", "Write the term as plain words.")
    return None


def problems(path: Path, bodies: list[str]) -> list[GlossaryProblem]:
    """Every problem of one glossary file; bodies: the Markdown of its language's pages."""
    found, problems = entries(path)
    seen: dict[str, int] = {}
    usable = []
    for entry in found:
        for finding in html_policy.check_markdown(f"{entry.term}\n{entry.text}"):
            problems.append(GlossaryProblem(
                path, entry.line, f"The glossary entry '{entry.term}' contains {finding.found}.",
                finding.fix, fatal=True))
        form = _form_problem(entry.term)
        if form:
            problems.append(GlossaryProblem(path, entry.line, *form))
        elif entry.term in seen:
            problems.append(GlossaryProblem(
                path, entry.line, f"The glossary term '{entry.term}' is defined twice (also on "
                                  f"line {seen[entry.term]}); only this definition is shown.",
                "Keep one definition: merge the two explanations."))
        else:
            seen[entry.term] = entry.line
            usable.append(entry)
    if usable and bodies:
        problems += _unused(path, usable, bodies)
    return problems


@functools.lru_cache(maxsize=8192)
def _matched(expression: str, body: str) -> frozenset[str]:
    """The terms the abbr extension would find in one page, kept per page text: `mkdocs serve`
    then searches again only the page that was edited."""
    return frozenset(m.group(0) for m in re.finditer(expression, body))


def _unused(path: Path, usable: list[Entry], bodies: list[str]) -> list[GlossaryProblem]:
    terms = sorted((e.term for e in usable), key=len, reverse=True)
    # The same expression the abbr extension builds (markdown/extensions/abbr.py).
    expression = f"\\b(?:{'|'.join(map(re.escape, terms))})\\b"
    matched = frozenset().union(*(_matched(expression, body) for body in bodies))
    problems = []
    text = None
    for entry in usable:
        if entry.term in matched:
            continue
        text = text if text is not None else "\n".join(bodies)
        alone = re.compile(f"\\b{re.escape(entry.term)}\\b")
        longer = [t for t in terms if t != entry.term and alone.search(t)]
        if alone.search(text) and longer:
            cause = (f"it appears only inside the longer term '{longer[0]}', which the tooltip "
                     "prefers there")
            fix = "Remove one of the two terms, or keep both if that is intended."
        else:
            other = re.search(f"\\b{re.escape(entry.term)}\\b", text, re.I)
            cause = (f"the pages write it as '{other.group(0)}' (terms are case-sensitive)" if other
                     else "no page of this language contains it")
            fix = ("Add the term as the pages write it as well, for example "
                   f"*[{other.group(0)}]: ..." if other else
                   "Remove the term, or check that it is written as the pages write it.")
        problems.append(GlossaryProblem(path, entry.line,
                                        f"The glossary term '{entry.term}' never shows as a "
                                        f"tooltip: {cause}.", fix, "warning"))
    return problems
