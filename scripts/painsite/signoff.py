"""Clinical sign-offs that follow the text.

A sign-off is real only when a named person made it, and it covers only the text they read. Each
service keeps its own records, one file per language: reviews/<service>/<lang>.yml. A record names
the page, the reviewer, their role (and registration, if given), the date and a hash of the
page's text at sign-off. A page shows "Checked by ..." only while its text still has that hash;
any later edit returns it to "not yet checked".

    python scripts/review.py status             # make review-status
    python scripts/review.py sign-off PAGE REVIEWER ROLE [--registration R] [--translator T]
"""
from __future__ import annotations

import datetime as dt
import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import languages, pages
from .paths import DOCS, ROOT

REVIEWS = ROOT / "reviews"
FIELDS = {"page", "reviewer", "role", "registration", "translator", "date", "text_hash"}
REQUIRED = ("page", "reviewer", "role", "date", "text_hash")
HEADER = ("# Clinical sign-offs of the {lang} pages for this service. Add one with\n"
          "#   make sign-off PAGE=docs/{lang}/<page>.md REVIEWER=\"Full name\" ROLE=\"Role\"\n"
          "# A sign-off counts only while the page's text still matches text_hash.\n")


class SignOffError(Exception):
    def __init__(self, path: Path, line: int | None, message: str, fix: str):
        self.path, self.line = path, line
        super().__init__(f"{pages.rel(path)}:{line or 1}: {message} Fix: {fix}")


@dataclass(frozen=True)
class SignOff:
    page: str  # path inside the language folder, e.g. participants/pacing.md
    reviewer: str
    role: str
    date: str
    text_hash: str
    registration: str = ""
    translator: str = ""


def text_hash(path: Path) -> str:
    """The fingerprint of what a reviewer reads of the page (pages.reader_text: title,
    description and body). Review dates and other bookkeeping can change without undoing a
    sign-off; any change to the words does."""
    return pages.text_hash(path.read_bytes().decode("utf-8-sig"), length=16)


def record_file(service_id: str, lang: str) -> Path:
    return REVIEWS / service_id / f"{lang}.yml"


def _git_versions(path: Path) -> list[str]:
    """Every committed version of a page's file, newest first (empty without git history).
    Run from the page's own folder, so it works for any repository the docs live in."""
    try:
        run = dict(cwd=path.parent, text=True, capture_output=True, check=True)
        commits = subprocess.run(["git", "log", "--format=%H", "--", path.name], **run).stdout.split()
        return [subprocess.run(["git", "show", f"{c}:./{path.name}"], **run).stdout for c in commits]
    except (subprocess.CalledProcessError, FileNotFoundError):
        return []


def load(service_id: str, lang: str, docs: Path = DOCS, check_history: bool = True) -> dict[str, SignOff]:
    """The sign-offs of one service and language, by page; every problem raises SignOffError."""
    return _load(service_id, lang, docs, check_history, _stamp(record_file(service_id, lang)))


