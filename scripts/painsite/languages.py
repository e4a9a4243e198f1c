"""The languages the site is built in, read from the i18n plugin entry in mkdocs.yml.

mkdocs.yml stays the one place that lists languages: adding a language there (plus its files)
is enough for every check here to include it.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from .site_config import mkdocs_config

# painsite.build runs one MkDocs process per language, each with this set to its language code
# (scripts/hooks/i18n_pages.py makes mkdocs-static-i18n build that language only), then merges them.
ONE_LANGUAGE_ENV = "PAINSITE_ONE_LANGUAGE"

# Scripts written right to left. Material sets dir="rtl" from theme.direction; tests use this
# to know which pages must carry it.
RTL_LOCALES = {"ar", "fa", "he", "ur"}

# Languages whose script the site sets in a web font of its own (docs/assets/fonts/, made by
# scripts/make_urdu_font.py; docs/assets/site.css applies it by the page's lang). The file's
# name carries a hash of its bytes: <name>.<hash>.woff2.
WEB_FONTS = {"ur": "noto-nastaliq-urdu"}


def web_font(code: str) -> str | None:
    """Site-relative path of a language's web font ("assets/fonts/noto-nastaliq-urdu.1a2b3c4d.woff2")."""
    from .paths import DOCS

    name = WEB_FONTS.get(code)
    found = sorted((DOCS / "assets" / "fonts").glob(f"{name}.*.woff2")) if name else []
    return f"assets/fonts/{found[0].name}" if found else None


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool

    @property
    def rtl(self) -> bool:
        return self.code in RTL_LOCALES

    @property
    def prefix(self) -> str:
        """Path prefix of this language in the built site ('' for the default language)."""
        return "" if self.default else f"{self.code}/"


@functools.lru_cache(maxsize=None)
def languages() -> tuple[Language, ...]:
    for plugin in mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return tuple(
                Language(code=entry["locale"], name=entry["name"], default=bool(entry.get("default")))
                for entry in plugin["i18n"]["languages"]
            )
    raise RuntimeError("mkdocs.yml: no i18n plugin with languages found")


def entry(code: str) -> dict:
    """A language's own settings: its entry under the i18n plugin in mkdocs.yml."""
    for plugin in mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for found in plugin["i18n"]["languages"]:
                if found["locale"] == code:
                    return found
    raise KeyError(f"mkdocs.yml: no language '{code}'")


def ui(code: str) -> dict:
    """A language's interface words (extra.ui of its entry in mkdocs.yml)."""
    return dict((entry(code).get("extra") or {}).get("ui") or {})


def default_language() -> Language:
    return next(lang for lang in languages() if lang.default)


def codes() -> list[str]:
    return [lang.code for lang in languages()]


@functools.lru_cache(maxsize=None)
def site_url() -> str:
    return mkdocs_config()["site_url"]


# British date order for English ("23 November 2026"); other languages use their own.
DATE_LOCALES = {"en": "en_GB"}


def long_date(value, code: str) -> str:
    """A date as the language writes it in full: 23 November 2026, 23 listopada 2026, ..."""
    import datetime as dt

    from babel.dates import format_date

    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="long", locale=DATE_LOCALES.get(code, code))


def by_code(code: str) -> Language:
    return next(lang for lang in languages() if lang.code == code)


def current(config) -> Language:
    """The language mkdocs-static-i18n is building now (the default one outside the plugin)."""
    from . import generator

    code = generator.building_language(config)
    return by_code(code) if code else default_language()


def more_languages_to_build(config) -> bool:
    """True inside mkdocs-static-i18n's loop over languages: site-wide files are not final yet.

    Hooks that write something for the whole site (search indexes, headers, zips) run their
    on_post_build at a priority below the plugin's (-100) and return early while this is true.
    """
    if one_language():
        return False  # one language's process of a parallel build: no loop
    from . import generator

    return generator.in_language_loop(config)


def one_language() -> str | None:
    """The language code when this MkDocs process builds one language of a parallel build."""
    return os.environ.get(ONE_LANGUAGE_ENV) or None


def site_complete(config) -> bool:
    """True when this process has written the whole site: the end of a normal `mkdocs build`.

    False inside static-i18n's loop, and in one language's process of a parallel build, where
    painsite.build does the site-wide work (headers, zips) after merging the languages.
    """
    return not more_languages_to_build(config) and one_language() is None
