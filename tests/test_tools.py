"""The worksheet tools (docs/en/tools/, docs/assets/tools/): saved in this browser only, printed,
exported and imported, cleared; bad input handled; accessible in English and Urdu; small.

One browser for the whole file; each test opens its own context (a fresh, empty localStorage).
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import axe_run, fid
from painsite import languages, worksheets

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
STRINGS = ROOT / "docs" / "assets" / "tools" / "strings.js"
MARK = "zebrafinch"  # in every typed text, so a request carrying typed data is easy to spot

# What to type in each tool: element id -> value. Text values carry MARK.
TOOLS: dict[str, dict[str, str]] = {
    "pacing-planner": {
        fid("pacing-planner", "activity"): f"Walking to the park {MARK}",
        fid("pacing-planner", "days", 1, "minutes"): "20", fid("pacing-planner", "days", 2, "minutes"): "25", fid("pacing-planner", "days", 3, "minutes"): "15",
        fid("pacing-planner", "weeks", 1, "notes"): f"Went well, a bit sore after {MARK}",
    },
    "flare-up-plan": {
        fid("flare-up-plan", "message"): f"This has happened before and it passed {MARK}",
        fid("flare-up-plan", "signs"): f"Poor sleep and feeling tense {MARK}",
        fid("flare-up-plan", "helps"): f"Heat pack and short rests {MARK}",
        fid("flare-up-plan", "drop"): f"Ironing can wait {MARK}",
        fid("flare-up-plan", "tell"): f"My sister Ann {MARK}",
        fid("flare-up-plan", "buildup"): f"Half my usual walk first {MARK}",
        fid("flare-up-plan", "help"): f"If it lasts more than a week {MARK}",
    },
    "activity-diary": {
        fid("activity-diary", "start"): "2026-11-23",
        fid("activity-diary", "week", "mon-1", "activity"): f"Shopping in town {MARK}", fid("activity-diary", "week", "mon-1", "rest"): f"Sat down twice {MARK}",
        fid("activity-diary", "week", "mon-1", "pain"): "6", fid("activity-diary", "week", "mon-1", "mood"): "7",
        fid("activity-diary", "week", "sun-3", "activity"): f"Watched a film {MARK}", fid("activity-diary", "week", "sun-3", "pain"): "4",
    },
    "sleep-diary": {
        fid("sleep-diary", "start"): "2026-11-23",
        fid("sleep-diary", "nights", 1, "bed"): "23:00", fid("sleep-diary", "nights", 1, "fall"): "30", fid("sleep-diary", "nights", 1, "awake"): "30", fid("sleep-diary", "nights", 1, "up"): "07:00",
        fid("sleep-diary", "nights", 1, "notes"): f"Pain woke me once {MARK}",
        fid("sleep-diary", "nights", 2, "bed"): "00:30", fid("sleep-diary", "nights", 2, "up"): "06:30",
    },
    "goals": {
        fid("goals", "hopes"): f"Play with my grandchildren {MARK}",
        fid("goals", "values"): f"Being a caring grandparent {MARK}",
        fid("goals", "steps", 1, "step"): f"Walk to the corner shop {MARK}", fid("goals", "steps", 1, "date"): "2026-12-05",
    },
    "medicines-list": {
        fid("medicines-list", "updated"): "2026-11-23",
        fid("medicines-list", "medicines", 1, "name"): f"Paracetamol {MARK}", fid("medicines-list", "medicines", 1, "purpose"): f"Back pain {MARK}",
        fid("medicines-list", "medicines", 1, "how"): f"Two tablets in the morning {MARK}",
        fid("medicines-list", "medicines", 1, "questions"): f"Is it still helping me {MARK}",
        fid("medicines-list", "other"): f"Can I see a pharmacist {MARK}",
    },
}
# A field that rejects bad input, its good value, and bad values with the message each gets.
BAD = {
    "pacing-planner": (fid("pacing-planner", "days", 1, "minutes"), "20", [("abc", "errNumber"), ("-5", "errNegative"),
                                                    ("2000", "errMinutesMax"), ("12.5", "errWhole")]),
    "activity-diary": (fid("activity-diary", "week", "mon-1", "pain"), "6", [("bad", "errScore"), ("11", "errScore"), ("-1", "errScore")]),
    "sleep-diary": (fid("sleep-diary", "nights", 1, "fall"), "30", [("half an hour", "errNumber"), ("1441", "errMinutesMax")]),
}


def strings() -> dict[str, dict[str, str]]:
    """The strings module, read as JSON (it is one object literal)."""
    text = STRINGS.read_text(encoding="utf-8")
    body = text[text.index("= {") + 2: text.rindex("}") + 1]
    body = re.sub(r"^(\s*)([A-Za-z]\w*):", r'\1"\2":', body, flags=re.M)
    return json.loads(body)


EN = strings()["en"]


def text_values(tool: str) -> list[str]:
    return [v for v in TOOLS[tool].values() if MARK in v]


def reload(page):
    page.reload(wait_until="domcontentloaded")


class Session:
    """A tab that records its requests and accepts (or dismisses) dialogs.

    Tabs share one browser context, so the browser caches the theme's files (page.route would
    turn that cache off), unless a test asks for a fresh one. A shared tab clears the site's
    storage when it closes, so every test starts empty."""

    def __init__(self, context, server_url, own_context, accept_dialogs=True, js=True):
        self.context, self.own_context, self.server_url, self.js = context, own_context, server_url, js
        self.requests, self.dialogs, self.errors = [], [], []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.accept() if accept_dialogs else d.dismiss()
        self.page.on("dialog", dialog)

    def open(self, tool: str, lang: str = "en"):
        prefix = "" if lang == "en" else f"{lang}/"
        self.page.goto(f"{self.server_url}{prefix}tools/{tool}/", wait_until="domcontentloaded")
        if self.js:
            self.page.wait_for_selector("form.tool .tool-bar")
        return self.page

    def check_requests(self, typed=()):
        """No request left the site's origin, and none carried anything typed."""
        origin = self.server_url.rstrip("/")
        for request in self.requests:
            url = request.url
            assert url.startswith(self.server_url) or url.startswith(f"blob:{origin}/"), \
                f"a request left the site: {url}"
            carried = (url + (request.post_data or "")).lower()
            assert MARK not in carried, f"a request carried typed data: {url}"
            for value in typed:
                assert value.lower() not in carried, f"a request carried typed data: {url}"

    def close(self):
        if self.own_context:
            self.context.close()
        else:
            if self.page.url.startswith(self.server_url):
                self.page.evaluate("localStorage.clear()")
            self.page.close()
        assert not self.errors, f"JavaScript errors: {self.errors}"


