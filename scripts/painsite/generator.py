"""The seam between this project and its generator.

This is the only code that reads or writes what MkDocs 1.6 and mkdocs-static-i18n 1.3 do not
offer as public API: the i18n plugin's language loop (current_language, building,
build_languages), the attributes static-i18n puts on each File (locale, locale_alternate_of,
localization, norm_src_uri, alternates), and MkDocs' private _populate_page. Hooks and tools ask
here instead, so that an upgrade, or a move to ProperDocs or Zensical, changes this one file;
tests/test_generator_seam.py pins each thing it relies on and fails by name when one goes.
"""
from __future__ import annotations

from types import SimpleNamespace


def _i18n(config):
    return config.plugins.get("i18n")


# --- static-i18n's loop over languages -----------------------------------------------------------

def building_language(config) -> str | None:
    """The language static-i18n is building now (None outside its loop, before it starts)."""
    return getattr(_i18n(config), "current_language", None)


def start_with(config, code: str) -> None:
    """Make static-i18n build `code` first (it always starts with the default language)."""
    plugin = _i18n(config)
    if plugin is not None and plugin.current_language is None:
        plugin.current_language = code


def in_language_loop(config) -> bool:
    """True while static-i18n is looping over the other languages (site-wide files not final)."""
    return bool(getattr(_i18n(config), "building", False))


def skip_other_languages(config) -> None:
    """static-i18n skips its loop over the other languages while it thinks it is in it."""
    plugin = _i18n(config)
    if plugin is not None:
        plugin.building = True


def languages_built(config) -> list[str] | None:
    """The languages this build makes (static-i18n's build_languages), or None when unknown."""
    return getattr(_i18n(config), "build_languages", None)


# --- the attributes static-i18n gives each file -------------------------------------------------

def text_language(file) -> str | None:
    """The language a file's text is in (an English file shown on a Polish page says 'en')."""
    return getattr(file, "locale", None)


def source_uri(file) -> str:
    """The file's path inside its language folder ('participants/pacing.md' for pl/... too)."""
    return getattr(file, "norm_src_uri", file.src_uri)


def mark_generated(file, code: str, default: bool, slug: str, alternate_urls: dict[str, str]) -> None:
    """Give a file the hooks make (the workbook) what static-i18n gives its own files, so the
    language switcher goes to the same file in the other languages and hooks know its language."""
    file.locale = file.locale_alternate_of = code
    file.localization = None if default else code
    file.norm_src_uri = slug
    file.alternates = {other: SimpleNamespace(url=url) for other, url in alternate_urls.items()}


# --- MkDocs -------------------------------------------------------------------------------------

def render(page, config, files) -> None:
    """Read and convert one page as MkDocs' build does (under `mkdocs serve --dirty` only edited
    pages are rendered, and the workbook needs the others' HTML)."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)
