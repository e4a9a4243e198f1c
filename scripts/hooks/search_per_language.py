"""Build hook: one search index per language, with participants' pages first.

Here each page's audience and kind are remembered as it is built; the finishing pass
(scripts/hooks/finish.py, painsite.finish) then splits the joint index with them
(painsite.search_index says how and why).
"""
import _path  # noqa: F401

from painsite import finish


def on_page_markdown(markdown, page, config, files):
    """Remember each page's audience and kind; the finishing pass (painsite.finish) splits the
    index with them (painsite.search_index)."""
    meta = page.meta or {}
    finish.GATHERED.search_pages[page.url] = (str(meta.get("audience") or ""), str(meta.get("page_type") or ""))
    return markdown
