"""Numbers a reader may act on: phone and text numbers, doses, percentages, statistics, money.

Each one must come from a source someone has checked, and is listed in the claims record,
docs/claims.yml (its format: claims.schema.json). This module finds them in the main text of a
built page, in every language, and compares them with the record; it also checks that every
phone number is a tel: link and every text number an sms: link, so a reader can tap it.
tests/test_claims.py runs it over the whole site; `python scripts/claims.py` lists the gaps.

Only numbers whose form makes them a claim are found: a unit ("500 mg", "2 tablets", "14 units"),
a per cent sign, "1 in 10", "28 million", a pound sign, or the shape of a UK phone number ("999",
"116 123", "0808 808 8000", a 5-digit text number). Dates, years, week numbers, ages, minutes
and counts have none of these, so they are never claims and need no record.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from . import languages
from .content_checks import Problem, today as site_today
from .pages import dates_to_text
from .paths import DOCS, ROOT

RECORD = DOCS / "claims.yml"
SERVICES = ROOT / "services"  # local service profiles (painsite.service)
SCHEMA = Path(__file__).with_name("claims.schema.json")
NUMBER_KINDS = ("phone", "text")  # compared by their digits, whatever the spacing

# --- Text as a reader sees it -------------------------------------------------------------------

# Urdu pages may write Eastern Arabic digits (and their per cent and decimal signs); a number
# is the same claim in any script, so digits are read as ASCII before matching.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٪٫٬", "01234567890123456789%.,")
# Direction marks (and the <span dir="ltr"> the Urdu pages wrap numbers in) must not split a number.
_INVISIBLE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u2009\u202f]")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text.translate(_DIGITS)))


# Not part of the main text: the sources and review footer (its years and DOIs are citations),
# the QR code, scripts, and the page's own heading permalinks.
SKIP = ["footer.page-info", "svg", "script", "style", "template", ".headerlink"]
# A block starts a new line, so numbers in two list items never run together.
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd",
          "summary", "details", "blockquote", "pre", "tr", "ul", "ol", "table", "br", "figcaption"}


@dataclass
class Text:
    """The article's text with, for each run of characters, the HTML text node it came from."""
    value: str
    starts: list[int]
    nodes: list[NavigableString]

    def node_at(self, offset: int) -> NavigableString:
        return self.nodes[bisect.bisect_right(self.starts, offset) - 1]


