"""Worksheets made from definitions: one definition per tool, the words in each page's language.

A worksheet's form has three sources, each written once:

- its definition, docs/includes/worksheets/<tool>.yml: the parts of the form (fields and tables),
  each field's kind, its id and, for a table, its rows and columns;
- the kinds of number field, docs/includes/worksheets/types.yml: the limits the worksheet script
  checks (data-max) and the message keys it shows (docs/assets/tools/strings.js);
- its words, in the page's front matter: `worksheet: {tool: <tool>, labels: {...}}`, one label per
  field, column, row and table heading, in the page's language. The translation of a worksheet is
  the translation of its page, so the page's l10n.source_hash covers its labels too.

The page places the parts with lines of their own, between its own headings and explanations:

    <!-- worksheet -->             the <form> opens
    <!-- worksheet: days -->       the part called "days" in the definition
    <!-- /worksheet -->            the <form> closes

Every part appears exactly once. The markup is made here, with every label escaped, so a page or a
translation can neither change the fields that saved answers depend on nor add markup of its own;
html_policy.py refuses form markup written in a page. `check()` reports problems with the file,
the line and a fix; `expand()` turns the markers into HTML when the site is built.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml
from markupsafe import Markup

from .paths import INCLUDES
from .pages import anchor_or_alias, rel, stamp

FOLDER = INCLUDES / "worksheets"
TYPES_FILE = FOLDER / "types.yml"
SCHEMA = Path(__file__).with_name("worksheet.schema.json")
MARKER = re.compile(r"^<!--\s*(?P<close>/)?worksheet(?::\s*(?P<part>[A-Za-z][\w-]*))?\s*-->[ \t]*$", re.M)
START, END = "<form>", "</form>"  # what <!-- worksheet --> and <!-- /worksheet --> stand for
PLAIN_KINDS = ("text", "textarea", "date", "time", "output", "action")
# A textarea's height in lines, when its definition does not say.
LINES = {"field": 4, "cell": 2}
TEMPLATE = "docs/includes/worksheets/_template.yml"


def _name(match: re.Match) -> str:
    return END if match["close"] else match["part"] or START


class WorksheetError(Exception):
    """A problem with a definition or a page's worksheet: where, what and how to fix it."""

    def __init__(self, path: Path, line: int | None, message: str, fix: str):
        super().__init__(f"{rel(path)}:{line or 1}: {message} Fix: {fix}")
        self.path, self.line, self.message, self.fix = path, line, message, fix


@dataclass(frozen=True)
class Definition:
    tool: str
    path: Path
    parts: dict  # name -> the part's definition, in the order of the file
    sums: tuple[str, ...] = ()  # its own scripts, docs/assets/tools/sums/<name>.js

    def rows(self, name: str) -> dict[str, list[str]]:
        """A table's groups (one <tbody> each, saved as a list of rows) and their row ids."""
        table = self.parts[name]
        if "groups" in table:
            return {group: [str(r) for r in ids] for group, ids in table["groups"].items()}
        rows = table["rows"]
        return {name: [str(n) for n in range(1, rows + 1)] if isinstance(rows, int) else [str(r) for r in rows]}

    def fields(self):
        """((part,) or (table, row id, column key), element id, kind) of every field that is saved
        or shown, in the order of the form."""
        for name, part in self.parts.items():
            if "table" in part:
                for ids in self.rows(name).values():
                    for row in ids:
                        for key, column in part["columns"].items():
                            yield (name, row, key), cell_id(part, row, key), column["type"]
            elif part["type"] != "action":
                yield (name,), part["id"], part["type"]

    def saved_paths(self) -> set[str]:
        """Where the worksheet script saves each answer, as data-show names it on the "Bring to my
        session" page: "activity", or "weeks.0.target" (group, row index from 0, column key)."""
        found = set()
        for name, part in self.parts.items():
            if "table" not in part:
                if part["type"] not in ("action", "output"):
                    found.add(name)
                continue
            for group, ids in self.rows(name).items():
                found |= {f"{group}.{index}.{key}" for index in range(len(ids))
                          for key, column in part["columns"].items() if column["type"] != "output"}
        return found

    def element_id(self, part: str, row=None, key: str | None = None) -> str:
        """The id of a field: a part's, or a table cell's by row id and column key. A KeyError
        names what the definition does not have."""
        spec = self.parts[part]
        if "table" not in spec:
            return spec["id"]
        if str(row) not in [r for ids in self.rows(part).values() for r in ids] or key not in spec["columns"]:
            raise KeyError(f"{self.tool}: the table '{part}' has no row '{row}' or column '{key}'")
        return cell_id(spec, str(row), key)

    def labels_wanted(self) -> dict:
        """The shape of worksheet.labels: a label per field; per table, a mapping of its words."""
        wanted: dict = {}
        for name, part in self.parts.items():
            if part.get("type") == "action":
                continue
            if "table" not in part:
                wanted[name] = str
                continue
            words = {"heading": str}
            if isinstance(part.get("rows"), int):
                words["row"] = str
            else:
                words["rows"] = {row: str for ids in self.rows(name).values() for row in ids}
            words.update({key: str for key in part["columns"]})
            wanted[name] = words
        return wanted


