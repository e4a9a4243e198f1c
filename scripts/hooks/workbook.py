"""Build hook: the workbook, every participant module in programme order on one printable page.

Each language gets workbook/ (pl/workbook/, ...), laid out by overrides/partials/workbook.html: a
cover (site name, "Your workbook", the programme, the date it was made), a contents list, then one
section per module with its sources and review dates, each starting on a new sheet when printed. The modules and their order are the "Modules" section of `nav` in
mkdocs.yml; nothing else lists them. A module without a translation is shown in English, marked
lang="en" dir="ltr", under the same notice the site shows (overrides/partials/page-notices.html).
`make pdf` (scripts/make_pdf.py) prints these pages to PDF.

How: the page is a generated file added to each language's build, not in the nav and not in search
(its text is the modules' text, already found on their own pages). Once every page's Markdown is
rendered, the modules' HTML is put together (scripts/painsite/workbook.py gives each module's ids a
prefix and rewrites its links). It carries no page-audience, so readability is not scored twice:
each module is scored on its own page.
"""
import datetime as dt
import os
from pathlib import Path

import _path  # noqa: F401
from babel.dates import format_date
from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from painsite import command, generator, languages, pages, workbook

DATE_LOCALES = {"en": "en_GB"}  # as in i18n_pages.py: 23 November 2026

_files = None  # this language's files, kept from on_files for on_page_context
_made: dict = {}  # workbook HTML and contents by the versions of its modules (while serving)


def _url(prefix: str, config) -> str:
    return f"{prefix}{workbook.SLUG}/" if config.use_directory_urls else f"{prefix}{workbook.SLUG}.html"


def made_on() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    global _files
    lang = languages.current(config)
    title = config.extra["ui"]["workbook"].replace('"', '\\"')
    description = config.extra["ui"]["workbook_intro"].replace('"', '\\"')
    page = File.generated(config, f"{lang.prefix}{workbook.SLUG}.md",
                          content=f'---\ntitle: "{title}"\ndescription: "{description}"\n'
                                  f'search:\n  exclude: true\n---\n',
                          inclusion=InclusionLevel.NOT_IN_NAV)
    built = generator.languages_built(config) or languages.codes()
    generator.mark_generated(page, lang.code, lang.default, f"{workbook.SLUG}.md",
                             {other.code: _url(other.prefix, config)
                              for other in languages.languages() if other.code in built})
    page.workbook = True
    files.append(page)
    _files = files
    return files


def _notices(config):
    template = config.theme.get_env().get_template("partials/page-notices.html")
    return lambda module: template.render(page=module, config=config).strip()


def _trust_panels(config):
    """Each module's own footer (overrides/partials/page-info.html): its sources, review dates and
    who checked it, so the workbook, and the PDF a patient is given, carries them too."""
    template = config.theme.get_env().get_template("partials/page-info.html")
    return lambda module: template.render(page=module, config=config).strip()


@event_priority(100)  # before other plugins read the page (search, mkdocs-static-i18n)
def on_page_context(context, page, config, nav):
    if not getattr(page.file, "workbook", False):
        return context
    lang = languages.current(config)
    ui = config.extra["ui"]
    paths = workbook.section_pages(config.nav)
    date = made_on()
    key = None
    if command.dirty():
        # `mkdocs serve --dirty`: put the workbook together again only when a module changed.
        sources = [_files.get_file_from_path(path) for path in paths]
        key = (lang.code, date, tuple((f.abs_src_path, pages.stamp(Path(f.abs_src_path)))
                                      for f in sources if f is not None and f.abs_src_path))
        if key in _made:
            page.content, page.toc = _made[key]
            return context
    modules = []
    for path in paths:
        file = _files.get_file_from_path(path)
        if file is not None and file.page is not None and file.page.content is None:
            # `mkdocs serve --dirty` renders only the pages edited since the last build; the
            # workbook still needs the others' HTML, so render them here, as MkDocs would.
            generator.render(file.page, config, _files)
        if file is None or file.page is None or file.page.content is None:
            raise ValueError(f"workbook: the module {path} in nav was not built")
        modules.append((workbook.module_slug(path), file.page))
    addresses = {module.url: slug for slug, module in modules}
    notice, trust = _notices(config), _trust_panels(config)
    date_text = format_date(date, format="long", locale=DATE_LOCALES.get(lang.code, lang.code))
    help_url = workbook.relative_url(f"{lang.prefix}get-help-now/" if config.use_directory_urls
                                     else f"{lang.prefix}get-help-now.html", page.url)
    listed, toc = [], []  # toc: the sidebar's table of contents, one entry per module
    for slug, module in modules:
        # The footer goes through the same rewriting: its ids get the module's prefix.
        body = workbook.module_html(module.content + trust(module), slug, module.url, page.url, addresses)
        # Titles are escaped Markup already (scripts/hooks/front_matter_text.py): escape() keeps
        # them as they are, where html.escape would escape them twice.
        title = escape(module.title)
        listed.append({"slug": slug, "title": title, "english": bool(module.meta.get("_fallback")),
                       "notice": notice(module), "body": body})
        toc.append(AnchorLink(title, slug, 2))  # the theme prints it unescaped
    page.content = config.theme.get_env().get_template("partials/workbook.html").render(
        config=config, modules=listed, made=date, made_text=date_text, help_url=help_url)
    top = AnchorLink(ui["workbook"], "page-title", 1)
    top.children = toc
    page.toc = TableOfContents([top])
    if key is not None:
        _made[key] = (page.content, page.toc)
    return context