def article(html: str) -> Tag | None:
    """The page's main text (its <article>), or None for a page without one (redirects)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if not 0 <= start < end:
        return None
    node = BeautifulSoup(html[start:end + len("</article>")], "html.parser").article
    for selector in SKIP:
        for tag in node.select(selector):
            tag.decompose()
    return node


def text_of(node: Tag) -> Text:
    parts, starts, nodes, pos = [], [], [], 0
    for item in node.descendants:
        if isinstance(item, Tag) and item.name in BLOCKS:
            parts.append("\n")
            pos += 1
        elif type(item) is NavigableString:  # not comments or CDATA
            piece = normalise(str(item))
            starts.append(pos)
            nodes.append(item)
            parts.append(piece)
            pos += len(piece)
    return Text("".join(parts), starts or [0], nodes or [NavigableString("")])


# --- What counts as a claim ---------------------------------------------------------------------

NUM = r"\d+(?:[.,]\d+)*"
START = r"(?<![\w.,/#:+-])"
END = r"(?![\w%]|[.,/]\w)"  # "111.nhs.uk" is a web address, "80%" is not the phone number 80
# A range is one claim: "1 or 2 tablets", "10-20%", "1 do 2 tabletek", "1 سے 2 گولیاں".
JOIN = r"(?:\s*[-–—]\s*|\s+(?:to|or|do|lub|albo|سے|یا|تا)\s+)"
RANGE = rf"(?P<a>{NUM})(?:{JOIN}(?P<b>{NUM}))?"

# Unit words of every language, each with the name the record uses. Longer names come first.
UNITS = {
    "micrograms": r"micrograms?|mcg|[µμ]g|mikrogram\w*|مائیکرو ?گرام|مائکرو ?گرام",
    "mg": r"mg|milligrams?|miligram\w*|ملی ?گرام",
    "ml": r"ml|millilitres?|milliliters?|mililitr\w*|ملی ?لیٹر",
    "g": r"g|grams?|gram\w*|گرام",
    "tablets": r"tablets?|tabletk\w*|گولیاں|گولیوں|گولی",
    "capsules": r"capsules?|kapsułk\w*|کیپسول\w*",
    "units": r"units?|jednost\w*|یونٹس|یونٹ",
    # Food and drink advice is an amount too ("5 portions", "6 to 8 glasses").
    "portions": r"portions?|porcj\w*",
    "glasses": r"glasses|szklan\w*|گلاس",
}
SINGULAR = {"micrograms": "microgram", "tablets": "tablet", "capsules": "capsule", "units": "unit",
            "portions": "portion", "glasses": "glass"}
PERCENT = r"%|per ?cent|percent|proc\.|procent\w*|فیصد"
MULTIPLIERS = {"million": r"million|mln|milion\w*|ملین", "billion": r"billion|bn|miliard\w*|ارب",
               "lakh": r"لاکھ", "crore": r"کروڑ"}
SHORT_NUMBERS = ("999", "111", "112")  # emergency (999, 112) and NHS 111 / NHS 24
WEBSITE = r"online|آن لائن|(?:کی )?ویب سائٹ"

_unit_alternatives = "|".join(f"(?P<u_{name}>{words})" for name, words in UNITS.items())
_multiplier_alternatives = "|".join(f"(?P<m_{name}>{words})" for name, words in MULTIPLIERS.items())

# Order matters: an earlier pattern wins where two overlap ("0800 111 222" is one phone number).
PATTERNS = [
    ("phone", re.compile(rf"{START}(?:\+44\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[ -]?\d){{8,9}}{END}")),
    ("phone", re.compile(rf"{START}116 ?\d{{3}}{END}")),
    # "NHS 111 online" (Urdu "NHS 111 کی ویب سائٹ") is a website, not a number to dial.
    ("phone", re.compile(rf"{START}(?:{'|'.join(SHORT_NUMBERS)}){END}(?!\s+(?:{WEBSITE}))")),
    # UK short codes for text services are 5 digits starting 6, 7 or 8 (Shout is 85258).
    ("text", re.compile(rf"{START}[6-8]\d{{4}}{END}")),
    ("percentage", re.compile(rf"{START}{RANGE}\s?(?:{PERCENT})(?!\w)")),
    ("dose", re.compile(rf"{START}{RANGE}\s?(?:{_unit_alternatives})(?!\w)")),
    ("money", re.compile(rf"£\s?(?P<a>{NUM})(?:\s?(?:{_multiplier_alternatives}))?(?!\w)")),
    ("statistic", re.compile(rf"{START}(?P<a>{NUM})\s(?:{_multiplier_alternatives})(?!\w)")),
    # "1 in 10" (Polish "1 na 10"); Urdu writes "10 میں سے 1", the larger number first.
    ("statistic", re.compile(rf"{START}(?P<a>\d+) (?:in|na) (?P<b>\d+){END}")),
    ("statistic", re.compile(rf"{START}(?P<b>\d+) میں سے (?P<a>\d+){END}")),
]


@dataclass(frozen=True)
class Claim:
    kind: str
    value: str  # as found, spaces tidied
    key: str  # what the record is matched on: digits for numbers, a canonical form for the rest
    start: int
    end: int


def digits(text: str) -> str:
    """A phone number's digits in the national form: +44 20 ... and 020 ... are one number."""
    only = re.sub(r"\D", "", re.sub(r"\(0\)", "", text))
    return "0" + only[2:] if only.startswith("44") and len(only) > 10 else only


