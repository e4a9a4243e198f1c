"""Service profiles: the details of the NHS service an edition of the site is built for.

One body of content serves many services. Each service has one file, services/<id>.yml, with its
organisation, contacts, referral route, programme details and local support, checked against
service.schema.json. The build picks one: SERVICE=<id> (`make build SERVICE=example`), or
`extra.service` in mkdocs.yml. Profiles come from many hands, so they are treated like pages:
plain text only, read with a loader that refuses YAML anchors and aliases, and every problem is
reported with the file, the line and the fix.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

from .pages import anchor_or_alias, dates_to_text
from .paths import ROOT
from .site_config import mkdocs_config

SERVICES = ROOT / "services"
SCHEMA = Path(__file__).with_name("service.schema.json")
SERVICE_ENV = "PAINSITE_SERVICE"
CONFIRM_EVERY_DAYS = 365  # `make review-status` lists a profile not confirmed for a year

FIXES = {
    "phone": "Write a UK number with its usual spaces, for example \"01704 387235\" or \"0151 471 2377\", in quotes.",
    "freephone": "Write it like \"0800 328 2941\", in quotes.",
    "postcode": "Write a UK postcode in capitals with one space, for example PR8 3RJ.",
    "confirmed": "Write the date the service last confirmed these details, as YYYY-MM-DD.",
    "web": "Use the full https:// address of the service's own page.",
    "email": "Write one email address, for example pain.service@nhs.net.",
    "id": "Use the file name without .yml: 2 to 40 lower-case letters, digits or hyphens.",
}


class ServiceError(Exception):
    """A profile that cannot be used. str() is the one message a person needs."""

    def __init__(self, path: Path, line: int | None, message: str, fix: str):
        self.path, self.line, self.message, self.fix = path, line, message, fix
        super().__init__(f"{_rel(path)}:{line or 1}: {message} Fix: {fix}")


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


class _NoAliasLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader; anchors and aliases are refused before it runs (_compose)."""


def _compose(path: Path, text: str):
    """The YAML node tree, after refusing anchors and aliases (pages.anchor_or_alias reads the
    event stream, which never expands an alias)."""
    try:
        found = anchor_or_alias(text)
        if found is not None:
            kind, sign = ("alias", "*") if isinstance(found, yaml.AliasEvent) else ("anchor", "&")
            raise ServiceError(path, found.start_mark.line + 1,
                               f"The profile uses a YAML {kind} ({sign}{found.anchor}).",
                               "Write each value out in full: anchors and aliases are not allowed.")
        return yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ServiceError(path, mark.line + 1 if mark else 1,
                           f"The profile is not valid YAML ({getattr(exc, 'problem', None) or exc}).",
                           "Check the indentation, and put quotes around text with a colon in it.") from None


