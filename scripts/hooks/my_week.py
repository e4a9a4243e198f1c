"""Build hook: "My week" and the short version of each module (issue 16, items 1 and 2).

- Week pages (programme/week-N.md, the information session and the follow-up) carry `read:`,
  `practise:` and `tool:` in their front matter. The home page and Start here get, for every
  week, a hidden block with its sessions (the page's "Session N" headings), the one page to
  read, the one thing to practise and the tool for it (overrides/partials/my-week.html).
  docs/assets/my-week.js shows the week the reader chose; the choice stays in localStorage.
- A module's `week:` shows as "Part of week N" above its title, linked to the week page, with a
  "Short version: key points only" link (overrides/partials/module-week.html). That link goes to
  #short-version on the same page; docs/assets/site.css then shows only the title, the Key points
  box (given the class key-points here) and a way back to the full page (`:target`), so it works
  without JavaScript. Both sit outside the page's text, so they are in the reader's language
  on an untranslated page, and the workbook leaves them out.
"""
import posixpath
import re

import _path  # noqa: F401
from mkdocs.utils import get_relative_url

from painsite import generator, languages

WEEK_IDS = ("information-session", *(f"week-{n}" for n in range(1, 10)), "follow-up")
HOME = "index.md"
START_HERE = "participants/start-here.md"
TOOLS = "tools/index.md"
SESSION = re.compile(r"^## (.+?)\s*\{\s*#(session-\d+)\s*\}\s*$", re.M)
KEY_POINTS = re.compile(r"^!!! note (\"[^\"\n]*\")\s*$", re.M)

_pages: dict[str, dict[str, dict]] = {}  # language -> source path -> title, url, fallback
_weeks: dict[str, dict[str, dict]] = {}  # language -> week id -> what the week page says


def _norm(page) -> str:
    return generator.source_uri(page.file)


def _week_id(norm: str) -> str | None:
    if norm.startswith("programme/"):
        stem = posixpath.splitext(posixpath.basename(norm))[0]
        if stem in WEEK_IDS:
            return stem
    return None


def on_page_markdown(markdown, page, config, files):
    lang = languages.current(config).code
    norm = _norm(page)
    meta = page.meta
    fallback = bool(meta.get("_fallback"))
    _pages.setdefault(lang, {})[norm] = {
        "title": meta.get("title") or page.title or "", "url": page.url, "fallback": fallback}

    week_id = _week_id(norm)
    if week_id:
        meta["_week_id"] = week_id
        _weeks.setdefault(lang, {})[week_id] = {
            "sessions": SESSION.findall(markdown), "read": meta.get("read"),
            "practise": meta.get("practise"), "tool": meta.get("tool"), "fallback": fallback}

    if meta.get("page_type") != "module":
        return markdown
    # The Key points box gets a class of its own, so the short version can show it alone.
    markdown = KEY_POINTS.sub(r"!!! note key-points \1", markdown, count=1)
    return markdown


def _link(target: str, lang: str, from_url: str) -> dict | None:
    info = _pages.get(lang, {}).get(target)
    if info is None:
        return None
    return {"title": info["title"], "href": get_relative_url(info["url"], from_url),
            "en": ' lang="en" dir="ltr"' if info["fallback"] and lang != "en" else ""}


def on_page_context(context, page, config, nav):
    norm = _norm(page)
    if norm not in (HOME, START_HERE):
        return context
    lang = languages.current(config).code
    items = []
    for week_id in WEEK_IDS:
        week = _weeks.get(lang, {}).get(week_id)
        own = _link(f"programme/{week_id}.md", lang, page.url)
        if week is None or own is None:
            continue
        en = ' lang="en" dir="ltr"' if week["fallback"] and lang != "en" else ""
        items.append({
            "id": week_id, "title": own["title"], "href": own["href"], "en": en,
            "sessions": [{"text": text, "href": f"{own['href']}#{anchor}"}
                         for text, anchor in week["sessions"]],
            "read": _link(week["read"], lang, page.url) if week["read"] else None,
            "practise": week["practise"],
            "tool": _link(week["tool"], lang, page.url) if week["tool"] else None,
        })
    home = _link(HOME, lang, page.url)
    tools = _link(TOOLS, lang, page.url)
    page.meta["_my_week"] = items
    page.meta["_my_week_grid"] = "#weeks" if norm == HOME or home is None else f"{home['href']}#weeks"
    page.meta["_my_week_tools"] = tools
    return context