def _number(text: str) -> str:
    """'1,000' -> '1000' (thousands), '0,5' -> '0.5' (a Polish decimal comma), '2.50' -> '2.5'."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _range(match: re.Match) -> str:
    first, second = match.group("a"), match.groupdict().get("b")
    return _number(first) + (f"-{_number(second)}" if second else "")


def _named(match: re.Match, prefix: str) -> str:
    return next(k[len(prefix):] for k, v in match.groupdict().items() if k.startswith(prefix) and v)


def _key(kind: str, match: re.Match) -> str | None:
    if kind in NUMBER_KINDS:
        return digits(match.group())
    if kind == "percentage":
        return _range(match) + "%"
    if kind == "dose":
        unit = _named(match, "u_")
        amount = _range(match)
        return f"{amount} {SINGULAR.get(unit, unit) if amount == '1' else unit}"
    if kind in ("statistic", "money"):
        if "b" in match.groupdict() and match.group("b"):
            if re.fullmatch(r"(?:19|20)\d\d", match.group("b")):
                return None  # "1 in 2026" is a date, not a rate
            return f"{match.group('a')} in {match.group('b')}"
        amount = _number(match.group("a"))
        scale = next((k[2:] for k, v in match.groupdict().items() if k.startswith("m_") and v), "")
        if scale in ("lakh", "crore"):  # Urdu counts: a lakh is 100,000, a crore 10 million
            amount = _number(f"{float(amount) * (0.1 if scale == 'lakh' else 10):.6g}")
            scale = "million"
        return ("£" if kind == "money" else "") + amount + (f" {scale}" if scale else "")
    return None


def find(text: str) -> list[Claim]:
    """Every claim in a piece of (normalised) text, in order."""
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            key = _key(kind, match)
            if key is None:
                continue
            found.append(Claim(kind, " ".join(match.group().split()), key, start, end))
            taken.append((start, end))
    return sorted(found, key=lambda c: c.start)


# --- The record ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    kind: str
    value: str
    line: int
    meta: dict


def record_key(kind: str, value: str) -> str | None:
    """The key a record value is matched on, read with the same rules as a page."""
    if kind in NUMBER_KINDS:
        return digits(value) or None
    if kind == "service":
        return value
    found = [c for c in find(normalise(value)) if _group(c.kind) == _group(kind)]
    return found[0].key if len(found) == 1 else None


def _line_of_entries(text: str) -> list[int]:
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "claims" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


FIX_FIELD = {
    "value": "Write the value as the page shows it, in quotes, for example value: \"116 123\" or \"500 mg\".",
    "kind": "Use one of: phone, text, dose, percentage, statistic, money, service.",
    "what": "Say in a few words what it is, for example 'Samaritans, free, 24 hours'.",
    "source_url": "Give the https address of the page you checked it on.",
    "source_title": "Give the title of that page, for example 'Contact Samaritans'.",
    "checked": "Write the date you checked it against the source, as YYYY-MM-DD.",
}


def _schema_problem(path: Path, line: int, number: int, error) -> Problem:
    field = error.path[0] if error.path else None
    if error.validator == "required":
        field = re.search(r"'([^']+)'", error.message).group(1)
        return Problem(path, line, f"Claim {number} is missing '{field}'.", FIX_FIELD.get(field, ""))
    if error.validator == "type" and error.validator_value == "string" and field:
        return Problem(path, line, f"Claim {number}: '{field}' is read as a number, not text.",
                       f"Put it in quotes: {field}: \"{error.instance}\" (YAML reads digits as a number).")
    return Problem(path, line, f"Claim {number}: '{field or 'claim'}' is not valid: {error.message}.",
                   FIX_FIELD.get(field, "Each claim has value, kind, what, source_url, source_title, "
                                        "checked and, if needed, note; see the top of the file."))


def load_record(path: Path = RECORD, today: dt.date | None = None) -> tuple[list[Entry], list[Problem]]:
    """The record's valid entries and every problem with it, each naming the line and the fix."""
    text = path.read_text(encoding="utf-8")
    try:
        data = dates_to_text(yaml.safe_load(text))
        lines = _line_of_entries(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(path, mark.line + 1 if mark else 1,
                            f"The claims record is not valid YAML ({getattr(exc, 'problem', exc)}).",
                            "Check the indentation (each claim starts with '  - value:') and put "
                            "quotes around values that contain a colon or start with a special character.")]
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list) or not data["claims"]:
        return [], [Problem(path, 1, "The claims record has no 'claims:' list.",
                            "Start the file with 'claims:' and list each claim under it as '  - value: ...'.")]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/claim"})
    entries, problems = [], []
    now = today or site_today()  # SITE_TODAY, when a test sets it, else today
    for index, item in enumerate(data["claims"]):
        line, number = lines[index], index + 1
        errors = sorted(validator.iter_errors(item), key=lambda e: list(e.path))
        if errors:  # checked one claim at a time, so each message names that claim's line
            problems.extend(_schema_problem(path, line, number, e) for e in errors)
            continue
        if record_key(item["kind"], item["value"]) is None:
            problems.append(Problem(path, line, f"Claim {number}: '{item['value']}' does not read as a {item['kind']}.",
                                    "Write it as the page does, for example \"0808 808 8000\", "
                                    "\"500 mg\", \"80%\", \"1 in 10\", \"£12 billion\"; or fix 'kind'."))
            continue
        try:
            checked = dt.date.fromisoformat(item["checked"])
        except ValueError:
            checked = None
        if checked is None or checked > now:
            problems.append(Problem(path, line, f"Claim {number}: 'checked' is {item['checked']}, "
                                    f"which is {'not a real date' if checked is None else 'in the future'}.",
                                    FIX_FIELD["checked"]))
            continue
        entries.append(Entry(item["kind"], item["value"], line, item))
    return entries, problems