@pytest.fixture(scope="module")
def shared_context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def need_language(built_site, lang):
    """Urdu pages exist only in a build of every language (not after `make check`, English only)."""
    if lang != "en" and not (built_site / lang).is_dir():
        pytest.skip(f"{built_site} has no {lang}/ folder: build every language "
                    "(python scripts/build_site.py --allow-warnings)")


@pytest.fixture
def session(browser, server_url, shared_context):
    """Makes Sessions: session() a tab in the shared context, session(fresh=True) or
    session(<context options>) a tab in a new, empty context. All are closed after the test,
    which fails on any JavaScript error."""
    made = []

    def make(fresh=False, accept_dialogs=True, **options):
        if fresh or options:
            context = browser.new_context(accept_downloads=True, **options)
        else:
            context = shared_context
        made.append(Session(context, server_url, context is not shared_context, accept_dialogs,
                            js=options.get("java_script_enabled", True)))
        return made[-1]
    yield make
    for s in made:
        s.close()


def fill(page, values: dict[str, str]):
    for field_id, value in values.items():
        page.fill(f"#{field_id}", value)
    page.keyboard.press("Tab")


def read(page, ids) -> dict[str, str]:
    return {field_id: page.input_value(f"#{field_id}") for field_id in ids}


def stored(page, tool):
    raw = page.evaluate("key => localStorage.getItem(key)", f"painsite-tool:{tool}")
    return json.loads(raw) if raw else None


def message(page, expected: str | None = None) -> str:
    """The message the tool shows (and announces): waits for it, or for the expected one."""
    if expected is None:
        page.wait_for_function("document.querySelector('.tool-message').textContent.length > 0")
    else:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            page.wait_for_function("text => document.querySelector('.tool-message').textContent === text",
                                   arg=expected, timeout=15_000)  # a busy 2-core machine
        except PlaywrightTimeout:
            pass  # the caller's comparison shows what was there instead
    return page.inner_text(".tool-message")


def pdf_text(page) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    # Some fonts print "fi", "ff" and "fl" as one ligature glyph, which pypdf reads back as one
    # character ("\ufb01"): NFKC turns it back into the two letters typed.
    return unicodedata.normalize("NFKC", text)


def import_bytes(page, content: bytes, name="worksheet.json"):
    page.set_input_files("form.tool input[type=file]",
                         files=[{"name": name, "mimeType": "application/json", "buffer": content}])


# ------------------------------------------------------------------------------------ round trip
@pytest.mark.parametrize("tool", TOOLS)
def test_fill_reload_print_export_import_clear(tool, session, tmp_path):
    values = TOOLS[tool]
    first = session()
    page = first.open(tool)
    fill(page, values)

    reload(page)
    assert read(page, values) == values, "typed answers did not survive a reload"
    saved = stored(page, tool)
    assert {k: saved[k] for k in ("format", "tool", "version")} == \
        {"format": "painsite-tool", "tool": tool, "version": 1}

    text = pdf_text(page)
    for value in text_values(tool):
        assert value in text, f"the printed worksheet lacks {value!r}"

    with page.expect_download() as download:
        page.click("button[data-action=exportFile]")
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert re.fullmatch(rf"{tool}-\d{{4}}-\d\d-\d\d\.json", exported.name)
    assert json.loads(exported.read_text(encoding="utf-8")) == saved

    second = session(fresh=True)  # another browser, as it were: nothing saved in it
    fresh = second.open(tool)
    assert stored(fresh, tool) is None
    fresh.set_input_files("form.tool input[type=file]", str(exported))
    assert message(fresh, EN["imported"]) == EN["imported"]
    assert read(fresh, values) == values
    assert stored(fresh, tool) == saved

    fresh.click("button[data-action=clear]")
    fresh.click("button[data-action=clear-yes]")
    assert second.dialogs == []  # asked in the page, not by the browser
    assert message(fresh, EN["cleared"]) == EN["cleared"]
    assert all(v == "" for v in read(fresh, values).values())
    assert stored(fresh, tool) is None

    first.check_requests(text_values(tool))
    second.check_requests(text_values(tool))


# ------------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("tool", BAD)
def test_bad_values_get_a_message_and_keep_the_saved_entry(tool, session):
    field_id, good, bad_values = BAD[tool]
    s = session()
    page = s.open(tool)
    fill(page, {field_id: good})
    before = stored(page, tool)
    for bad, problem in bad_values:
        page.fill(f"#{field_id}", bad)
        page.keyboard.press("Tab")
        error = page.locator(f"#{field_id}-error")
        assert error.inner_text() == EN[problem]
        field = page.locator(f"#{field_id}")
        assert field.get_attribute("aria-invalid") == "true"
        assert f"{field_id}-error" in field.get_attribute("aria-describedby").split()
        label = " ".join(page.locator(f"label[for={field_id}]").text_content().split())
        said = EN["fieldError"].replace("{field}", label).replace("{error}", EN[problem])
        assert message(page, said) == said
        assert stored(page, tool) == before, f"{bad!r} replaced the saved entry"
    reload(page)
    assert page.input_value(f"#{field_id}") == good
    page.fill(f"#{field_id}", good)  # fixing the value removes the message
    assert page.locator(f"#{field_id}-error").count() == 0
    assert page.locator(f"#{field_id}").get_attribute("aria-invalid") is None
    s.check_requests()


