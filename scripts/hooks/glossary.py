"""Build hook: glossary terms as tooltips on every page, and as a list on the glossary page.

Terms are written once per language, as abbreviations, in docs/includes/glossary-<language>.md.
Before each page is converted, this hands the abbr extension the glossary of the language the
page's text is in (its own `glossary` option), so the extension shows a tooltip wherever a term
appears: Polish terms on Polish pages, English terms on an English page shown in place of a
missing translation. Passing the terms as a setting, not as Markdown appended to every page, also
spares the parser from reading the whole glossary again for each page.
The same terms become the definition list on the glossary page.
"""
import functools
from pathlib import Path

import _path  # noqa: F401

from painsite import glossary, languages


@functools.lru_cache(maxsize=None)
def _terms(docs: str, lang: str, mtime: float) -> dict[str, str]:
    return glossary.terms(Path(docs), lang)  # mtime in the key: `mkdocs serve` sees edits


def _terms_for(config, lang: str) -> dict[str, str]:
    path = glossary.glossary_file(Path(config.docs_dir), lang)
    return _terms(config.docs_dir, lang, path.stat().st_mtime if path.exists() else 0.0)


def on_page_markdown(markdown, page, config, files):
    text_lang = getattr(page.file, "locale", None) or languages.current(config).code
    # mkdocs makes a new Markdown converter for each page from config.mdx_configs.
    config.mdx_configs["abbr"] = {"glossary": _terms_for(config, text_lang)}
    if getattr(page.file, "norm_src_uri", page.file.src_uri) != "glossary.md":
        return markdown
    listing = "\n\n".join(f"{term}\n:   {definition}" for term, definition in _terms_for(config, text_lang).items())
    return f"{markdown.rstrip()}\n\n<div class=\"glossary\" markdown>\n\n{listing}\n\n</div>\n"
