"""Build hook: a page's title and description are plain text, made HTML-safe for the templates.

MkDocs renders templates with Jinja's autoescaping off, and Material prints page.meta.title,
page.meta.description and page titles in the navigation without escaping them, so a title such
as `x"><script>...` would become markup in <title>, <meta>, the header, the menus and the search
index. The schema already refuses < and > in these fields (scripts/painsite/page.schema.json);
this is the second line of defence, and what keeps quotes and ampersands shown as written.
Once every other hook has read the page (lowest priority), both values become
markupsafe.Markup: escaped once, never twice (see scripts/painsite/plain_text.py).
"""
import _path  # noqa: F401
from mkdocs.plugins import event_priority

from painsite import plain_text


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = plain_text.for_html(page.meta[key])
    return markdown