@pytest.mark.parametrize("tool", TOOLS)
def test_bad_files_and_empty_export_change_nothing(tool, session):
    s = session()
    page = s.open(tool)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("button[data-action=exportFile]")
    assert message(page, EN["nothingToExport"]) == EN["nothingToExport"]

    values = TOOLS[tool]
    fill(page, values)
    before = stored(page, tool)
    other = next(t for t in TOOLS if t != tool)
    envelope = {"format": "painsite-tool", "tool": tool, "version": 1}
    a_field = next(iter(values))
    bad_files = [
        (b"{this is not json", "importBad"),
        (json.dumps({**envelope, "tool": other, "data": {}}).encode(), "importOtherTool"),
    ]
    if tool == "sleep-diary":  # the checks that do not depend on the tool, once
        bad_files += [
            (b"\x89PNG\r\n\x1a\n\x00\x00", "importBad"),
            (json.dumps({"hello": "world"}).encode(), "importForeign"),
            (json.dumps([1, 2, 3]).encode(), "importForeign"),
            (json.dumps({**envelope, "version": 99, "data": {}}).encode(), "importNewer"),
            (json.dumps({**envelope, "version": "1", "data": {}}).encode(), "importBad"),
            (json.dumps({**envelope, "data": "text"}).encode(), "importBad"),
            (json.dumps({**envelope, "data": {}}).encode(), "importBad"),
            (json.dumps({**envelope, "version": 0, "data": {a_field: {"nested": True}}}).encode(), "importBad"),
        ]
    if tool in BAD:
        field_id, _, bad_values = BAD[tool]
        bad_files.append((json.dumps({**envelope, "version": 0, "data": {field_id: bad_values[0][0]}}).encode(),
                          "importValue"))
    for content, problem in bad_files:
        page.evaluate("document.querySelector('.tool-message').textContent = ''")
        import_bytes(page, content)
        expected = EN[problem]
        if problem == "importValue":
            label = " ".join(page.locator(f"label[for={field_id}]").text_content().split())
            expected = expected.replace("{field}", label)
        assert message(page, expected) == expected, f"{content[:40]!r}"
        assert "tool-message--error" in page.get_attribute(".tool-message", "class")
        assert page.get_attribute("button[data-action=importFile]", "aria-describedby") == \
            page.get_attribute(".tool-message", "id")
        assert stored(page, tool) == before
        assert read(page, values) == values
    assert not downloads
    assert s.dialogs == []  # nothing was ever about to be replaced
    s.check_requests(text_values(tool))


# ------------------------------------------------------------------------------------ versions
@pytest.mark.parametrize("tool", TOOLS)
def test_version_0_data_still_loads(tool, session):
    """Version 0 (the first trial format) kept a flat {field id: value} object."""
    values = TOOLS[tool]
    legacy = {"format": "painsite-tool", "tool": tool, "version": 0, "data": dict(values)}
    s = session()
    page = s.open(tool)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"painsite-tool:{tool}", json.dumps(legacy)])
    reload(page)
    assert read(page, values) == values
    upgraded = stored(page, tool)
    assert upgraded["version"] == 1 and upgraded["data"] != legacy["data"]

    page.click("button[data-action=clear]")
    page.click("button[data-action=clear-yes]")
    assert stored(page, tool) is None
    import_bytes(page, json.dumps(legacy).encode())  # a file saved by version 0
    assert message(page, EN["imported"]) == EN["imported"]
    assert read(page, values) == values
    assert stored(page, tool) == upgraded


def test_unreadable_saved_data_is_kept_aside(session):
    s = session()
    page = s.open("goals")
    page.evaluate("localStorage.setItem('painsite-tool:goals', '{broken')")
    reload(page)
    assert message(page, EN["unreadable"]) == EN["unreadable"]
    assert list(kept_aside(page, "goals").values()) == ["{broken"]
    page.click("button[data-action=clear]")  # "everything" includes the copy kept aside
    page.click("button[data-action=clear-yes]")
    assert kept_aside(page, "goals") == {}


# ------------------------------------------------------------------------------------ never lose data
# Copies of stored data that could not be used are kept aside, one key each:
# painsite-tool:<tool>:aside:v1:<ISO 8601 date, UTC> -> the stored text exactly as it was.
ASIDE = "painsite-tool:{tool}:aside:v1:"


def kept_aside(page, tool) -> dict[str, str]:
    """The copies kept aside for a tool, oldest first: {key: stored text}."""
    return page.evaluate("""prefix => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith(prefix)).sort().map(k => [k, localStorage.getItem(k)]))""",
                         ASIDE.format(tool=tool))


def downloaded(page, button, tmp_path) -> tuple[str, str]:
    """Clicks a download button: (suggested file name, text of the file)."""
    with page.expect_download() as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("days, form", [(1, "one"), (3, "few"), (5, "many")])
def test_polish_counts_use_polish_plural_forms(session, built_site, days, form):
    """1 dzień, 3 dni, 5 dni: the form comes from Intl.PluralRules, not from joined words."""
    need_language(built_site, "pl")
    page = session(fresh=True).open("activity-diary", "pl")
    week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    fill(page, {fid("activity-diary", "timedActivity"): f"Spacer {MARK}"} | {fid("activity-diary", "timed", d, "minutes"): "20" for d in week[:days]})
    page.click("button[data-action=to-planner]")
    expected = strings()["pl"]["toPlannerDone"][form].replace("{n}", str(days))
    assert message(page, expected) == expected
    assert f"{days} {'dzień' if days == 1 else 'dni'} " in expected


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_two_unreadable_copies_in_a_row_are_both_kept_and_downloadable(lang, session, built_site, tmp_path):
    need_language(built_site, lang)
    words = strings()[lang]
    s = session()
    page = s.open("goals", lang)
    panel = page.locator(".tool-recovered")
    assert panel.count() == 1 and panel.is_hidden(), "the panel shows only when a copy is kept"
    broken = [f"{{first broken copy {MARK}", f"second copy, not a worksheet at all {MARK}"]
    for text in broken:
        page.evaluate("text => localStorage.setItem('painsite-tool:goals', text)", text)
        reload(page)
        assert message(page, words["unreadable"]) == words["unreadable"]
    copies = kept_aside(page, "goals")
    assert list(copies.values()) == broken, "the second unreadable copy replaced the first"
    for key in copies:  # each copy carries the date it was kept aside
        date = datetime.fromisoformat(key.removeprefix(ASIDE.format(tool="goals")).replace("Z", "+00:00"))
        assert abs((datetime.now(timezone.utc) - date).total_seconds()) < 600
    assert page.evaluate("localStorage.getItem('painsite-tool:goals')") is None

    assert panel.is_visible()
    assert panel.get_attribute("lang") == lang
    heading = panel.locator("h2")
    assert heading.inner_text() == words["recovered"]
    assert panel.get_attribute("aria-labelledby") == heading.get_attribute("id")
    buttons = panel.locator("button")
    assert buttons.count() == 2
    for n, name in enumerate(buttons.all_inner_texts(), 1):  # numbered, and dated (with the year)
        pattern = re.escape(words["recoveredDownload"]).replace(r"\{n\}", str(n)).replace(r"\{date\}", r".*\d{4}.*")
        assert re.fullmatch(pattern, name), name
    for i, text in enumerate(broken):  # oldest first, each exactly as it was stored
        name, content = downloaded(page, buttons.nth(i), tmp_path)
        assert re.fullmatch(r"goals-recovered-\d{4}-\d\d-\d\d-\d{6}\.txt", name), name
        assert content == text
    report = axe_violations(page, ".tool-recovered")
    assert not report, f"recovered copies ({lang}):\n{report}"

    page.click("button[data-action=clear]")
    page.click("button[data-action=clear-yes]")
    assert kept_aside(page, "goals") == {}
    assert panel.is_hidden()
    s.check_requests(broken)


