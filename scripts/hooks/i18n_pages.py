"""Build hook: what each page shows around its Markdown, in the reader's language.

- adds the page title as the one <h1>, with a fixed id, so the skip link and the title match;
- gives a translation the English page's review dates and sources (translations keep only a
  small front matter) and says whether the English page changed since it was translated;
- formats review dates for the page's language;
- tells the templates where this language's pages start (for the "Get help now" link), and points
  Material's search at this language's own index (see search_per_language.py).
"""
import datetime as dt
import re
from urllib.parse import urlsplit
from pathlib import Path

import _path  # noqa: F401
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import logging

from painsite import generator, languages, pages, plain_text, terms

log = logging.getLogger("mkdocs.hooks.i18n_pages")

INHERITED = ("audience", "page_type", "reviewed", "review_due", "reviewer_role", "sources",
             "short_link", "week", "read", "practise", "tool", "for_patients")


def _source_page(page, config):
    default = languages.default_language().code
    norm = generator.source_uri(page.file)
    path = Path(config.docs_dir) / default / norm
    if not path.exists():
        return None
    return pages.read(path, Path(config.docs_dir))


@event_priority(0)  # before mkdocs-static-i18n's on_config (-100) picks the language to build
def on_config(config):
    """In one language's process of a parallel build (painsite.build), build that language only.

    mkdocs-static-i18n always builds the default language first, and at its end loops over the
    others. Starting it on the chosen language makes it write that language into its usual folder
    (pl/, ur/, or the root for English); on_post_build below stops the loop. Every language stays
    marked to be built, so the language switcher and the sitemap's alternates still list them all.
    """
    # The web font of each language that has one: its pages ask for it early (overrides/main.html),
    # so that it is there at first paint and the text does not move when it arrives.
    fonts = {code: languages.web_font(code) for code in languages.codes()}
    config.extra["web_font"] = {code: path for code, path in fonts.items() if path}
    code = languages.one_language()
    if code and generator.building_language(config) is None:
        if code not in languages.codes():
            raise SystemExit(f"{languages.ONE_LANGUAGE_ENV}={code}: not a language in mkdocs.yml "
                             f"(one of {', '.join(languages.codes())})")
        generator.start_with(config, code)
    return config


def on_page_markdown(markdown, page, config, files):
    lang = languages.current(config).code
    file_locale = generator.text_language(page.file) or lang
    meta = page.meta
    meta["_lang"] = lang
    meta["_fallback"] = file_locale != lang  # English text shown because no translation exists
    if file_locale != languages.default_language().code:
        source = _source_page(page, config)
        if source is not None:
            for key in INHERITED:
                if key in source.meta:
                    meta.setdefault(key, source.meta[key])
            recorded = (meta.get("l10n") or {}).get("source_hash")
            meta["_stale"] = bool(recorded) and recorded != pages.source_hash(source.path)
            reviewer = (meta.get("l10n") or {}).get("reviewer")
            if isinstance(reviewer, dict) and reviewer.get("reviewed"):
                meta["_l10n_reviewed_text"] = languages.long_date(
                    dt.date.fromisoformat(str(reviewer["reviewed"])), lang)
    if meta["_fallback"] and meta.get("for_patients"):
        # An English-only page in another language's site points to the pages that are translated.
        docs, prefix = Path(config.docs_dir), languages.by_code(lang).prefix
        meta["_translated_instead"] = [
            {"url": get_relative_url(prefix + target.removesuffix(".md").removesuffix("index")
                                     + ("" if target.endswith("index.md") else "/"), page.url),
             "title": pages.read(docs / lang / target, docs).meta.get("title", "")}
            for target in meta["for_patients"] if (docs / lang / target).exists()]
    if isinstance(meta.get("reviewer_role"), str):
        try:  # the role is interface text: in the reader's language, from the term list
            meta["_reviewer_role_text"] = terms.role(lang, meta["reviewer_role"])
        except terms.TermListError as error:
            log.warning(str(error))
            meta["_reviewer_role_text"] = meta["reviewer_role"]
    for key in ("reviewed", "review_due"):
        value = meta.get(key)
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        if isinstance(value, dt.date):
            meta[f"_{key}_text"] = languages.long_date(value, file_locale if meta["_fallback"] else lang)
    # The title is plain text: escaped, so that no markup in it becomes part of the page.
    title = plain_text.for_markdown(meta.get("title") or page.title or "")
    # An English page shown in place of a missing translation: its title is English too.
    lang_attr = ' lang="en" dir="ltr"' if meta["_fallback"] and lang != languages.default_language().code else ""
    return f"# {title} {{ #page-title{lang_attr} }}\n\n{markdown}"


@event_priority(40)  # after mkdocs-static-i18n (50) has set this page's language links
def on_page_context(context, page, config, nav):
    # On home pages static-i18n leaves the switcher links as configured ("/", "/pl/"), which the
    # theme turns into absolute paths under site_url: they break when the site is served from
    # anywhere else. Written relative to the site root instead, the theme makes them page-relative.
    site_path = urlsplit(config.site_url or "/").path
    # static-i18n sets config.extra.alternate as an attribute, which is what the theme reads.
    for alternate in getattr(config.extra, "alternate", None) or []:
        if alternate["link"].startswith(site_path):
            alternate["link"] = alternate["link"][len(site_path):] or "./"
    lang = languages.current(config)
    context["lang_prefix"] = lang.prefix
    if lang.prefix:
        # Material fetches search/search_index.json relative to "base": use this language's index.
        context["base_url"] = f"{context['base_url'].rstrip('/')}/{lang.prefix}"
    return context


HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def on_post_page(output, page, config):
    # Material's script fetches <alternate>/sitemap.xml for every hreflang link in <head>, expecting
    # each to be a language's root. mkdocs-static-i18n makes them page addresses, so every page view
    # cost three requests that all failed (404, and a console error each). The language switcher
    # links already go to the same page in each language, and sitemap.xml carries the hreflang
    # alternates for search engines, so the <head> copies are dropped.
    return HEAD_ALTERNATE.sub("", output)


def on_post_template(output_content, template_name, config):
    # 404.html is rendered from a template, not a page, so on_post_page never sees it.
    return HEAD_ALTERNATE.sub("", output_content) if template_name == "404.html" else output_content


_default_404: bytes | None = None


@event_priority(-99)  # at the end of each language's build, before static-i18n (-100) starts the next
def on_post_build(config):
    """Give each language its own 404 page; in one language's process, build no other language.

    Every language build writes site/404.html, so the last language built would win and an
    English reader would get the Urdu 404 page. The default language's page is kept at
    site/404.html; the others move to site/<lang>/404.html (see the nginx configuration).
    Runs at the end of each language's build, before mkdocs-static-i18n starts the next one.
    """
    global _default_404
    if languages.one_language():
        generator.skip_other_languages(config)
    page = Path(config.site_dir) / "404.html"
    if not page.exists():
        return
    lang = languages.current(config)
    if lang.default:
        _default_404 = page.read_bytes()
        return
    (Path(config.site_dir) / lang.prefix).mkdir(parents=True, exist_ok=True)
    page.replace(Path(config.site_dir) / lang.prefix / "404.html")
    if _default_404 is not None:  # None in one language's process of a parallel build
        page.write_bytes(_default_404)
