"""Every translation has what its English page has, in the same order: heading ids, links, boxes,
worksheet fields, numbers and phone numbers (as FastAPI checks its translations). A translation
that drops a warning box, a red-flag link or a digit of a phone number fails here, by name.

Read from the Markdown sources, so it needs no build.
"""
import re

import pytest

from painsite import languages, pages, worksheets
from painsite.paths import DOCS

DEFAULT = languages.default_language().code
PAIRS = [(path, DOCS / DEFAULT / path.relative_to(DOCS / lang.code))
         for lang in languages.languages() if lang.code != DEFAULT
         for path in sorted((DOCS / lang.code).rglob("*.md"))]

FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S)
HEADING_ID = re.compile(r"^#{2,6} .*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$", re.M)
# Markdown links and images [text](target "title"), and raw HTML href/src/for/id/name attributes.
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ATTR = re.compile(r"\b(href|src|id|for|name|data-[\w-]+|class|type)=\"([^\"]*)\"")
BOX = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+(?:\s+[\w-]+)*?)(?=\s*\"|\s*$)", re.M)
SERVICE = re.compile(r"<!--\s*service:\s*[\w-]+\s*-->")
# A number as readers see it: digits with the separators a number can have inside it (54,186 in
# English is 54 186 in Polish; 0.75 is 0,75).
NUMBER = re.compile(r"\d+(?:[.,:]\d+|[ \u00a0\u202f]\d{3}\b)*")
# Times of day: English writes 6pm, Polish 18:00 or "6 wieczorem", Urdu "شام 6 بجے". Each is
# compared as its hour on a 12-hour clock (and minutes, if not :00).
CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\b\.?", re.I)
TIME = re.compile(r"\b([01]?\d|2[0-4]):([0-5]\d)\b")


def _clock_hour(match) -> str:
    hour, minutes = int(match.group(1)) % 12 or 12, match.group(2)
    return str(hour) if minutes in (None, "00") else f"{hour}:{minutes}"
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)


def _body(path) -> str:
    return FENCE.sub("", pages.read(path).body)


def _numbers(text: str) -> list[str]:
    # Heading ids, link targets and HTML attributes are compared on their own; a number inside
    # them (week-3, #step-2) is not a number the reader reads.
    text = HEADING_ID.sub("", text)
    text = re.sub(r"\{[^}]*#[\w-]+[^}]*\}", "", text)
    text = LINK.sub("](x)", text)
    text = ATTR.sub("", text)
    # Digits are digits in every script: Urdu pages use 0-9 (the term list), but compare values.
    text = text.translate({0x06F0 + i: str(i) for i in range(10)} | {0x0660 + i: str(i) for i in range(10)})
    text = TIME.sub(_clock_hour, CLOCK.sub(_clock_hour, text))
    return sorted(re.sub(r"[^\d]", "", n).lstrip("0") or "0" for n in NUMBER.findall(text))


def _ids(pair):
    return pair[0].relative_to(DOCS).as_posix()


@pytest.fixture(params=PAIRS, ids=[_ids(p) for p in PAIRS])
def pair(request):
    translation, source = request.param
    assert source.exists(), f"{translation} has no English page at {source}"
    return _body(translation), _body(source), translation.relative_to(DOCS).as_posix()


# What must match the English page, item for item and in the same order.
KINDS = {"heading ids": HEADING_ID, "links (targets)": LINK, "boxes (!!! / ???)": BOX, "service panels": SERVICE,
         "worksheet parts": worksheets.MARKER,
         "HTML attributes (worksheet fields, ids, classes, data-*)": ATTR}


@pytest.mark.parametrize("kind", KINDS)
def test_same_structure_in_the_same_order(pair, kind):
    translated, english, name = pair
    assert KINDS[kind].findall(translated) == KINDS[kind].findall(english), \
        f"{name}: {kind} differ from the English page's (same items, same order)"


def test_same_tables(pair):
    translated, english, name = pair
    shape = lambda text: [row.count("|") for row in TABLE_ROW.findall(text)]  # noqa: E731
    assert shape(translated) == shape(english), f"{name}: tables differ in rows or columns"


def test_same_numbers_and_phone_numbers(pair):
    translated, english, name = pair
    phones = lambda text: [t for t in LINK.findall(text) if t.startswith(("tel:", "sms:"))]  # noqa: E731
    assert phones(translated) == phones(english), f"{name}: phone and text links differ"
    assert _numbers(translated) == _numbers(english), (
        f"{name}: the numbers differ from the English page's.\n"
        f"  only in the translation: {sorted(set(_numbers(translated)) - set(_numbers(english)))}\n"
        f"  only in English: {sorted(set(_numbers(english)) - set(_numbers(translated)))}")


def test_the_checks_can_fail():
    """The patterns find what they look for: a parity test that finds nothing proves nothing."""
    sample = ('## Title { #an-id }\n\n!!! warning "Call 999"\n\n    Ring [NHS 111](tel:111) or '
              '[pacing](../participants/pacing.md#baseline).\n\n| a | b |\n|---|---|\n'
              '<!-- service: contact -->\n<input id="pace-1" data-key="minutes">\n')
    assert HEADING_ID.findall(sample) == ["an-id"]
    assert LINK.findall(sample) == ["tel:111", "../participants/pacing.md#baseline"]
    assert BOX.findall(sample) == [("!!!", "warning")]
    assert SERVICE.findall(sample) and ("data-key", "minutes") in ATTR.findall(sample)
    assert _numbers(sample) == ["111", "999"]
    assert _numbers("Zadzwoń pod ۹۹۹") == ["999"]
    assert _numbers("from 6pm to 2am, 54,186 people, 0.75") == _numbers("od 18:00 do 2:00, 54 186 osób, 0,75")