def test_a_copy_kept_aside_by_the_earlier_script_is_kept_too(session):
    """The first version kept one copy under painsite-tool:<tool>:unreadable (and overwrote it)."""
    s = session()
    page = s.open("goals")
    page.evaluate("""() => { localStorage.setItem('painsite-tool:goals:unreadable', '{kept by the old script');
                             localStorage.setItem('painsite-tool:goals', '{broken now'); }""")
    reload(page)
    assert message(page, EN["unreadable"]) == EN["unreadable"]
    assert sorted(kept_aside(page, "goals").values()) == ["{broken now", "{kept by the old script"]
    assert page.evaluate("localStorage.getItem('painsite-tool:goals:unreadable')") is None
    assert page.locator(".tool-recovered button").count() == 2


def test_a_copy_the_browser_has_no_room_for_can_still_be_downloaded(session, tmp_path):
    """Storage full: the copy is held in the page, to download, and the stored text stays."""
    s = session(fresh=True)
    s.page.add_init_script("""(() => { const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (String(k).includes(':aside:')) throw new DOMException('full', 'QuotaExceededError');
          return set.call(this, k, v); }; })()""")
    page = s.open("goals")
    page.evaluate("localStorage.setItem('painsite-tool:goals', '{broken and no room')")
    reload(page)
    assert message(page, EN["asideFailed"]) == EN["asideFailed"]
    assert page.evaluate("localStorage.getItem('painsite-tool:goals')") == "{broken and no room"
    assert kept_aside(page, "goals") == {}
    name, content = downloaded(page, page.locator(".tool-recovered button").first, tmp_path)
    assert content == "{broken and no room" and name.endswith(".txt")


# Sets one field's value in the stored worksheet, by the field's place (as tools.js stores it).
SET_STORED_FIELD = """([key, id, value]) => {
  const el = document.getElementById(id), saved = JSON.parse(localStorage.getItem(key));
  const group = el.closest("[data-rows]");
  let target = saved.data;
  if (group) {
    const row = Array.from(group.children).findIndex(r => r.contains(el));
    target = saved.data[group.dataset.rows][row];
  }
  target[el.dataset.key] = value;
  localStorage.setItem(key, JSON.stringify(saved));
  return localStorage.getItem(key);
}"""
INVALID_STORED = [(tool, field_id, bad[0][0]) for tool, (field_id, _, bad) in BAD.items()] + [
    ("goals", fid("goals", "values"), {"not": "text"}),     # not text at all
    ("goals", fid("goals", "steps", 1, "date"), "next Tuesday"),  # not a date
]


@pytest.mark.parametrize("tool, field_id, bad", INVALID_STORED)
def test_one_invalid_stored_field_does_not_hide_the_rest(tool, field_id, bad, session, tmp_path):
    values = TOOLS[tool]
    s = session()
    page = s.open(tool)
    fill(page, values)
    raw = page.evaluate(SET_STORED_FIELD, [f"painsite-tool:{tool}", field_id, bad])
    reload(page)

    label = " ".join(page.locator(f"label[for={field_id}]").text_content().split())
    said = EN["partlyLoaded"].replace("{fields}", label)
    assert message(page, said) == said
    others = {k: v for k, v in values.items() if k != field_id}
    assert read(page, others) == others, "the valid answers did not load"
    field = page.locator(f"#{field_id}")
    assert field.input_value() == ""
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{field_id}-error" in field.get_attribute("aria-describedby").split()
    error = page.locator(f"#{field_id}-error")
    assert error.is_visible() and error.inner_text() == EN["errSaved"]
    # The bad value is not dropped: the stored text is kept aside as it was, to download.
    assert list(kept_aside(page, tool).values()) == [raw]
    name, content = downloaded(page, page.locator(".tool-recovered button").first, tmp_path)
    assert re.fullmatch(rf"{tool}-recovered-\d{{4}}-\d\d-\d\d-\d{{6}}\.json", name), name
    assert content == raw
    report = axe_violations(page, {"include": [[".tool-bar"], [".tool-recovered"], ["[aria-invalid]"]]})
    assert not report, f"{tool} with a field flagged:\n{report}"

    page.focus(f"#{field_id}")
    page.keyboard.press("Tab")  # passing through does not hide the flag
    assert field.get_attribute("aria-invalid") == "true"
    reload(page)  # the same copy is not kept twice
    assert list(kept_aside(page, tool).values()) == [raw]
    good = values.get(field_id, f"Being there for my family {MARK}")
    page.fill(f"#{field_id}", good)  # a new answer clears the flag and is saved with the rest
    page.keyboard.press("Tab")
    assert field.get_attribute("aria-invalid") is None and error.count() == 0
    reload(page)
    assert read(page, {**others, field_id: good}) == {**others, field_id: good}
    s.check_requests(text_values(tool))