def cell_id(table: dict, row: str, key: str) -> str:
    return table["id"].replace("{row}", row).replace("{key}", key)


@functools.lru_cache(maxsize=1)
def _validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _load_yaml(path: Path):
    text = path.read_text(encoding="utf-8")
    try:
        found = anchor_or_alias(text)  # as for pages and service profiles: no alias bombs
        if found is not None:
            raise WorksheetError(path, found.start_mark.line + 1, f"The file uses a YAML anchor or alias "
                                 f"({found.anchor}).", "Write each value out in full.")
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise WorksheetError(path, mark.line + 1 if mark else None, f"This is not valid YAML ({exc}).",
                             f"Compare it with {TEMPLATE}.") from None


@functools.lru_cache(maxsize=None)
def _types(_version: tuple[int, int]) -> dict:
    data = _load_yaml(TYPES_FILE)
    if not isinstance(data, dict):
        raise WorksheetError(TYPES_FILE, 1, "This file must map each kind of number field to its limits.",
                             "See the comment at its top.")
    for kind, spec in data.items():
        if (kind in PLAIN_KINDS or not isinstance(spec, dict) or not isinstance(spec.get("max"), int)
                or set(spec) - {"max", "message", "too_big"}):
            raise WorksheetError(TYPES_FILE, None, f"The number field kind '{kind}' is not valid.",
                                 "Give it 'max:' (a whole number), and 'message:' or 'too_big:' (keys "
                                 "of docs/assets/tools/strings.js); it may not be named "
                                 f"{', '.join(PLAIN_KINDS)}.")
    return data


def number_kinds() -> dict:
    """The kinds of number field (types.yml): {kind: {max, message?, too_big?}}."""
    return _types(stamp(TYPES_FILE))


def names() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.yml") if not p.stem.startswith("_") and p != TYPES_FILE)


def definition(tool: str) -> Definition:
    path = FOLDER / f"{tool}.yml"
    if not re.fullmatch(r"[a-z][a-z0-9-]*", tool) or not path.is_file():
        raise WorksheetError(path, None, f"There is no worksheet definition for '{tool}'.",
                             f"Check the name, or copy {TEMPLATE} to docs/includes/worksheets/{tool}.yml "
                             "(see docs/includes/worksheets/README.md).")
    return _definition(path, stamp(path), stamp(TYPES_FILE))


@functools.lru_cache(maxsize=None)
def _definition(path: Path, _stamp_: tuple[int, int], _types_stamp: tuple[int, int]) -> Definition:
    data = _load_yaml(path)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = ".".join(str(p) for p in errors[0].absolute_path) or "the file"
        raise WorksheetError(path, None, f"The definition is not valid at {where}: {errors[0].message}.",
                             f"Compare it with {TEMPLATE} and scripts/painsite/worksheet.schema.json.")
    kinds = set(PLAIN_KINDS) | set(number_kinds())
    for name, part in data["parts"].items():
        columns = part.get("columns", {name: part})
        for key, spec in columns.items():
            if spec["type"] not in kinds:
                raise WorksheetError(path, None, f"'{name}' uses the unknown kind '{spec['type']}'.",
                                     f"Use one of {', '.join(sorted(kinds))}, or add a number kind to "
                                     f"{rel(TYPES_FILE)}.")
            if spec["type"] == "action" and "table" in part:
                raise WorksheetError(path, None, f"The table '{name}' has an action column.",
                                     "An action is a part of its own, outside tables.")
    found = Definition(path.stem, path, data["parts"], tuple(data.get("sums", ())))
    ids: set[str] = set()
    for _, element_id, _ in found.fields():
        if element_id in ids:
            raise WorksheetError(path, None, f"Two fields would have the id '{element_id}'.",
                                 "Give each field its own id; in a table, put {row} and {key} in 'id'.")
        ids.add(element_id)
    return found


