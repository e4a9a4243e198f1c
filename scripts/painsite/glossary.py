"""Glossary terms, one file per language: docs/includes/glossary-<language>.md.

Each line is an abbreviation definition, `*[term]: plain-words explanation`, so that the abbr
extension shows the explanation as a tooltip wherever the term appears on a page.
"""
from __future__ import annotations

import re
from pathlib import Path

from .paths import DOCS

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")


def glossary_file(docs: Path, lang: str) -> Path:
    return docs / "includes" / f"glossary-{lang}.md"


def terms(docs: Path = DOCS, lang: str = "en") -> dict[str, str]:
    path = glossary_file(docs, lang)
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DEFINITION.match(line)
        if match:
            found[match.group("term")] = match.group("text")
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def marks(docs: Path = DOCS, lang: str = "en") -> tuple[dict[str, str], list[str]]:
    """What pages mark: every term, and each form of a term that the language's term list gives
    under glossary_forms (Polish cases and plurals), with the term's definition. Also returns the
    glossary_forms keys that name no term (a typo there would silently mark nothing)."""
    from . import terms as term_lists

    defined = terms(docs, lang)
    found, unknown = dict(defined), []
    for term, forms in term_lists.word_forms(lang).items():
        if term not in defined:
            unknown.append(term)
            continue
        for form in forms or []:
            found.setdefault(str(form), defined[term])
    return found, unknown