def test_stored_answers_the_worksheet_has_no_place_for_are_kept_aside(session):
    """A saved answer with no field on the page (a row or box a later edit removed) is kept too."""
    s = session()
    page = s.open("goals")
    fill(page, TOOLS["goals"])
    raw = page.evaluate("""() => { const saved = JSON.parse(localStorage.getItem('painsite-tool:goals'));
        saved.data.removedBox = 'An answer with no box now'; saved.data.steps[40] = {step: 'Far away'};
        localStorage.setItem('painsite-tool:goals', JSON.stringify(saved));
        return localStorage.getItem('painsite-tool:goals'); }""")
    reload(page)
    assert message(page, EN["savedExtra"]) == EN["savedExtra"]
    assert read(page, TOOLS["goals"]) == TOOLS["goals"]
    assert list(kept_aside(page, "goals").values()) == [raw]
    page.evaluate("localStorage.removeItem('painsite-tool:goals')")
    reload(page)  # normal answers are never kept aside
    fill(page, TOOLS["goals"])
    reload(page)
    assert list(kept_aside(page, "goals").values()) == [raw]
    page.wait_for_timeout(300)  # a message would show 60 ms after loading
    assert page.locator(".tool-message").inner_text() == ""


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_offline_edition_says_who_else_can_read_the_answers(lang, session, built_site, tmp_path):
    """The offline edition opens from file://, where some browsers give every local file one storage."""
    need_language(built_site, lang)
    with zipfile.ZipFile(built_site / "downloads" / f"living-with-pain-offline-{lang}.zip") as archive:
        archive.extractall(tmp_path)
    prefix = "" if lang == "en" else f"{lang}/"
    page_file = tmp_path / f"living-with-pain-{lang}" / f"{prefix}tools/goals/index.html"
    words = strings()[lang]
    s = session(fresh=True)
    s.page.goto(page_file.as_uri(), wait_until="domcontentloaded")
    s.page.wait_for_selector("form.tool .tool-bar")
    assert words["fileNote"] in s.page.inner_text(".tool-bar")
    served = session().open("goals", lang)  # on the website the note would be wrong
    assert words["fileNote"] not in served.inner_text(".tool-bar")


def test_import_over_existing_answers_asks_first(session):
    s = session(accept_dialogs=False)
    page = s.open("goals")
    fill(page, {fid("goals", "hopes"): f"Mine {MARK}"})
    before = stored(page, "goals")
    file = {"format": "painsite-tool", "tool": "goals", "version": 1, "data": {"hopes": "From the file"}}
    import_bytes(page, json.dumps(file).encode())
    page.wait_for_function("document.querySelector('input[type=file]').value === ''")
    page.wait_for_timeout(100)
    assert s.dialogs == [EN["confirmImport"]]
    assert stored(page, "goals") == before and page.input_value("#" + fid("goals", "hopes")) == f"Mine {MARK}"
    page.click("button[data-action=clear]")  # cancelled: nothing is cleared
    page.click("button[data-action=clear-no]")
    assert stored(page, "goals") == before


