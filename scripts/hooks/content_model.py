"""Build hook: validate every page's front matter and structure before anything is built.

Runs once per build over all languages (in the default language's pass; in a parallel build,
each language's process checks its own pages), so one run reports every problem. Pages are
checked again only when they change, which keeps `mkdocs serve` quick. Errors stop the build before a file is written; warnings (a review due soon, a
translation older than its English page) are printed but do not fail a --strict build.

The HTML that Markdown makes of each page is checked against the same allow-list as raw HTML
(scripts/painsite/html_policy.py) as each page is rendered; those errors stop the build once
every page is rendered, still before any page is written (on_env).
"""
import logging
import os
from pathlib import Path

import _path  # noqa: F401  (makes scripts/painsite importable)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from painsite import content_checks, languages, pages

_rendered: dict[str, content_checks.Problem] = {}  # problems in the HTML of this build's pages

log = logging.getLogger("painsite.content")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False  # outside mkdocs' logger, so --strict does not count these warnings


def on_pre_build(config):
    one = languages.one_language()
    if not one and not languages.current(config).default:
        return  # already checked, for every language, in the default language's pass
    # In a parallel build each language's process checks that language's pages.
    problems, _ = content_checks.check_all(Path(config.docs_dir), only=[one] if one else None)
    _stop_on(problems)


def _stop_on(problems) -> None:
    errors = [p for p in problems if p.severity == "error"]
    for warning in (p for p in problems if p.severity == "warning"):
        log.warning(str(warning))
    # Unsafe markup and pages MkDocs cannot read safely stop every build, `make check` too.
    if errors and os.environ.get("CONTENT_ERRORS") == "warn" and not any(p.fatal for p in errors):
        # `make check` only: a page someone else is half-way through writing should not stop
        # the preview of yours. Every other build stops here.
        for error in errors:
            logging.getLogger("mkdocs.painsite").warning(str(error))
        return
    if errors:
        listing = "\n".join(f"  {p}" for p in errors)
        raise PluginError(f"{len(errors)} content problem(s) stop the build:\n{listing}")


@event_priority(100)  # before other hooks add their own markup (QR codes) to the page
def on_page_content(html, page, config, files):
    path = Path(page.file.abs_src_path or "")
    if path.suffix == ".md" and path.is_file():
        try:
            source = pages.read(path, Path(config.docs_dir))
        except pages.PageError:
            return html  # reported by on_pre_build
        for problem in content_checks.rendered_problems(source, html):
            _rendered[str(problem)] = problem  # an English page shown in each language: once
    return html


def on_env(env, config, files):
    # Every page is rendered and none is written yet.
    problems = list(_rendered.values())
    _rendered.clear()
    if problems:
        _stop_on(problems)
    return env