# ---------------------------------------------------------------------------------------------
# The markup


def _attrs(pairs) -> Markup:
    out = Markup("")
    for name, value in pairs:
        if value is True:
            out += Markup(" {}").format(name)
        elif value is not None and value is not False:
            out += Markup(' {}="{}"').format(name, value)
    return out


def number_attributes(kind: str) -> Markup:
    """The attributes by which the worksheet script checks a number field of this kind (types.yml).
    The CPD record's template uses them too (a Jinja global, scripts/hooks/worksheets.py)."""
    number = number_kinds()[kind]
    return _attrs([("data-check", kind), ("data-max", number["max"]),
                   ("data-message", number.get("message")), ("data-too-big", number.get("too_big"))])


def sums_by_tool() -> dict[str, list[str]]:
    """Each tool's own scripts, for the template that loads them on the tool's pages."""
    return {tool: list(definition(tool).sums) for tool in names()}


def _control(spec: dict, element_id: str, key: str, where: str) -> Markup:
    kind = spec["type"]
    if kind == "output":
        return Markup("<output{}></output>").format(_attrs(
            [("id", element_id), ("data-calc", spec["calc"]), ("class", "tool-box")]))
    if kind == "textarea":
        return Markup("<textarea{}></textarea>").format(_attrs(
            [("id", element_id), ("data-key", key), ("rows", spec.get("lines", LINES[where]))]))
    if kind in ("text", "date", "time"):
        short = kind == "date" and where == "field"  # a date box alone needs no full width
        return Markup("<input{}>").format(_attrs(
            [("type", kind), ("id", element_id), ("data-key", key), ("class", "tool-short" if short else None)]))
    worked_out = spec.get("worked_out", False)
    return Markup("<input{}{}{}>").format(
        _attrs([("type", "text"), ("inputmode", "numeric"), ("id", element_id), ("data-key", key)]),
        number_attributes(kind),
        _attrs([("class", "tool-result" if worked_out else None), ("readonly", worked_out)]))


def _field(name: str, part: dict, label: str) -> str:
    if part["type"] == "action":
        return str(Markup('<div class="tool-action" data-slot="{}"></div>').format(name))
    return "\n".join([
        '<div class="tool-field">',
        str(Markup('<label for="{}">{}</label>').format(part["id"], label)),
        str(_control(part, part["id"], name, "field")),
        "</div>"])


def _table(defn: Definition, name: str, words: dict) -> str:
    part = defn.parts[name]
    classes = "tool-table tool-table--narrow" if part.get("narrow") else "tool-table"
    lines = [str(Markup('<table class="{}" aria-labelledby="{}">').format(classes, part["table"])),
             "<thead><tr>", str(Markup('<th scope="col">{}</th>').format(words["heading"]))]
    lines += [str(Markup('<th scope="col">{}</th>').format(words[key])) for key in part["columns"]]
    lines.append("</tr></thead>")
    for group, ids in defn.rows(name).items():
        lines.append(str(Markup('<tbody data-rows="{}">').format(group)))
        for row in ids:
            row_label = words["row"].replace("{n}", row) if "row" in words else words["rows"][row]
            lines.append(str(Markup('<tr><th scope="row">{}</th>').format(row_label)))
            for key, column in part["columns"].items():
                element_id = cell_id(part, row, key)
                lines.append(str(Markup('<td><label class="tool-label" for="{}"><span class="tool-vh">'
                                        '{}: </span>{}</label>{}</td>').format(
                    element_id, row_label, words[key], _control(column, element_id, key, "cell"))))
            lines.append("</tr>")
        lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Checks and expansion


def _label_problems(wanted: dict, given, where: str) -> list[tuple[str, str]]:
    """(where, what) for each label missing, extra or not text."""
    if not isinstance(given, dict):
        return [(where, "should be a mapping of labels")]
    problems = []
    for key, shape in wanted.items():
        path = f"{where}.{key}"
        if key not in given:
            problems.append((path, "is missing"))
        elif isinstance(shape, dict):
            problems += _label_problems(shape, given[key], path)
        elif not isinstance(given[key], str) or not given[key].strip():
            problems.append((path, "should be a label (text)"))
        elif key == "row" and "{n}" not in given[key]:
            problems.append((path, "should contain {n}, where the row's number goes"))
    problems += [(f"{where}.{key}", "is not a part of this worksheet") for key in given if key not in wanted]
    return problems


