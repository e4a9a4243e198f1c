"""Reading content pages: front matter (with line numbers, for error messages) and body.

Pages live in docs/<language>/<path>.md. English (the default language) is the source; a page in
another language folder is a translation of the English page at the same path.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import languages
from .paths import DOCS, ROOT

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader (the build reads every page's front matter, and pure Python YAML was
    the slowest part of a large build), with dates left as text: YAML would turn 2026-02-30 into
    a ValueError with no line, and the schema and the date checks read dates as text anyway."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_LOADER = _Loader
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


class PageError(Exception):
    """A page cannot be read at all (for example its front matter is not valid YAML).

    fatal: MkDocs itself cannot safely read the page either (not UTF-8, YAML anchors), so the
    build stops even where other content errors only warn (`make check`)."""

    def __init__(self, path: Path, line: int | None, message: str, fix: str, fatal: bool = False):
        self.path, self.line, self.message, self.fix, self.fatal = path, line, message, fix, fatal
        super().__init__(f"{rel(path)}:{line or 1}: {message} Fix: {fix}")


def decode(path: Path, data: bytes) -> str:
    """The text of a file that must be UTF-8 (a byte order mark is allowed, as MkDocs allows it),
    or a PageError naming the line of the first byte that is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PageError(
            path, line, f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}).",
            "Save the file as UTF-8: in most editors, 'Save with encoding' or 'Save as' and choose "
            "UTF-8. Copying text from a word processor can bring in other encodings.", fatal=True,
        ) from None


def anchor_or_alias(raw: str):
    """The first YAML anchor (&name) or alias (*name) in raw, as a parser event, or None.

    A few lines of nested aliases stand for billions of values ('billion laughs'): anything that
    walks them (the schema check, a template) takes minutes and gigabytes. Front matter never
    needs them, so they are refused before the YAML is turned into values.
    """
    for event in yaml.parse(raw, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event
    return None


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


def reader_text(text: str) -> str:
    """What a reader reads of a page file: its title, its description, a week's one thing to
    practise (shown on the home page's My week) and its body.

    Review dates, sources and the rest of the front matter are left out, so that updating them
    neither makes a translation look out of date nor undoes a clinical sign-off (painsite.signoff).
    Line endings are normalised so a checkout on Windows gives the same text.
    """
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    meta = {}
    if match and anchor_or_alias(match.group(1) or "") is None:
        try:
            meta = yaml.load(match.group(1) or "", Loader=_LOADER) or {}
        except yaml.YAMLError:
            meta = {}  # the page's own check reports it
    if not isinstance(meta, dict):
        meta = {}
    body = text[match.end():] if match else text
    parts = [str(meta.get("title", "")), str(meta.get("description", ""))]
    if meta.get("practise"):  # only where present, so other pages' fingerprints stay as they were
        parts.append(str(meta["practise"]))
    if meta.get("worksheet"):  # a worksheet's labels are words the reader reads, too
        parts.append(json.dumps(meta["worksheet"], ensure_ascii=False, sort_keys=True, default=str))
    return "\n".join(parts + [body.strip()])


def text_hash(text: str, length: int = 12) -> str:
    """Fingerprint of a page file's reader_text()."""
    return hashlib.sha256(reader_text(text).encode("utf-8")).hexdigest()[:length]


def source_hash(path: Path) -> str:
    """Fingerprint of an English source page, recorded by translations (l10n.source_hash).

    A content hash rather than a git commit, so staleness can be decided in a shallow clone or a
    tarball.
    """
    return _source_hash(str(path), stamp(path))


@functools.lru_cache(maxsize=None)
def _source_hash(path_text: str, _stamp: tuple[int, int]) -> str:
    return text_hash(Path(path_text).read_bytes().decode("utf-8-sig"))


def dates_to_text(value):
    """YAML turns 2026-11-23 into a date; JSON Schemas check text, so turn dates back."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dates_to_text(v) for v in value]
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
    text = decode(path, path.read_bytes()).replace("\r\n", "\n")
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
        alias = anchor_or_alias(raw)
        if alias is not None:
            raise PageError(
                path, alias.start_mark.line + 2,
                f"The front matter uses a YAML {'alias' if isinstance(alias, yaml.AliasEvent) else 'anchor'} "
                f"('{'*' if isinstance(alias, yaml.AliasEvent) else '&'}{alias.anchor}').",
                "Write each value out in full. Anchors (&name) and aliases (*name) are not allowed: "
                "a few lines of them can stand for billions of values.", fatal=True)
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
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # An explicit tag whose value does not fit it (!!int "x" ...): YAML gives no line.
        raise PageError(
            path, 2, f"The front matter could not be read ({exc}).",
            "Remove any YAML tag (a word starting with '!!') and write the value as plain text.",
        ) from None
    if not isinstance(meta, dict):
        raise PageError(path, 2, "The front matter must be a list of 'field: value' lines.",
                        "Write one 'field: value' per line between the two '---' lines.")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
        key_lines.update(_nested_lines(node))
    body_start = text[: match.end()].count("\n") + 1
    return Page(path=path, docs=docs, lang=lang, rel_path=rel_path, meta=dates_to_text(meta),
                body=text[match.end():], body_start_line=body_start, key_lines=key_lines)


def _nested_lines(node, where: str = "") -> dict[str, int]:
    """Line of every value inside the front matter by its path ('sources[0].title'), so that a
    problem deep inside a list points at its own line, not at the list's first."""
    found = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            path = f"{where}.{key_node.value}" if where else str(key_node.value)
            if where:
                found[path] = key_node.start_mark.line + 2
            found.update(_nested_lines(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            found[f"{where}[{index}]"] = value.start_mark.line + 2
            found.update(_nested_lines(value, f"{where}[{index}]"))
    return found


def content_files(docs: Path = DOCS, only: list[str] | None = None) -> list[Path]:
    """Every Markdown page in every language folder, or in those named (templates and snippets
    are not pages)."""
    found = []
    for code in only or languages.codes():
        folder = docs / code
        if folder.is_dir():
            found.extend(sorted(folder.rglob("*.md")))
    return found
