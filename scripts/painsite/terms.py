"""A translated language's term list, docs/includes/terms-<lang>.yml: the agreed page titles, menu
labels, fixed terms, reviewer roles and glossary word forms. Translators read it; the build reads
its roles and word forms; tests/test_terms.py holds the pages to its titles."""
from __future__ import annotations

from functools import lru_cache

import yaml

from .paths import DOCS


class TermListError(Exception):
    """A term list lacks something the build needs; the message names the file and the fix."""


def path_of(code: str):
    return DOCS / "includes" / f"terms-{code}.yml"


@lru_cache(maxsize=None)
def _load(code: str, mtime: float) -> dict:
    return yaml.safe_load(path_of(code).read_text(encoding="utf-8")) or {}


def load(code: str) -> dict:
    """The term list of a language ({} for the source language, which needs none)."""
    path = path_of(code)
    return _load(code, path.stat().st_mtime) if path.exists() else {}


def role(code: str, english: str) -> str:
    """A reviewer role ("Physiotherapist") in the language of the page."""
    from . import languages
    if code == languages.default_language().code:
        return english
    roles = load(code).get("roles") or {}
    if english not in roles:
        raise TermListError(f"{path_of(code).relative_to(DOCS.parent)}: the reviewer role {english!r} "
                            f"has no translation. Add it under 'roles:'.")
    return roles[english]


def word_forms(code: str) -> dict[str, list[str]]:
    """Glossary term -> its other forms in running text (Polish cases and plurals)."""
    return load(code).get("glossary_forms") or {}
