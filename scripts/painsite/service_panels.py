"""Service panels: the parts of a page that come from the service profile.

A page asks for a panel with a line of its own, `<!-- service: NAME -->`; the panel is rendered
from overrides/partials/service/NAME.html with the profile and the interface words of the page's
language. Rendering uses a Jinja environment with autoescaping on, so no profile value can
become markup.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import generator, languages
from .pages import rel
from .paths import ROOT

MARKER = re.compile(r"^<!--\s*service:\s*(?P<name>[a-z-]+)\s*-->[ \t]*$", re.M)
PANELS = ROOT / "overrides" / "partials" / "service"


class PanelError(Exception):
    pass


def names() -> list[str]:
    return sorted(p.stem for p in PANELS.glob("*.html") if not p.stem.startswith("_"))


@functools.lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PANELS)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["tel"] = lambda number: "tel:+44" + re.sub(r"\D", "", str(number))[1:]
    return env


def local(lang: str):
    """Jinja filter: a profile text in the page's language. A text given only in English is
    marked lang="en" on pages of other languages, so screen readers pronounce it right."""
    def pick(value):
        if isinstance(value, dict):
            if lang in value:
                return escape(value[lang])
            value = value.get("en", "")
        if lang == languages.default_language().code:
            return escape(value)
        return Markup('<span lang="en" dir="ltr">{}</span>').format(value)
    return pick


class _Words(dict):
    """The language's interface words. A missing one stops the build by name: a silent blank
    would leave a label out of a page in one language only."""

    def __getitem__(self, key):
        if key not in self:
            raise PanelError(f"The interface word '{key}' is missing from extra.ui of this language "
                             f"in mkdocs.yml. Fix: add it to every language's extra.ui.")
        return dict.__getitem__(self, key)

    __getattr__ = __getitem__


def render(name: str, profile: dict, ui: dict, lang: str, root: str = "", here: str = "") -> str:
    """One panel as HTML. root is the way from the page to the site's root ("../../"), for
    links to other pages, which panels write as built addresses; here is the page's own address."""
    env = _environment()
    template = env.get_template(f"{name}.html")
    html = template.render(service=profile, ui=_Words(ui), lang=lang, local=local(lang), root=root,
                           here=here, languages=languages.languages())
    # One line: Python-Markdown keeps a raw HTML block whole only up to a blank line.
    return "\n".join(line for line in html.splitlines() if line.strip())


def fill(markdown: str, page, config) -> str:
    # The language of the page's text: English on a page shown untranslated, so the panel's
    # words match the text around it (the page marks that text lang="en").
    lang = generator.text_language(page.file) or languages.current(config).code
    words = languages.ui(lang)
    known = names()

    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in known:
            line = markdown[: match.start()].count("\n") + 1
            raise PanelError(f"{rel(Path(page.file.abs_src_path))}: line {line} of the page body asks for "
                             f"the service panel '{name}', which does not exist. Fix: use one of "
                             f"{', '.join(known)}.")
        try:
            html = render(name, config.extra["service"], words, lang, "../" * page.url.count("/"), page.url)
        except PanelError as exc:
            raise PanelError(f"overrides/partials/service/{name}.html ({lang}): {exc}") from None
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise PanelError(f"overrides/partials/service/{name}.html{f':{line}' if line else ''}: "
                             f"the panel template is broken ({exc}). Fix: correct the template; "
                             f"the Jinja documentation explains the message.") from None
        return f"\n{html}\n"

    return MARKER.sub(replace, markdown)
