"""Build hook: glossary terms as tooltips on every page, and as a list on the glossary page.

Terms are written once per language, as abbreviations, in docs/includes/glossary-<language>.md.
Before each page is converted, this hands the abbr extension the glossary of the language the
page's text is in (its own `glossary` option), so the extension shows a tooltip wherever a term
appears: Polish terms on Polish pages, English terms on an English page shown in place of a
missing translation. Passing the terms as a setting, not as Markdown appended to every page, also
spares the parser from reading the whole glossary again for each page.
The same terms become the definition list on the glossary page.

A language whose words change their ending (Polish: "zaostrzenie", "zaostrzenia", "zaostrzeniem")
lists each term's other forms under glossary_forms in its term list (docs/includes/terms-<lang>.yml);
each form shows the term's definition.

After conversion, a term is marked once per page (in any of its forms), where it is first used, and never in a heading:
a page full of dotted underlines is hard to read, and a mark in a heading reads as a link.
"""
import functools
import html
import logging
import re
from pathlib import Path

import _path  # noqa: F401

from painsite import generator, glossary, languages, terms as term_lists

log = logging.getLogger("mkdocs.hooks.glossary")


@functools.lru_cache(maxsize=None)
def _terms(docs: str, lang: str, mtime: float) -> dict[str, str]:
    return glossary.terms(Path(docs), lang)  # mtime in the key: `mkdocs serve` sees edits


def _terms_for(config, lang: str) -> dict[str, str]:
    path = glossary.glossary_file(Path(config.docs_dir), lang)
    return _terms(config.docs_dir, lang, path.stat().st_mtime if path.exists() else 0.0)


@functools.lru_cache(maxsize=None)
def _with_forms(docs: str, lang: str, stamp: tuple) -> dict[str, str]:
    found, unknown = glossary.marks(Path(docs), lang)  # stamp in the key: `mkdocs serve` sees edits
    for term in unknown:
        log.warning(f"{term_lists.path_of(lang).relative_to(Path(docs).parent)}: glossary_forms lists "
                    f"'{term}', which docs/includes/glossary-{lang}.md does not define. "
                    "Use the term exactly as the glossary writes it.")
    return found


def _marks_for(config, lang: str) -> dict[str, str]:
    path = glossary.glossary_file(Path(config.docs_dir), lang)
    forms = term_lists.path_of(lang)
    stamp = (path.stat().st_mtime if path.exists() else 0.0, forms.stat().st_mtime if forms.exists() else 0.0)
    return _with_forms(config.docs_dir, lang, stamp)


def on_page_markdown(markdown, page, config, files):
    text_lang = generator.text_language(page.file) or languages.current(config).code
    # mkdocs makes a new Markdown converter for each page from config.mdx_configs.
    config.mdx_configs["abbr"] = {"glossary": _marks_for(config, text_lang)}
    if generator.source_uri(page.file) != "glossary.md":
        return markdown
    listing = "\n\n".join(f"{term}\n:   {definition}" for term, definition in _terms_for(config, text_lang).items())
    return f"{markdown.rstrip()}\n\n<div class=\"glossary\" markdown>\n\n{listing}\n\n</div>\n"


# The abbr extension writes exactly `<abbr title="...">term</abbr>` (no nesting, title escaped),
# and headings never nest, so these patterns read its output safely and fast (no parse per page).
_ABBR = re.compile(r"<abbr\b([^>]*)>(.*?)</abbr>", re.S)
_HEADING = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1>", re.S)


def first_marks_only(content: str) -> str:
    """Unwrap every glossary mark in a heading, and every mark of a term already marked above."""
    content = _HEADING.sub(lambda h: _ABBR.sub(r"\2", h.group(0)), content)
    seen: set[str] = set()

    def keep_first(match):
        # One mark per definition: the forms of one term ("zaostrzenie", "zaostrzenia") share it.
        title = re.search(r'title="([^"]*)"', match.group(1))
        key = title.group(1) if title else html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).casefold()
        if key in seen:
            return match.group(2)
        seen.add(key)
        return match.group(0)

    return _ABBR.sub(keep_first, content)


def on_page_content(html_text, page, config, files):
    return first_marks_only(html_text)