# ------------------------------------------------------------------------------------ the sums
def test_pacing_plan_follows_the_rule_on_the_page(session):
    s = session()
    page = s.open("pacing-planner")
    # Worked-out values are read-only, with no box: they fill in as the days are typed.
    for field in ["#" + fid("pacing-planner", "baseline")] + ["#" + fid("pacing-planner", "weeks", i, "target") for i in range(1, 7)]:
        assert page.locator(field).get_attribute("readonly") is not None
        assert page.locator(field).evaluate("el => getComputedStyle(el).borderTopColor") == "rgba(0, 0, 0, 0)"
    assert page.locator("#" + fid("pacing-planner", "average")).evaluate("el => el.tagName") == "OUTPUT"
    assert page.locator("button[data-action=plan]").count() == 0

    # Dev's days from the pacing page: average 20, baseline 16 (80%), then about 10% of 16 a step.
    page.fill("#" + fid("pacing-planner", "days", 1, "minutes"), "20")
    assert page.input_value("#" + fid("pacing-planner", "baseline")) == "16"  # on input, before leaving the field
    assert page.inner_text("#" + fid("pacing-planner", "average")) == "20"
    fill(page, {fid("pacing-planner", "days", i, "minutes"): m for i, m in enumerate(["20", "25", "15", "20", "20"], 1)})
    assert page.inner_text("#" + fid("pacing-planner", "average")) == "20"
    weeks = [page.input_value("#" + fid("pacing-planner", "weeks", i, "target")) for i in range(1, 7)]
    assert page.input_value("#" + fid("pacing-planner", "baseline")) == "16"
    assert weeks == ["16", "18", "20", "22", "24", "26"]
    reload(page)
    assert [page.input_value("#" + fid("pacing-planner", "weeks", i, "target")) for i in range(1, 7)] == weeks

    # The plan's rows are steps, never "Week 1" (a programme week).
    rows = page.locator("[data-rows=weeks] th[scope=row]").all_inner_texts()
    assert rows == [f"Step {i}" for i in range(1, 7)]
    text = page.inner_text("body")
    assert "80% of your average" in text and "10% of your starting baseline" in text

    # A bad day leaves the plan as it was; emptying every day empties the plan.
    page.fill("#" + fid("pacing-planner", "days", 2, "minutes"), "abc")
    assert page.input_value("#" + fid("pacing-planner", "baseline")) == "16"
    for i in range(1, 6):
        page.fill("#" + fid("pacing-planner", "days", i, "minutes"), "")
    assert page.input_value("#" + fid("pacing-planner", "baseline")) == "" and page.input_value("#" + fid("pacing-planner", "weeks", 6, "target")) == ""
    s.check_requests()


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_the_planner_form_starts_on_the_first_screen_of_a_phone(lang, session, built_site):
    need_language(built_site, lang)
    s = session(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page = s.open("pacing-planner", lang)
    top = page.evaluate(f"document.querySelector('#{fid('pacing-planner', 'activity')}').getBoundingClientRect().top + scrollY")
    assert top < 1200, f"the planner's first field is {top:.0f} px down at 360x800 ({lang})"
    # The privacy note is one line; its details are folded away, with a link to the full text.
    note = page.locator(".tool-privacy")
    assert note.evaluate("el => el.tagName") == "DETAILS" and note.get_attribute("open") is None
    assert note.locator("summary").evaluate("el => el.getBoundingClientRect().height") < 60
    assert page.locator("#how-it-works").evaluate(
        "h => h.compareDocumentPosition(document.querySelector('form.tool')) & Node.DOCUMENT_POSITION_PRECEDING")


def test_clear_looks_dangerous_and_asks_first(session):
    s = session()
    page = s.open("goals")
    fill(page, {fid("goals", "hopes"): f"Mine {MARK}"})
    before = stored(page, "goals")
    clear = page.locator("button[data-action=clear]")
    assert clear.get_attribute("aria-label") == EN["clearName"]
    assert "tool-danger" in clear.get_attribute("class")
    assert clear.evaluate("el => getComputedStyle(el).color") == "rgb(179, 38, 30)"  # --tool-error

    # Keyboard: Enter asks; the focus goes to Cancel, inside a group named by the question.
    clear.focus()
    page.keyboard.press("Enter")
    box = page.locator(".tool-confirm")
    assert box.get_attribute("role") == "group"
    assert page.inner_text(f"#{box.get_attribute('aria-labelledby')}") == EN["confirmClear"]
    assert page.evaluate("document.activeElement.dataset.action") == "clear-no"
    page.keyboard.press("Escape")  # cancels
    assert box.count() == 0 and stored(page, "goals") == before
    assert page.evaluate("document.activeElement.dataset.action") == "clear"
    assert message(page, EN["kept"]) == EN["kept"]

    clear.click()
    page.click("button[data-action=clear-no]")
    assert stored(page, "goals") == before and page.input_value("#" + fid("goals", "hopes")) == f"Mine {MARK}"

    clear.click()
    page.click("button[data-action=clear-yes]")
    assert stored(page, "goals") is None and page.input_value("#" + fid("goals", "hopes")) == ""
    assert message(page, EN["cleared"]) == EN["cleared"]
    assert s.dialogs == []
    assert not axe_violations(page)


def test_printing_leaves_out_the_instructions_and_leaves_room_to_write(session):
    s = session()
    page = s.open("pacing-planner")
    page.emulate_media(media="print")
    assert page.locator("#how-it-works").is_hidden()
    assert page.locator(".tool-bar").is_hidden()
    assert page.locator("#" + fid("pacing-planner", "activity")).is_visible()
    for field in ("#" + fid("pacing-planner", "baseline"), "#" + fid("pacing-planner", "weeks", 1, "target"), "#" + fid("pacing-planner", "weeks", 1, "notes")):
        box = page.locator(field).bounding_box()
        assert box["height"] >= 30, f"{field} prints {box['height']} px high: no room to write"
    text = pdf_text(page)
    assert "How does this worksheet work?" not in text and "My activity" in text


def test_the_activity_diary_hands_its_minutes_to_the_pacing_planner(session):
    s = session()
    page = s.open("activity-diary")
    page.click("button[data-action=to-planner]")
    assert message(page, EN["toPlannerNeed"]) == EN["toPlannerNeed"]
    fill(page, {fid("activity-diary", "timedActivity"): f"Walking {MARK}", fid("activity-diary", "timed", "mon", "minutes"): "20", fid("activity-diary", "timed", "tue", "minutes"): "25",
                fid("activity-diary", "timed", "wed", "minutes"): "15", fid("activity-diary", "timed", "fri", "minutes"): "20", fid("activity-diary", "timed", "sun", "minutes"): "20"})
    page.click("button[data-action=to-planner]")
    done = EN["toPlannerDone"]["other"].replace("{n}", "5")
    assert message(page, done) == done

    planner = s.open("pacing-planner")
    assert planner.input_value("#" + fid("pacing-planner", "activity")) == f"Walking {MARK}"
    assert [planner.input_value("#" + fid("pacing-planner", "days", i, "minutes")) for i in range(1, 6)] == ["20", "25", "15", "20", "20"]
    assert planner.input_value("#" + fid("pacing-planner", "baseline")) == "16"
    assert planner.input_value("#" + fid("pacing-planner", "weeks", 6, "target")) == "26"
    fill(planner, {fid("pacing-planner", "weeks", 1, "notes"): f"Fine {MARK}"})

    # Days already in the planner are replaced only after a yes; the notes stay.
    page = s.open("activity-diary")
    fill(page, {fid("activity-diary", "timed", "mon", "minutes"): "10"})
    page.click("button[data-action=to-planner]")
    page.click("button[data-action=to-planner-no]")
    assert stored(page, "pacing-planner")["data"]["days"][0]["minutes"] == "20"
    page.click("button[data-action=to-planner]")
    page.click("button[data-action=to-planner-yes]")
    data = stored(page, "pacing-planner")["data"]
    assert data["days"][0]["minutes"] == "10" and data["weeks"][0]["notes"] == f"Fine {MARK}"
    assert data["baseline"] == str(round(sum([10, 25, 15, 20, 20]) / 5 * 0.8))
    s.check_requests(text_values("activity-diary"))


def test_bring_to_my_session_shows_the_three_tools_on_one_page(session):
    s = session()
    page = s.page
    page.goto(f"{s.server_url}tools/bring-to-my-session/", wait_until="domcontentloaded")
    page.wait_for_selector(".tool-empty")
    assert page.locator(".tool-empty").all_inner_texts() == [EN["summaryEmpty"]] * 3

    planner = s.open("pacing-planner")
    fill(planner, {fid("pacing-planner", "activity"): f"Walking {MARK}", fid("pacing-planner", "days", 1, "minutes"): "20", fid("pacing-planner", "weeks", 2, "notes"): f"Sore {MARK}"})
    fill(s.open("flare-up-plan"), {fid("flare-up-plan", "signs"): f"Poor sleep {MARK}"})
    fill(s.open("goals"), {fid("goals", "hopes"): f"Dance again {MARK}", fid("goals", "steps", 1, "date"): "2026-12-05"})
    page.goto(f"{s.server_url}tools/bring-to-my-session/", wait_until="domcontentloaded")
    page.wait_for_selector("[data-slot=print] button")
    assert page.locator(".tool-empty").count() == 0
    show = lambda key: page.inner_text(f"[data-summary] [data-show='{key}']")
    assert page.inner_text("[data-summary=pacing-planner] [data-show=activity]") == f"Walking {MARK}"
    assert page.inner_text("[data-summary=pacing-planner] [data-show=baseline]") == "16"
    assert page.inner_text("[data-summary=pacing-planner] [data-show='weeks.5.target']") == "26"
    assert show("weeks.1.notes") == f"Sore {MARK}"
    assert show("signs") == f"Poor sleep {MARK}"
    assert show("hopes") == f"Dance again {MARK}"
    assert show("steps.0.date") == "5 December 2026"
    pdf = page.pdf(format="A4")
    from pypdf import PdfReader
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, "Bring to my session prints on more than one A4 page"
    assert not axe_violations(page)
    s.check_requests()


def test_the_cpd_record_prefills_saves_exports_and_prints(session, tmp_path):
    s = session()
    page = s.page
    page.goto(f"{s.server_url}professionals/sleep/", wait_until="domcontentloaded")
    page.wait_for_selector(".tool-record .tool-bar")
    assert page.input_value("#cpd-unit") == page.inner_text("h1").strip()
    assert page.input_value("#cpd-date") == datetime.now().strftime("%Y-%m-%d")
    assert page.input_value("#cpd-minutes") == "35"  # "About 35 minutes" in its Estimated time
    fill(page, {"cpd-learnt": f"Sleep and pain feed each other {MARK}", "cpd-change": f"Ask about sleep {MARK}"})
    reload(page)
    page.wait_for_selector(".tool-record .tool-bar")
    assert page.input_value("#cpd-learnt") == f"Sleep and pain feed each other {MARK}"
    saved = stored(page, "cpd-sleep")
    assert saved["data"]["unit"] == page.input_value("#cpd-unit") and saved["data"]["minutes"] == "35"

    with page.expect_download() as download:
        page.click(".tool-record button[data-action=exportFile]")
    assert re.fullmatch(r"cpd-sleep-\d{4}-\d\d-\d\d\.json", download.value.suggested_filename)
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == saved

    # Its Print button prints the record alone; the page printed otherwise keeps the unit.
    page.evaluate("document.documentElement.classList.add('tool-print-alone')")
    text = pdf_text(page)
    assert f"Ask about sleep {MARK}" in text and "Key evidence" not in text
    page.evaluate("document.documentElement.classList.remove('tool-print-alone')")
    assert not axe_violations(page, {"include": [[".tool-record"]]})

    # The reflection record page is a working record too, with nothing of a unit prefilled.
    page.goto(f"{s.server_url}professionals/reflection-record/", wait_until="domcontentloaded")
    page.wait_for_selector(".tool-record .tool-bar")
    assert page.input_value("#cpd-unit") == "" and page.input_value("#cpd-date") != ""
    page.set_input_files(".tool-record input[type=file]", str(exported))
    page.wait_for_timeout(200)
    assert page.inner_text(".tool-message") == EN["importOtherTool"]  # a unit's record opens on its unit
    s.check_requests(["Sleep and pain feed each other", "Ask about sleep"])


def test_sleep_efficiency_handles_midnight(session):
    page = session().open("sleep-diary")
    nights = {
        1: ("23:00", "30", "30", "07:00", "88%"),   # across midnight: 480 in bed, 420 asleep
        2: ("00:30", "", "", "06:30", "100%"),      # bedtime after midnight
        3: ("22:00", "60", "60", "06:00", "75%"),
        4: ("13:30", "", "", "15:00", "100%"),      # a daytime sleep
        5: ("23:00", "", "", "23:00", EN["checkTimes"]),
        6: ("23:00", "100", "", "00:30", EN["checkTimes"]),  # more minutes awake than in bed
    }
    for n, (bed, fall, awake, up, _) in nights.items():
        fill(page, {f"sleep-{n}-bed": bed, f"sleep-{n}-fall": fall, f"sleep-{n}-awake": awake,
                    f"sleep-{n}-up": up})
    for n, (*_, expected) in nights.items():
        assert page.inner_text(f"#sleep-{n}-efficiency") == expected, f"night {n}"
    assert page.inner_text("#" + fid("sleep-diary", "nights", 7, "efficiency")) == ""
    reload(page)
    assert page.inner_text("#" + fid("sleep-diary", "nights", 1, "efficiency")) == "88%"
    page.fill("#" + fid("sleep-diary", "nights", 1, "awake"), "lots")
    assert page.inner_text("#" + fid("sleep-diary", "nights", 1, "efficiency")) == ""


# ------------------------------------------------------------------------------------ accessibility
def axe_violations(page, where: str | dict = "article") -> str:
    """axe on the page's main content (the tool, its page text, notices and sources) or a part.

    axe is injected once per page load. The theme's header, menus and footer are the same on
    every page and are checked with the rest of the site (tests/test_browser.py), not here."""
    result = axe_run(page, where)
    return "" if result.violations_count == 0 else result.generate_report()


# Parts of the page's main content that stick out of the screen (which would make it scroll
# sideways). The theme's own off-screen menus are not part of the content.
OUTSIDE_VIEWPORT = """() => Array.from(document.querySelectorAll("article, article *"))
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.width && (r.left < -1 || r.right > innerWidth + 1); })
  .map(el => el.tagName + (el.id ? "#" + el.id : "")).slice(0, 5)"""


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("tool", TOOLS)
def test_accessible_empty_filled_with_errors_and_narrow(tool, lang, session, built_site):
    need_language(built_site, lang)
    s = session()
    page = s.open(tool, lang)
    if lang == "ur":
        assert page.get_attribute("body", "dir") == "rtl"
    report = axe_violations(page)
    assert not report, f"empty {tool} ({lang}):\n{report}"

    # From here on only what changes is checked again: the filled fields, then the messages.
    fill(page, TOOLS[tool])
    report = axe_violations(page, {"include": [[f"#{field_id}"] for field_id in TOOLS[tool]]})
    assert not report, f"filled {tool} ({lang}):\n{report}"

    import_bytes(page, b"not a worksheet")
    message(page, strings()[lang]["importBad"])
    if tool in BAD:
        field_id, _, bad_values = BAD[tool]
        page.fill(f"#{field_id}", bad_values[0][0])
        page.keyboard.press("Tab")
        page.wait_for_selector(f"#{field_id}-error")
    # Only the messages and the fields marked invalid changed since the last check.
    report = axe_violations(page, {"include": [[".tool-bar"], [".tool-error"], ["[aria-invalid]"]]})
    assert not report, f"{tool} with errors ({lang}):\n{report}"

    # 320 px wide, and a 1280 px window at 200% zoom: nothing scrolls sideways, and each field
    # in a table shows its own label.
    for width in (1280, 320, 640):
        page.set_viewport_size({"width": width, "height": 700})
        outside = page.evaluate(OUTSIDE_VIEWPORT)
        assert not outside, f"{tool} ({lang}) at {width} px: content wider than the screen: {outside}"
        labels = page.locator("form.tool .tool-label")
        if labels.count() and width < 720:
            assert labels.first.is_visible()
            assert page.locator("form.tool thead").first.is_hidden()
    s.check_requests(text_values(tool))


def test_dark_colour_scheme_with_errors(session):
    s = session(color_scheme="dark")
    page = s.open("sleep-diary")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    fill(page, TOOLS["sleep-diary"])
    fill(page, {fid("sleep-diary", "nights", 2, "fall"): "abc"})
    import_bytes(page, b"not a worksheet")
    message(page, EN["importBad"])
    report = axe_violations(page)
    assert not report, f"dark colour scheme:\n{report}"


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_interface_words_follow_the_page_language(lang, session, built_site):
    need_language(built_site, lang)
    words = strings()[lang]
    page = session().open("goals", lang)
    bar = page.locator(".tool-bar")
    assert bar.get_attribute("lang") == lang
    assert bar.get_attribute("aria-label") == words["toolbar"]
    for action in ("print", "exportFile", "importFile", "clear"):
        assert page.inner_text(f"button[data-action={action}]") == words[action]
    page.click("button[data-action=exportFile]")
    assert message(page, words["nothingToExport"]) == words["nothingToExport"]
    if lang == "ur":
        assert bar.get_attribute("dir") == "rtl"


def test_every_language_has_every_interface_string():
    table = strings()
    missing = set(languages.codes()) - set(table)
    assert not missing, f"docs/assets/tools/strings.js has no words for {sorted(missing)}: copy the 'pl' block"
    for lang, words in table.items():
        assert set(words) == set(EN), f"{lang}: missing {set(EN) - set(words)}, extra {set(words) - set(EN)}"
        for key, value in words.items():
            english = EN[key]
            if isinstance(english, dict):  # plural forms: the language's own CLDR categories
                assert isinstance(value, dict) and "other" in value, f"{lang}.{key} needs plural forms"
                forms = {"en": {"one", "other"}, "pl": {"one", "few", "many", "other"}, "ur": {"one", "other"}}
                assert set(value) == forms.get(lang, set(value)), f"{lang}.{key}: forms {sorted(value)}"
                english, texts = english["other"], list(value.values())
            else:
                texts = [value]
            for text in texts:
                assert text.strip(), f"{lang}.{key} is empty"
                assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", english)), f"{lang}.{key}"


def test_keyboard_alone_can_fill_and_use_the_buttons(session):
    s = session()
    page = s.open("sleep-diary")
    page.focus("button[data-action=print]")
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.dataset.action || document.activeElement.id"))
    assert order[:3] == ["exportFile", "importFile", "clear"]
    assert order[3] == fid("sleep-diary", "start")
    page.focus("#" + fid("sleep-diary", "nights", 1, "fall"))
    page.keyboard.type("25")
    page.keyboard.press("Tab")
    assert stored(page, "sleep-diary")["data"]["nights"][0]["fall"] == "25"
    page.focus("button[data-action=clear]")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # from Cancel back to "Yes, clear everything"
    assert page.evaluate("document.activeElement.dataset.action") == "clear-yes"
    page.keyboard.press("Enter")
    assert stored(page, "sleep-diary") is None


# ------------------------------------------------------------------------------------ without JavaScript
def test_without_javascript_each_tool_is_a_blank_worksheet(browser, server_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for tool in TOOLS:
            page.goto(f"{server_url}tools/{tool}/", wait_until="domcontentloaded")
            assert page.locator(".tool-bar").count() == 0
            fields = page.locator("form.tool [data-key]")
            assert fields.count() >= len(TOOLS[tool])
            for field_id in page.eval_on_selector_all("form.tool [data-key]", "els => els.map(e => e.id)"):
                assert page.locator(f"label[for='{field_id}']").count() == 1, f"{tool}: {field_id} has no label"
            # Fields have no name, so the form can never send what was typed.
            assert page.locator("form.tool [name]").count() == 0
            text = pdf_text(page)
            headings = page.eval_on_selector_all("form.tool h2", "els => els.map(e => e.textContent.trim())")
            for heading in headings:
                assert heading in text, f"{tool}: the printed worksheet lacks {heading!r}"
    finally:
        context.close()


# ------------------------------------------------------------------------------------ loading and size
def test_scripts_load_only_on_tool_pages_from_this_site(built_site):
    prefixes = [""] + [f"{lang}/" for lang in ("pl", "ur") if (built_site / lang).is_dir()]
    for prefix in prefixes:
        for tool in TOOLS:
            html = built_site / f"{prefix}tools/{tool}/index.html"
            text = html.read_text(encoding="utf-8")
            sources = re.findall(r'<script src="([^"]*assets/tools/[^"]+)" defer>', text)
            # The words, the tool's own sums (its definition's 'sums'), then the script that runs them.
            wanted = ["strings.js"] + [f"sums/{name}.js" for name in worksheets.definition(tool).sums] + ["tools.js"]
            assert [src.split("assets/tools/")[1] for src in sources] == wanted, f"{html}: the tool scripts"
            sources += re.findall(r'<link rel="stylesheet" href="([^"]*assets/tools/tools\.css)">', text)
            assert len(sources) == len(wanted) + 1, f"{html}: the tool styles are missing"
            for src in sources:
                target = urljoin(f"/{prefix}tools/{tool}/", src)
                assert (built_site / target.lstrip("/")).is_file(), f"{html}: {src} does not exist"
                assert target.startswith("/assets/tools/"), "one copy of the files serves every language"
            # Our code is never inline: a Content-Security-Policy can forbid inline scripts.
            for inline in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, flags=re.S):
                assert "painsite-tool" not in inline and "assets/tools" not in inline
        for other in ("index.html", "tools/index.html", "participants/pacing/index.html", "get-help-now/index.html"):
            html = built_site / prefix / other
            if html.exists():
                assert "assets/tools/" not in html.read_text(encoding="utf-8"), f"{html} loads the tool files"


def test_tools_javascript_is_small():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "tools_size.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gzip" in result.stdout
