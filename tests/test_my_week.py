"""My week and the short version of each module (issue 16, items 1 and 2), in Chromium at 360x800.

- The home page links to the information session, every week, the follow-up and the tools.
- A reader marks their week (on a week page or on the home page's grid); it is kept in
  localStorage only, survives a reload, and the home page and Start here then lead with it.
- Each module names its week; each module has a short version (its Key points) with a way back.
- On the programme page the first week link is within the first two screens.
"""
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, axe_run
from painsite import pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "en"
KEY = "painsite:my-week:v1"
WEEKS = ["information-session", *(f"week-{n}" for n in range(1, 10)), "follow-up"]
PHONE = {"width": 360, "height": 800}
CODES = [lang.code for lang in LANGUAGES]


def _prefix(code: str) -> str:
    return next(lang.prefix for lang in LANGUAGES if lang.code == code)


def _base(server_url: str, code: str) -> str:
    return server_url.rstrip("/") + "/" + _prefix(code)


def _modules() -> dict[str, str]:
    """participants/<name>.md -> the week in its front matter, for every module."""
    found = {}
    for path in sorted((DOCS / "participants").glob("*.md")):
        meta = pages.read(path, ROOT / "docs").meta
        if meta.get("page_type") == "module":
            found[path.stem] = meta.get("week")
    return found


MODULES = _modules()