def _stamp(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@functools.lru_cache(maxsize=None)
def _load(service_id: str, lang: str, docs: Path, check_history: bool, _mtime: int) -> dict[str, SignOff]:
    path = record_file(service_id, lang)
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        found = pages.anchor_or_alias(text)
        if found is not None:
            raise SignOffError(path, found.start_mark.line + 1, "The file uses a YAML anchor or alias.",
                               "Write each sign-off out in full.")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SignOffError(path, mark.line + 1 if mark else 1, "The file is not valid YAML.",
                           "Check the indentation; each sign-off starts with '- page:'.") from None
    if not isinstance(data, list):
        raise SignOffError(path, 1, "The file must be a list of sign-offs.",
                           "Start each sign-off with '- page:', or leave the file as '[]'.")
    found: dict[str, SignOff] = {}
    for index, item in enumerate(data):
        line = node.value[index].start_mark.line + 1
        if not isinstance(item, dict):
            raise SignOffError(path, line, "A sign-off must be a set of 'field: value' lines.",
                               "Use `make sign-off` to add one.")
        unknown = sorted(set(item) - FIELDS)
        missing = [f for f in REQUIRED if not item.get(f)]
        if unknown or missing:
            raise SignOffError(path, line, f"Sign-off {index + 1}: " + "; ".join(filter(None, [
                f"unknown field(s) {', '.join(unknown)}" if unknown else "",
                f"missing {', '.join(missing)}" if missing else ""])) + ".",
                f"Each sign-off has {', '.join(REQUIRED)}, and may have registration and translator.")
        record = SignOff(**{k: str(v) for k, v in item.items()})
        page_path = docs / lang / record.page
        if not page_path.is_file():
            raise SignOffError(path, line, f"The sign-off is for {record.page}, which does not exist "
                               f"in docs/{lang}/.", "Correct the page path, or remove the sign-off "
                               "of a page that was deleted.")
        current = text_hash(page_path)
        if record.text_hash != current and check_history and not any(
                pages.text_hash(old, length=16) == record.text_hash for old in _git_versions(page_path)):
            raise SignOffError(path, line, f"The text_hash of the sign-off for {record.page} matches no "
                               "version of that page.", "Record sign-offs with `make sign-off`, which "
                               "works out the hash of the text the reviewer read.")
        try:
            dt.date.fromisoformat(record.date)
        except ValueError:
            raise SignOffError(path, line, f"'{record.date}' is not a real date.",
                               "Write the date of the sign-off as YYYY-MM-DD.") from None
        found[record.page] = record  # a later sign-off of the same page replaces an earlier one
    return found


def current(service_id: str, lang: str, rel_path: str, docs: Path = DOCS) -> SignOff | None:
    """The sign-off that still covers the page's text, if there is one."""
    record = load(service_id, lang, docs, check_history=False).get(rel_path)
    if record is None:
        return None
    return record if record.text_hash == text_hash(docs / lang / rel_path) else None


def add(service_id: str, page_path: Path, reviewer: str, role: str, registration: str = "",
        translator: str = "", date: str | None = None, docs: Path = DOCS) -> tuple[SignOff, Path]:
    """Record that a named person signed off the page's text as it is now."""
    page = pages.read(page_path.resolve(), docs)
    if not reviewer.strip() or not role.strip():
        raise SignOffError(page_path, None, "A sign-off needs the reviewer's full name and role.",
                           'Give REVIEWER="Full name" and ROLE="Role".')
    record = SignOff(page=page.rel_path, reviewer=reviewer.strip(), role=role.strip(),
                     registration=registration.strip(), translator=translator.strip(),
                     date=date or dt.date.today().isoformat(), text_hash=text_hash(page.path))
    path = record_file(service_id, page.lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else HEADER.format(lang=page.lang)
    entry = {k: v for k, v in record.__dict__.items() if v}
    existing = existing.replace("\n[]\n", "\n").rstrip("\n") + "\n"
    path.write_text(existing + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return record, path


@dataclass(frozen=True)
class Row:
    lang: str
    page: str
    status: str  # signed off | changed since sign-off | never checked
    overdue: bool
    reviewer: str


def status(service_id: str, docs: Path = DOCS, today: dt.date | None = None) -> list[Row]:
    today = today or dt.date.today()
    rows = []
    for lang in languages.codes():
        records = load(service_id, lang, docs)
        for path in pages.content_files(docs, [lang]):
            page = pages.read(path, docs)
            record = records.get(page.rel_path)
            if record is None:
                state = "never checked"
            elif record.text_hash == text_hash(path):
                state = "signed off"
            else:
                state = "changed since sign-off"
            due = page.meta.get("review_due")
            if due is None and not page.is_source and page.source_path.exists():
                due = pages.read(page.source_path, docs).meta.get("review_due")
            try:
                overdue = bool(due) and dt.date.fromisoformat(str(due)) < today
            except ValueError:
                overdue = False
            who = f"{record.reviewer}, {record.role}, {record.date}" if record else ""
            rows.append(Row(lang, page.rel_path, state, overdue, who))
    return rows
