"""Build hook: the glossary page lists the same terms that show as tooltips on every page.

Terms are written once, as abbreviations, in docs/includes/glossary-<language>.md; pymdownx.snippets
appends those files to every page, so the abbr extension shows a tooltip wherever a term appears.
This hook turns the same file into the definition list on the glossary page.
"""
from pathlib import Path

import _path  # noqa: F401

from painsite import glossary, languages


def on_page_markdown(markdown, page, config, files):
    if getattr(page.file, "norm_src_uri", page.file.src_uri) != "glossary.md":
        return markdown
    lang = getattr(page.file, "locale", languages.default_language().code)
    terms = glossary.terms(Path(config.docs_dir), lang)
    listing = "\n\n".join(f"{term}\n:   {definition}" for term, definition in terms.items())
    return f"{markdown.rstrip()}\n\n<div class=\"glossary\" markdown>\n\n{listing}\n\n</div>\n"