def _lines(node, prefix=()) -> dict[tuple, int]:
    """Line number of every key and list item, by its path, for error messages."""
    found = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = prefix + (key.value,)
            found[path] = key.start_mark.line + 1
            found.update(_lines(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            found[prefix + (index,)] = value.start_mark.line + 1
            found.update(_lines(value, prefix + (index,)))
    return found


@functools.lru_cache(maxsize=None)
def _validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def problems(path: Path) -> list[ServiceError]:
    """Every problem in one profile (empty when it is fine)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return [ServiceError(path, line, "The profile is not saved as UTF-8.",
                             "Save the file as UTF-8 in your editor.")]
    try:
        node = _compose(path, text)
        data = dates_to_text(yaml.load(text, Loader=_NoAliasLoader)) if node is not None else None
    except ServiceError as exc:
        return [exc]
    if not isinstance(data, dict):
        return [ServiceError(path, 1, "The profile is empty or not a list of 'field: value' lines.",
                             "Copy services/example.yml and fill it in.")]
    lines = _lines(node)
    found = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path]):
        where = tuple(error.path)
        name = ".".join(str(p) for p in where)
        line = lines.get(where) or (lines.get(where[:-1]) if where else None) or 1
        last = next((str(p) for p in reversed(where) if isinstance(p, str)), "")
        if error.validator == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message).group(1)
            field = f"{name}.{missing}" if name else missing
            found.append(ServiceError(path, line, f"The profile is missing the field '{field}'.",
                                      f"Add '{missing}:'. services/mersey-care.yml shows every field."))
        elif error.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)'", error.message.split("(")[-1])
            key = extra[0] if extra else "?"
            found.append(ServiceError(path, lines.get(where + (key,), line),
                                      f"Unknown field '{(name + '.') if name else ''}{key}'.",
                                      "Check the spelling against scripts/painsite/service.schema.json, "
                                      "or remove the field."))
        elif error.validator == "pattern" and error.validator_value == "^[^<>]*$":
            found.append(ServiceError(path, line, f"The field '{name}' contains < or >.",
                                      "Write plain text: profiles may not contain HTML."))
        else:
            fix = FIXES.get(last, "See services/mersey-care.yml for a correct example.")
            found.append(ServiceError(path, line, f"The field '{name}' is not valid: {error.message}.", fix))
    if not found and data.get("id") != path.stem:
        found.append(ServiceError(path, lines.get(("id",), 1),
                                  f"The id '{data.get('id')}' does not match the file name '{path.name}'.",
                                  FIXES["id"]))
    if not found:
        found += _translation_problems(path, data, lines)
    if not found:
        try:
            dt.date.fromisoformat(data["confirmed"])
        except ValueError:
            found.append(ServiceError(path, lines.get(("confirmed",), 1),
                                      f"'confirmed' is {data['confirmed']}, which is not a real date.",
                                      FIXES["confirmed"]))
    return found


# Texts a patient reads on translated pages. Names (of the organisation, the service, places and
# local groups), addresses and the GP-only referral details stay as the service writes them.
PATIENT_TEXTS = [("opening_hours",), ("programme", "group_size"), ("programme", "comfort"),
                 ("programme", "session_length"), ("programme", "days_and_times"),
                 ("programme", "where_and_when"), ("programme", "information_session"),
                 ("programme", "follow_up"), ("programme", "open_appointment"), ("programme", "places"),
                 ("programme", "what_to_bring"), ("programme", "interpreters"),
                 ("programme", "venue", "access"), ("programme", "venue", "transport"),
                 ("team",), ("local_services", "*", "what"), ("local_services", "*", "how"),
                 ("other_formats",)]


def _get(data, path):
    """Values at a path; "*" walks every item of a list. Yields (concrete path, value)."""
    if not path:
        yield (), data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            for sub, value in _get(item, rest):
                yield (index,) + sub, value
    elif isinstance(head, int) and isinstance(data, list) and head < len(data):
        for sub, value in _get(data[head], rest):
            yield (head,) + sub, value
    elif isinstance(data, dict) and head in data:
        for sub, value in _get(data[head], rest):
            yield (head,) + sub, value


def untranslated(data: dict, code: str) -> list[str]:
    """Patient-facing texts of a profile that have no translation into a language."""
    translation = (data.get("translations") or {}).get(code) or {}
    missing = []
    for pattern in PATIENT_TEXTS:
        for where, _ in _get(data, pattern):
            if not list(_get(translation, where)):
                missing.append(".".join(str(p) for p in where))
    return missing


def _translation_problems(path: Path, data: dict, lines: dict) -> list[ServiceError]:
    """A translation has the shape of the texts it translates: the same fields, lists of the
    same length, plain text."""
    found = []

    def walk(base, text, where):
        line = lines.get(where) or lines.get(where[:2]) or 1
        name = ".".join(str(p) for p in where)
        if isinstance(text, dict):
            if not isinstance(base, dict):
                found.append(ServiceError(path, line, f"'{name}' is not a group of fields in the profile.",
                                          "Give the same fields as the English profile."))
                return
            for key, value in text.items():
                if key not in base:
                    found.append(ServiceError(path, lines.get(where + (key,), line),
                                              f"'{name}.{key}' translates a field the profile does not have.",
                                              "Remove it, or check its spelling."))
                else:
                    walk(base[key], value, where + (key,))
        elif isinstance(text, list):
            if not isinstance(base, list) or len(base) != len(text):
                found.append(ServiceError(path, line, f"'{name}' has {len(text)} items; the profile has "
                                          f"{len(base) if isinstance(base, list) else 'no list'}.",
                                          "Translate each item, in the same order."))
                return
            for index, (b, t) in enumerate(zip(base, text)):
                walk(b, t, where + (index,))
        elif not isinstance(text, str) or not isinstance(base, str):
            found.append(ServiceError(path, line, f"'{name}' must be text, as in the profile.",
                                      "Write the translated text in quotes."))
        elif re.search(r"[<>]", text):
            found.append(ServiceError(path, line, f"'{name}' contains < or >.",
                                      "Write plain text: profiles may not contain HTML."))

    for code, translation in (data.get("translations") or {}).items():
        walk({k: v for k, v in data.items() if k != "translations"}, translation, ("translations", code))
    return found


def _localised(data: dict) -> dict:
    """The profile with each translated text as {"en": text, "pl": ..., "ur": ...}, which the
    panels' local() filter reads; an untranslated text stays English (marked lang="en")."""
    from . import languages
    default = languages.default_language().code

    def merge(base, text, code):
        if isinstance(base, dict) and isinstance(text, dict):
            return {k: merge(v, text[k], code) if k in text else v for k, v in base.items()}
        if isinstance(base, list) and isinstance(text, list):
            return [merge(b, t, code) for b, t in zip(base, text)]
        if isinstance(base, str):
            return {default: base, code: text}
        if isinstance(base, dict):  # already {en: ..., other: ...}
            return {**base, code: text}
        return base

    result = {k: v for k, v in data.items() if k != "translations"}
    for code, translation in (data.get("translations") or {}).items():
        result = merge(result, translation, code)
    return result


@dataclass(frozen=True)
class Service:
    id: str
    path: Path
    data: dict  # translated texts as {"en": ..., "pl": ...}
    raw: dict | None = None  # the profile as written, translations included

    def untranslated(self, code: str) -> list[str]:
        return untranslated(self.raw or {}, code)

    @property
    def confirmed(self) -> dt.date:
        return dt.date.fromisoformat(self.data["confirmed"])

    def confirmation_overdue(self, today: dt.date) -> bool:
        return (today - self.confirmed).days > CONFIRM_EVERY_DAYS


def available(folder: Path = SERVICES) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml"))


def chosen_id() -> str:
    """SERVICE from the environment (make build SERVICE=...), else extra.service in mkdocs.yml."""
    return os.environ.get(SERVICE_ENV) or (mkdocs_config().get("extra") or {}).get("service") or ""


def load(service_id: str | None = None, folder: Path = SERVICES) -> Service:
    """The profile, checked. Raises ServiceError with one message naming every problem."""
    service_id = service_id or chosen_id()
    path = folder / f"{service_id}.yml"
    if not service_id or not path.is_file():
        known = ", ".join(available(folder)) or "none"
        raise ServiceError(path if service_id else folder, None,
                           f"There is no service profile '{service_id}'." if service_id
                           else "No service is chosen.",
                           f"Use one of: {known} (SERVICE=<id>, or extra.service in mkdocs.yml), "
                           f"or add services/<id>.yml by copying services/example.yml.")
    return _load(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _load(path: Path, _stamp: int) -> Service:
    found = problems(path)
    if found:
        if len(found) == 1:
            raise found[0]
        first = found[0]
        rest = "\n".join(f"  {p}" for p in found[1:])
        raise ServiceError(first.path, first.line, f"{first.message} Fix: {first.fix}\n{rest}\n "
                           f"({len(found)} problems in all.)", "Fix each line above.")
    data = dates_to_text(yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader))
    return Service(id=data["id"], path=path, data=_localised(data), raw=data)
