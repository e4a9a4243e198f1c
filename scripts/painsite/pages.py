"""Reading content pages: front matter (with line numbers, for error messages) and body.

Pages live in docs/<language>/<path>.md. English (the default language) is the source; a page in
another language folder is a translation of the English page at the same path.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import languages
from .paths import DOCS, ROOT

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


class PageError(Exception):
    """A page cannot be read at all (for example its front matter is not valid YAML)."""

    def __init__(self, path: Path, line: int | None, message: str, fix: str):
        self.path, self.line, self.message, self.fix = path, line, message, fix
        super().__init__(f"{rel(path)}:{line or 1}: {message} Fix: {fix}")


@dataclass
class Page:
    path: Path  # absolute path of the Markdown file
    docs: Path  # the docs folder it belongs to
    lang: str  # language folder the file sits in
    rel_path: str  # path inside the language folder, e.g. participants/pacing.md
    meta: dict
    body: str
    body_start_line: int  # line number in the file where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line number

    @property
    def is_source(self) -> bool:
        return self.lang == languages.default_language().code

    @property
    def source_path(self) -> Path:
        """The English page this page is (or would be) a translation of."""
        return self.docs / languages.default_language().code / self.rel_path

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def rel(path: Path) -> str:
    """A path as the reader of an error message knows it: docs/en/..., not /tmp/xyz/docs/en/..."""
    parts = path.parts
    if "docs" in parts:
        return Path(*parts[len(parts) - 1 - parts[::-1].index("docs"):]).as_posix()
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def source_hash(path: Path) -> str:
    """Fingerprint of an English source page, recorded by translations (l10n.source_hash).

    A content hash rather than a git commit, so staleness can be decided in a shallow clone or a
    tarball. Line endings are normalised so a checkout on Windows gives the same value.
    """
    return _source_hash(str(path), stamp(path))


@functools.lru_cache(maxsize=None)
def _source_hash(path_text: str, _stamp: tuple[int, int]) -> str:
    text = Path(path_text).read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _dates_to_text(value):
    """YAML turns 2026-11-23 into a date; the schema checks text, so turn dates back."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    return value


def stamp(path: Path) -> tuple[int, int]:
    """What changes when a file is edited: its modification time and size."""
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def read(path: Path, docs: Path = DOCS) -> Page:
    """The page at path, parsed once per version of the file.

    `mkdocs serve` rebuilds after every edit in the same process; keeping parsed pages by their
    modification time means only the edited page is read again. Treat the result as read-only.
    """
    return _read(str(path), str(docs), stamp(path))


@functools.lru_cache(maxsize=None)
def _read(path_text: str, docs_text: str, _stamp: tuple[int, int]) -> Page:
    path, docs = Path(path_text), Path(docs_text)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    relative = path.resolve().relative_to(docs.resolve())
    lang, rel_path = relative.parts[0], Path(*relative.parts[1:]).as_posix()
    match = FRONT_MATTER.match(text)
    if not match:
        raise PageError(
            path, 1, "The page has no front matter.",
            "Start the file with a line '---', the fields (copy them from "
            "docs/_templates/participant-module.md), and another line '---'.",
        )
    raw = match.group(1) or ""
    try:
        # libyaml's loader: the build reads every page's front matter, and pure Python YAML
        # was the slowest part of a large build.
        node = yaml.compose(raw, Loader=_LOADER)
        meta = yaml.load(raw, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 0-based, +1 for the opening '---'
        problem = getattr(exc, "problem", None) or str(exc)
        raise PageError(
            path, line, f"The front matter is not valid YAML ({problem}).",
            "Check the indentation and put quotes around text that contains a colon or starts "
            "with a special character such as ', \", [, { or #.",
        ) from None
    if not isinstance(meta, dict):
        raise PageError(path, 2, "The front matter must be a list of 'field: value' lines.",
                        "Write one 'field: value' per line between the two '---' lines.")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body_start = text[: match.end()].count("\n") + 1
    return Page(path=path, docs=docs, lang=lang, rel_path=rel_path, meta=_dates_to_text(meta),
                body=text[match.end():], body_start_line=body_start, key_lines=key_lines)


def content_files(docs: Path = DOCS, only: list[str] | None = None) -> list[Path]:
    """Every Markdown page in every language folder, or in those named (templates and snippets
    are not pages)."""
    found = []
    for code in only or languages.codes():
        folder = docs / code
        if folder.is_dir():
            found.extend(sorted(folder.rglob("*.md")))
    return found