@functools.lru_cache(maxsize=None)
def _recorded(path_text: str, _mtime: float) -> frozenset[tuple[str, str]]:
    entries, problems = load_record(Path(path_text))
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    return frozenset((_group(e.kind), record_key(e.kind, e.value)) for e in entries)


def service_numbers(folder: Path = SERVICES) -> frozenset[tuple[str, str]]:
    """Phone numbers of the local services (services/<id>.yml). Each profile is their record: the
    service confirms its own details, with a date, so they are not repeated in docs/claims.yml."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            found.update(("phone", c.key) for c in find(normalise(value)) if c.kind in NUMBER_KINDS)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(found)


def recorded(path: Path = RECORD) -> frozenset[tuple[str, str]]:
    """(group, key) of every entry, and the local services' numbers; phone and text numbers share a
    group, as do statistics and money."""
    return _recorded(str(path), path.stat().st_mtime) | service_numbers()


def _group(kind: str) -> str:
    return {"text": "phone", "money": "statistic"}.get(kind, kind)


# --- Checking pages -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    page: str
    claim: Claim
    problem: str  # "unrecorded", "unlinked" or "wrong link"
    detail: str = ""

    def __str__(self) -> str:
        c = self.claim
        if self.problem == "unrecorded":
            return (f"{self.page}: {c.kind} '{c.value}' is not in docs/claims.yml. Fix: check it "
                    f"against its source and add it to docs/claims.yml (value, what, source_url, "
                    f"source_title, checked), or take it out of the page.")
        scheme = "sms" if c.kind == "text" else "tel"
        if self.problem == "wrong link":
            return (f"{self.page}: {c.kind} '{c.value}' links to '{self.detail}', which is another "
                    f"number. Fix: write it as [{c.value}]({scheme}:{c.key}).")
        return (f"{self.page}: {c.kind} '{c.value}' is not a {scheme}: link. "
                f"Fix: write it as [{c.value}]({scheme}:{c.key}).")


def _link_of(node: NavigableString, root: Tag) -> str | None:
    for parent in node.parents:
        if parent is root:
            return None
        if parent.name == "a":
            return parent.get("href", "")
    return None


def check_html(html: str, page: str, record: frozenset[tuple[str, str]] | None = None) -> list[Finding]:
    """Every claim on the page that is not recorded, and every number that cannot be tapped."""
    node = article(html)
    return [] if node is None else check_article(node, page, recorded() if record is None else record)


def check_article(node: Tag, page: str, record: frozenset[tuple[str, str]]) -> list[Finding]:
    text = text_of(node)
    findings = []
    for claim in find(text.value):
        if (_group(claim.kind), claim.key) not in record:
            findings.append(Finding(page, claim, "unrecorded"))
        if claim.kind in NUMBER_KINDS:
            href = _link_of(text.node_at(claim.start), node) or ""
            scheme = "sms:" if claim.kind == "text" else "tel:"
            if not href.lower().startswith(scheme):
                findings.append(Finding(page, claim, "unlinked"))
            # A prefix before the number is fine: Relay UK (18001 111) still reaches NHS 111.
            elif not digits(re.split(r"[?&;]", href[len(scheme):])[0]).endswith(claim.key):
                findings.append(Finding(page, claim, "wrong link", href))
    return findings


def page_name(site: Path, html_path: Path) -> str:
    """The page's address and, where there is one, its Markdown file:
    '/pl/get-help-now/ (docs/pl/get-help-now.md)'."""
    url = "/" + html_path.relative_to(site).as_posix().removesuffix("index.html")
    parts = [p for p in url.split("/") if p]
    default = languages.default_language().code
    lang = parts.pop(0) if parts and parts[0] in languages.codes() else default
    inner = "/".join(parts)
    for candidate in ([f"{inner}.md", f"{inner}/index.md"] if inner else ["index.md"]):
        if (DOCS / lang / candidate).exists():
            return f"{url} (docs/{lang}/{candidate})"
    return url


def is_fallback(node: Tag) -> bool:
    """An untranslated page shows the English page's markup (overrides/main.html): it is checked
    once, on the English page."""
    return node.find("div", attrs={"lang": "en"}, recursive=False) is not None  # article > div[lang=en]


def site_articles(site: Path):
    """(page name, article) of every built page with main text of its own."""
    for path in sorted(site.rglob("*.html")):
        node = article(path.read_text(encoding="utf-8"))
        if node is not None and not is_fallback(node):
            yield page_name(site, path), node


def check_site(site: Path, record: frozenset[tuple[str, str]] | None = None) -> list[Finding]:
    record = recorded() if record is None else record
    return [f for page, node in site_articles(site) for f in check_article(node, page, record)]
