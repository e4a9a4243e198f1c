#!/usr/bin/env python3
"""Print the phone-journey measures of issue 16 for a built site, in Chromium at 360 x 800.

    python scripts/phone_journey.py [--site site] [--lang en pl ur]

Home page links to every week and to the tools; where the first week link and the pacing
planner's first field sit; the smallest text in boxes and tables; glossary marks in headings and
marked twice on one page; footer links that leave the reader's section; the menu's open level on a
phone; focus stops on hidden or off-screen things in the first 25 Tab presses; "back to top" over a
form field; a service worker after the first visit. The tests (tests/test_phone_journey.py) use
the same functions.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from painsite.browser import chromium
from painsite.paths import SITE
from painsite.serve import serve

PHONE = {"width": 360, "height": 800}
HOME = ""
PROGRAMME = "programme/"
PLANNER = "tools/pacing-planner/"
MODULE = "participants/pacing/"
WEEKS = ["information-session", *(f"week-{n}" for n in range(1, 10)), "follow-up"]
LANG_DIRS = ("pl", "ur")
FIELD = "article :is(input:not([type=hidden]), select, textarea)"
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]

# --- measures read from the built HTML ------------------------------------------------------


def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html"))
            if not p.relative_to(site).as_posix().startswith(("assets/", "downloads/", "go/"))]


def _article(path: Path) -> BeautifulSoup | None:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article")


def glossary_marks(site: Path) -> dict[str, list[str]]:
    """Glossary marks in headings or the page title, and terms marked more than once on a page."""
    in_headings, repeated = [], []
    for path in _pages(site):
        article = _article(path)
        if article is None:
            continue
        rel = path.relative_to(site).parent.as_posix()
        for abbr in article.find_all("abbr"):
            if abbr.find_parent(HEADINGS):
                in_headings.append(f"{rel}: {abbr.get_text()}")
        # the workbook puts every module on one page: count once per module there
        parts = article.select(".workbook-module") or [article]
        for part in parts:
            counts = Counter(a.get_text().casefold() for a in part.find_all("abbr"))
            repeated += [f"{rel}: {term} x{n}" for term, n in counts.items() if n > 1]
    return {"in_headings": in_headings, "repeated": repeated}


def section_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).parts
    if rel[0] in LANG_DIRS:
        rel = rel[1:]
    if len(rel) == 1:
        return ""  # a top-level page (home, get help now)
    return {"tools": "participants", "glossary": "about"}.get(rel[0], rel[0])  # as in the menu


def footer_links_leaving_section(site: Path) -> list[str]:
    """Previous/next links in the page footer that go to another section of the menu."""
    crossing = []
    for path in _pages(site):
        html = path.read_text(encoding="utf-8")
        footer = re.search(r'<nav class="md-footer__inner.*?</nav>', html, re.S)
        if not footer:
            continue
        here = section_of(site, path)
        for href, label in re.findall(r'<a href="([^"]+)" class="md-footer__link[^"]*" aria-label="([^"]+)"',
                                      footer.group(0)):
            target = (path.parent / href).resolve() / "index.html"
            there = section_of(site, target) if target.is_relative_to(site.resolve()) else "?"
            if here != there or not here:
                crossing.append(f"{path.relative_to(site).parent.as_posix()}: {label}")
    return crossing


# --- measures taken in Chromium -------------------------------------------------------------

SMALLEST_BOX_TEXT = """() => {
  let smallest = Infinity, where = "";
  const boxes = document.querySelectorAll("article :is(.admonition, details, table):not(.page-info *)");
  for (const box of boxes) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (!el.checkVisibility()) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest) { smallest = size; where = el.tagName.toLowerCase() + ": " + node.textContent.trim().slice(0, 30); }
    }
  }
  return [smallest, where];
}"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
               (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  // a visually hidden checkbox or radio shown by its visible label (the palette switch) is fine
  // (Material's palette switch shows the label that follows the focused radio button)
  const shown = el.matches(".md-option") ? el.nextElementSibling
    : el.matches("input[type=checkbox], input[type=radio]") && el.labels && el.labels.length ? el.labels[0] : el;
  const r2 = shown.getBoundingClientRect();
  const hidden = !shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) ||
                 r2.width === 0 || r2.height === 0;
  const offscreen = r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight;
  return {name, hidden, offscreen};
}"""


def bad_tab_stops(tab, base: str, presses: int = 25) -> list[str]:
    tab.goto(base + MODULE, wait_until="networkidle")
    bad = []
    for n in range(1, presses + 1):
        tab.keyboard.press("Tab")
        # The skip link fades in when focused: give it up to 2 s on a busy machine. A stop that is
        # still hidden or off screen after that is reported.
        try:
            tab.wait_for_function(f"() => {{ const s = ({FOCUS_STATE})(); return !s || (!s.hidden && !s.offscreen); }}",
                                  timeout=2000)
        except PlaywrightTimeout:
            pass
        state = tab.evaluate(FOCUS_STATE)
        if state and (state["hidden"] or state["offscreen"]):
            bad.append(f"{n}: {state['name']} ({'hidden' if state['hidden'] else 'off screen'})")
    return bad


def menu_open_level(tab, base: str) -> dict:
    """Open the phone menu on a module page: how many menu levels deep it shows, and whether the
    top level (the sections) is on screen."""
    tab.goto(base + MODULE, wait_until="networkidle")
    tab.click(".md-header label[for=__drawer]")
    tab.wait_for_timeout(400)
    return tab.evaluate("""() => {
      const drawer = document.querySelector(".md-nav--primary");
      const onScreen = el => { const r = el.getBoundingClientRect();
        if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || r.width === 0 ||
            r.left < 0 || r.right > innerWidth + 1 || r.bottom <= 0 || r.top >= innerHeight) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (el.contains(hit) || hit.contains(el)); };  // not covered by a deeper level
      let deepest = 0;
      for (const link of drawer.querySelectorAll(".md-nav__link")) {
        if (!onScreen(link)) continue;
        let level = 0;
        for (let n = link.parentElement; n && n !== drawer; n = n.parentElement) if (n.matches("nav.md-nav")) level++;
        deepest = Math.max(deepest, level);
      }
      const top = [...drawer.querySelectorAll(":scope > .md-nav__list > .md-nav__item > .md-nav__link")];
      return {deepest_level_shown: deepest, top_level_on_screen: top.length > 0 && top.some(onScreen)};
    }""")


def back_to_top_over_field(tab, base: str) -> int:
    """Scroll down the planner in steps, then a little back up (which shows "back to top"):
    at how many scroll positions does the button overlap a form field?"""
    tab.goto(base + PLANNER, wait_until="networkidle")
    height = tab.evaluate("document.documentElement.scrollHeight")
    covered = 0
    for y in range(600, max(height - 800, 600), 400):
        tab.evaluate(f"window.scrollTo(0, {y + 150})")
        tab.wait_for_timeout(60)
        tab.evaluate(f"window.scrollTo(0, {y})")
        tab.wait_for_timeout(250)
        covered += tab.evaluate(f"""() => {{
          const top = document.querySelector(".md-top");
          if (!top || !top.checkVisibility({{opacityProperty: true, visibilityProperty: true}})) return 0;
          const b = top.getBoundingClientRect();
          if (b.width === 0) return 0;
          return [...document.querySelectorAll("{FIELD}")].some(f => {{
            const r = f.getBoundingClientRect();
            return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
          }}) ? 1 : 0;
        }}""")
    return covered


def browser_measures(browser, base: str) -> dict:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    found = {}
    tab.goto(base + HOME, wait_until="networkidle")
    links = tab.evaluate("""() => [...document.querySelectorAll("article a[href]")].map(a => a.href)""")
    found["home_missing_weeks"] = [w for w in WEEKS if not any(f"/programme/{w}/" in h for h in links)]
    found["home_links_to_tools"] = any(re.search(r"/tools/(#.*)?$", h) for h in links)

    tab.goto(base + PROGRAMME, wait_until="networkidle")
    found["programme_first_week_link_y"] = tab.evaluate("""() => {
      const a = [...document.querySelectorAll("article a[href]")].find(a => /week-\\d+\\/?(#.*)?$/.test(a.getAttribute("href")));
      return a ? Math.round(a.getBoundingClientRect().top + scrollY) : null; }""")

    tab.goto(base + PLANNER, wait_until="networkidle")
    found["planner_first_field_y"] = tab.evaluate(f"""() => {{
      const f = [...document.querySelectorAll("{FIELD}")].find(f => f.checkVisibility());
      return f ? Math.round(f.getBoundingClientRect().top + scrollY) : null; }}""")

    tab.goto(base + MODULE, wait_until="networkidle")
    found["body_text_px"] = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    found["smallest_box_or_table_text_px"], found["smallest_text_is"] = tab.evaluate(SMALLEST_BOX_TEXT)
    abbr = tab.locator("article abbr").first
    if abbr.count():
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        tab.wait_for_timeout(600)
    found["tooltip_px"] = tab.evaluate("""() => {
      const tip = [...document.querySelectorAll(".md-tooltip2__inner, .md-tooltip__inner")]
        .find(el => el.textContent.trim());
      return tip ? parseFloat(getComputedStyle(tip).fontSize) : null; }""")
    found["menu"] = menu_open_level(tab, base)
    found["bad_tab_stops"] = bad_tab_stops(tab, base)
    found["back_to_top_over_field"] = back_to_top_over_field(tab, base)

    tab.goto(base + HOME, wait_until="networkidle")
    tab.wait_for_timeout(1500)
    found["service_worker"] = tab.evaluate(
        "async () => 'serviceWorker' in navigator && (await navigator.serviceWorker.getRegistrations()).length > 0")
    context.close()
    return found


def measure(site: Path, browser=None, prefix: str = "") -> dict:
    with chromium(browser) as browser, serve(site) as base:
        found = browser_measures(browser, base + prefix)
    found["glossary"] = glossary_marks(site)
    found["footer_links_leaving_section"] = footer_links_leaving_section(site)
    return found


def rows_of(m: dict) -> list[tuple[str, object, str]]:
    yes = lambda ok: "yes" if ok else "no"  # noqa: E731
    return [
        ("Home links to every week", yes(not m["home_missing_weeks"]) +
         (f" (missing {len(m['home_missing_weeks'])} of {len(WEEKS)})" if m["home_missing_weeks"] else ""), "yes"),
        ("Home links to the tools", yes(m["home_links_to_tools"]), "yes"),
        ("Programme: first week link, px down", m["programme_first_week_link_y"], "< 1600"),
        ("Pacing planner: first field, px down", m["planner_first_field_y"], "< 1200"),
        ("Module: body text px", m["body_text_px"], ""),
        ("Module: smallest box/table text px", f"{m['smallest_box_or_table_text_px']:g} ({m['smallest_text_is']})", ">= 16"),
        ("Glossary tooltip px", m["tooltip_px"], ">= 16"),
        ("Glossary marks in headings (all pages)", len(m["glossary"]["in_headings"]), "0"),
        ("Terms marked twice on a page (all pages)", len(m["glossary"]["repeated"]), "0"),
        ("Footer prev/next leaving the section", len(m["footer_links_leaving_section"]), "0"),
        ("Phone menu: levels deep when opened", m["menu"]["deepest_level_shown"], ""),
        ("Phone menu: top level on screen", yes(m["menu"]["top_level_on_screen"]), "yes"),
        ("Hidden/off-screen stops in 25 Tabs", len(m["bad_tab_stops"]), "0"),
        ("Back to top over a planner field (positions)", m["back_to_top_over_field"], "0"),
        ("Service worker after first visit", yes(m["service_worker"]), "yes"),
    ]


def main() -> int:
    from painsite import languages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--lang", nargs="*", default=languages.codes(), help="languages to measure")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what each count is made of")
    args = parser.parse_args()
    found = {code: measure(args.site.resolve(), prefix=languages.by_code(code).prefix) for code in args.lang}
    print(f"Phone journey at {PHONE['width']}x{PHONE['height']}, site {args.site}")
    print(f"{'measure':46} " + " ".join(f"{code:>24}" for code in args.lang) + "  target")
    table = {code: rows_of(m) for code, m in found.items()}
    for i, (name, _, target) in enumerate(table[args.lang[0]]):
        print(f"{name:46} " + " ".join(f"{str(table[code][i][1]):>24}" for code in args.lang) + f"  {target}")
    if args.verbose:
        for code, m in found.items():
            for key in ("home_missing_weeks", "bad_tab_stops", "footer_links_leaving_section"):
                print(f"\n{code} {key}:", *m[key], sep="\n  ")
            for key, items in m["glossary"].items():
                print(f"\n{code} glossary {key}:", *items[:40], sep="\n  ")
    return 0

if __name__ == "__main__":
    sys.exit(main())
