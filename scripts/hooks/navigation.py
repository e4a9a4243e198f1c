"""Build hook: the page footer's "Previous" and "Next" stay within the reader's section of the
menu, and the table of contents' toggle always has a name.

Material links every page to its neighbours in the whole menu, so the GP page offered
"Previous: Week 9". Here a neighbour in another top-level section is dropped. A page with no
headings gets Material's table-of-contents checkbox without its label; it is given the name of
the table of contents (Material's own words, in the page's language).
"""
import re


def _section(page):
    """The top-level menu entry a page sits under (the page itself for a top-level page)."""
    node = page
    while getattr(node, "parent", None) is not None:
        node = node.parent
    return node


def on_page_context(context, page, config, nav):
    here = _section(page)
    if page.previous_page is not None and _section(page.previous_page) is not here:
        page.previous_page = None
    if page.next_page is not None and _section(page.next_page) is not here:
        page.next_page = None
    return context


_TOC_INPUT = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
_TOC_NAME = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="([^"]+)"')


def on_post_page(output, page, config):
    if _TOC_INPUT in output and 'for="__toc"' not in output:
        name = _TOC_NAME.search(output)
        if name:
            output = output.replace(_TOC_INPUT, _TOC_INPUT[:-1] + f' aria-label="{name.group(1)}">', 1)
    return output
