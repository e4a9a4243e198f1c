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