@pytest.fixture
def phone(browser, server_url):
    """A phone-sized tab that records every request it makes."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def _no_request_left(tab, server_url):
    origin = urlsplit(server_url).netloc
    for url in tab.requests:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https", "data", "blob") and (
            parts.scheme in ("data", "blob") or parts.netloc == origin), f"a request left the site: {url}"
        assert "week" not in (parts.query or ""), f"the chosen week went out in a request: {url}"


def _target(tab, href: str) -> str:
    return urlsplit(urljoin(tab.url, href)).path


def _axe_light_and_dark(tab):
    """axe on the page as shown now, in the light palette and then the dark one."""
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        tab.emulate_media(color_scheme=scheme)
        tab.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'", timeout=5000)
        tab.evaluate("document.getAnimations().forEach(a => a.finish())")  # the palettes fade
        result = axe_run(tab)
        assert not result.violations_count, f"{tab.url} ({scheme}): {result.generate_report()}"
    tab.emulate_media(color_scheme="light")


def test_modules_all_have_a_week():
    assert MODULES, "no module pages found"
    missing = [name for name, week in MODULES.items() if not week]
    assert not missing, f"modules without `week:` in their front matter: {missing}"


@pytest.mark.parametrize("code", CODES)
def test_home_links_to_every_week_and_the_tools(phone, server_url, code):
    base = _base(server_url, code)
    phone.goto(base)
    assert phone.locator("html").get_attribute("lang").startswith(code)
    if code == "ur":
        assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    grid = phone.locator(".week-grid a")
    targets = [_target(phone, grid.nth(i).get_attribute("href")) for i in range(grid.count())]
    root = urlsplit(base).path
    for week in WEEKS:
        assert f"{root}programme/{week}/" in targets, f"{code}: the week grid has no link to {week}"
    # The grid's buttons are large enough to tap.
    box = grid.first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 100
    tools = [_target(phone, phone.locator("article a").nth(i).get_attribute("href"))
             for i in range(phone.locator("article a").count())]
    assert f"{root}tools/" in tools, f"{code}: the home page has no link to the tools"
    _no_request_left(phone, server_url)


@pytest.mark.parametrize("code", CODES)
def test_marking_a_week_persists_and_leads_home_and_start_here(phone, server_url, code):
    base = _base(server_url, code)
    # Nothing chosen: no "your week" block.
    phone.goto(base)
    assert phone.locator("section.my-week").is_hidden()

    # Mark week 3 on its own page.
    phone.goto(f"{base}programme/week-3/")
    mark = phone.locator(".my-week-mark button")
    assert mark.is_visible() and mark.get_attribute("aria-pressed") == "false"
    assert mark.bounding_box()["y"] < 800, "the mark button is not on the first screen"
    mark.click()
    assert phone.evaluate(f"localStorage.getItem('{KEY}')") == "week-3"
    assert phone.locator(".my-week-mark__status").inner_text().strip()
    phone.reload()
    assert phone.locator(".my-week-mark button").get_attribute("aria-pressed") == "true"
    _axe_light_and_dark(phone)

    # Home and Start here lead with week 3: its sessions, the page to read, the tool.
    for where in ("", "participants/start-here/"):
        phone.goto(f"{base}{where}")
        section = phone.locator("section.my-week")
        assert section.is_visible(), f"{code}/{where}: the chosen week is not shown"
        shown = section.locator(".my-week__item:visible")
        assert shown.count() == 1 and shown.get_attribute("data-week") == "week-3"
        links = [_target(phone, shown.locator("a").nth(i).get_attribute("href"))
                 for i in range(shown.locator("a").count())]
        root = urlsplit(base).path
        assert f"{root}programme/week-3/" in links
        assert f"{root}participants/pacing/" in links
        assert f"{root}tools/pacing-planner/" in links
        assert shown.locator("li").count() == 3, "the week's 3 sessions are not listed"
        # It leads: right under the page title, before anything else of the page.
        title = phone.locator("#page-title")
        assert section.evaluate("(s, t) => t.nextElementSibling === s", title.element_handle())
        assert section.bounding_box()["y"] < 800
        assert not axe_run(phone, "section.my-week").violations_count

    # Choose another week on the home page's grid; it replaces week 3, and lasts.
    phone.goto(base)
    picker = phone.locator(".week-grid li", has=phone.locator('a[href$="week-5/"]')).locator("button")
    picker.click()
    assert picker.get_attribute("aria-pressed") == "true"
    assert phone.evaluate(f"localStorage.getItem('{KEY}')") == "week-5"
    phone.reload()
    assert phone.locator(".my-week__item:visible").get_attribute("data-week") == "week-5"
    _axe_light_and_dark(phone)

    # Forget it: the block goes, the storage is empty.
    phone.locator(".my-week__clear").click()
    assert phone.locator("section.my-week").is_hidden()
    assert phone.evaluate(f"localStorage.getItem('{KEY}')") is None
    _no_request_left(phone, server_url)


@pytest.mark.parametrize("code", CODES)
def test_each_module_names_its_week(built_site, code):
    for name, week in MODULES.items():
        html = built_site / _prefix(code) / "participants" / name / "index.html"
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        meta = soup.select_one(".module-meta")
        assert meta is not None, f"{code}/{name}: no week line under the title"
        links = [a["href"] for a in meta.select("a")]
        assert any(href.rstrip("/").endswith(f"programme/{week}") for href in links), \
            f"{code}/{name}: does not link to {week}"
        number = week.split("-")[1]
        assert number in meta.get_text(), f"{code}/{name}: the week's number is not shown"


def test_programme_first_week_link_within_two_screens(phone, server_url):
    phone.goto(_base(server_url, "en") + "programme/")
    first = phone.locator("article a[href*='week-']").first
    y = first.evaluate("a => a.getBoundingClientRect().top + window.scrollY")
    assert y < 1600, f"the first week link is {y:.0f} px down"


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("name", sorted(MODULES))
def test_short_version_shows_the_key_points_and_links_back(built_site, code, name):
    html = built_site / _prefix(code) / "participants" / name / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.short-link[href='#short-version']")
    assert link is not None, f"{code}/{name}: no link to the short version"
    box = soup.select_one("#short-version")
    assert box is not None and box.select_one("a[href='#page-title']")
    assert soup.select_one(".admonition.key-points li"), f"{code}/{name}: no Key points box"
    # The link comes before the page's own text, so it is found at once.
    assert str(soup).index("short-link") < str(soup).index("key-points")


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("name", ["pacing", "understanding-pain"])
def test_short_version_in_the_browser(phone, server_url, code, name):
    url = _base(server_url, code) + f"participants/{name}/"
    phone.goto(url)
    phone.locator("a.short-link").click()
    assert phone.locator("#page-title").is_visible()
    assert phone.locator(".key-points").is_visible()
    assert phone.locator("article h2").first.is_hidden(), "the full text still shows"
    back = phone.locator("#short-version a[href='#page-title']")
    assert back.is_visible()
    assert phone.evaluate("window.scrollY") == 0
    _axe_light_and_dark(phone)
    back.click()
    assert phone.locator("article h2").first.is_visible(), "the full page did not come back"
    # Without JavaScript too: the short version is plain CSS.
    context = phone.context.browser.new_context(viewport=PHONE, java_script_enabled=False)
    plain = context.new_page()
    plain.goto(url + "#short-version")
    assert plain.locator(".key-points").is_visible()
    assert plain.locator("article h2").first.is_hidden()
    context.close()
    _no_request_left(phone, server_url)