def check(meta: dict, body: str, path: Path, body_line: int, line_of) -> list[WorksheetError]:
    """Problems with a page's worksheet: its definition, its labels and its markers.

    line_of(field) gives a front matter field's line; body_line is the body's first line."""
    markers = [(body[:m.start()].count("\n") + body_line, _name(m)) for m in MARKER.finditer(body)]
    sheet = meta.get("worksheet")
    if sheet is None:
        return [WorksheetError(path, markers[0][0], "The page places a worksheet but has no "
                               "'worksheet:' front matter.", "Add 'worksheet: {tool: <name>, labels: "
                               "...}' (see docs/includes/worksheets/README.md).")] if markers else []
    if not isinstance(sheet, dict) or not isinstance(sheet.get("tool"), str):
        return []  # the page schema reports it
    try:
        defn = definition(sheet["tool"])
    except WorksheetError as exc:
        # A tool with no definition is the page's mistake; a broken definition is the definition's.
        return [WorksheetError(path, line_of("worksheet"), exc.message, exc.fix) if not exc.path.is_file() else exc]
    problems = [WorksheetError(path, line_of("worksheet"), f"The label worksheet.labels{where[6:]} {what}.",
                               f"Give the labels the shape of {rel(defn.path)}; a translation keeps the "
                               "English page's keys and translates the text.")
                for where, what in _label_problems(defn.labels_wanted(), sheet.get("labels"), "labels")]
    names = [name for _, name in markers]
    for index, (line, name) in enumerate(markers):
        if name not in defn.parts and name not in (START, END):
            problems.append(WorksheetError(path, line, f"The worksheet '{defn.tool}' has no part '{name}'.",
                                           f"Use one of: {', '.join(defn.parts)} (in {rel(defn.path)})."))
        elif name in names[:index]:
            problems.append(WorksheetError(path, line, f"The worksheet part '{name}' is placed twice.",
                                           "Place each part once."))
    missing = [name for name in [START, *defn.parts, END] if name not in names]
    if missing:
        shown = ", ".join({START: "<!-- worksheet -->", END: "<!-- /worksheet -->"}.get(m, m) for m in missing)
        problems.append(WorksheetError(path, body_line, f"The page does not place the worksheet part(s) "
                                       f"{shown}.", "Add a line '<!-- worksheet: NAME -->' for each part, "
                                       "between '<!-- worksheet -->' and '<!-- /worksheet -->'."))
    elif names.index(START) != 0 or names.index(END) != len(names) - 1:
        line = markers[names.index(START)][0]
        problems.append(WorksheetError(path, line, "Worksheet parts are placed outside the form.",
                                       "Put '<!-- worksheet -->' before every part, and "
                                       "'<!-- /worksheet -->' after them."))
    return problems


SUMMARY = re.compile(r'data-(?P<what>summary|show)="(?P<value>[^"]*)"')


def summary_problems(body: str, path: Path, body_line: int) -> list[WorksheetError]:
    """A page that shows saved answers (data-summary="TOOL", then data-show="PATH" for each) may
    name only what the tool saves: a renamed part would otherwise leave a box empty, silently."""
    problems, tool = [], None
    for match in SUMMARY.finditer(body):
        line = body[:match.start()].count("\n") + body_line
        if match["what"] == "summary":
            try:
                tool = definition(match["value"])
            except WorksheetError as exc:
                problems.append(WorksheetError(path, line, exc.message, exc.fix))
                tool = None
        elif tool is not None and match["value"] not in tool.saved_paths():
            problems.append(WorksheetError(
                path, line, f"The worksheet '{tool.tool}' saves nothing as '{match['value']}'.",
                f"Use a part name or group.row.column from {rel(tool.path)}, for example "
                f"'{sorted(tool.saved_paths())[0]}' (rows count from 0)."))
    return problems


def expand(markdown: str, meta: dict, path: Path) -> str:
    """The page's Markdown with each worksheet marker replaced by its HTML."""
    if not MARKER.search(markdown):
        return markdown
    problems = check(meta, markdown, path, 1, lambda field: None)
    if problems:
        raise problems[0]
    defn = definition(meta["worksheet"]["tool"])
    labels = meta["worksheet"]["labels"]

    def part(match: re.Match) -> str:
        name = _name(match)
        if name == START:
            return str(Markup('<form class="tool" data-tool="{}" autocomplete="off" markdown>').format(defn.tool))
        if name == END:
            return "</form>"
        spec = defn.parts[name]
        return _table(defn, name, labels[name]) if "table" in spec else _field(name, spec, labels.get(name, ""))

    return MARKER.sub(part, markdown)
