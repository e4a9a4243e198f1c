"""Shared fixtures: one build of the whole site per test run, a local web server, a browser.

The site is built once, into pytest's temporary folder, even when tests run in parallel
(pytest-xdist): the first worker builds under a file lock, the others reuse the result.
Set TEST_SITE_DIR to an existing build (for example site/) to skip the build while iterating.
"""
from __future__ import annotations

import fcntl
import functools
import json
import os
from pathlib import Path

import pytest

from painsite import build as site_build
from painsite import languages
from painsite.serve import serve

from painsite.browser import CHROMIUM, CHROMIUM_ARGS, launch  # noqa: F401 (re-exported for tests)


def _run_folder(tmp_path_factory) -> Path:
    """This test run's temporary folder, the same for every xdist worker.

    Workers get basetemp/popen-gwN, so their parent is the run's folder; without xdist basetemp
    itself is the run's folder (its parent holds earlier runs, whose results must not be reused).
    """
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(tmp_path_factory, name: str, compute):
    """compute() once per test run, even with parallel workers: the first worker to get here
    computes it under a file lock and stores it as JSON; the others read the stored result."""
    shared = _run_folder(tmp_path_factory)
    record = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            record.write_text(json.dumps(compute()))
        return json.loads(record.read_text())


@pytest.fixture(scope="session")
def site_build_result(tmp_path_factory):
    """The build of every language, with its warnings; built once per run."""
    if os.environ.get("TEST_SITE_DIR"):
        site = Path(os.environ["TEST_SITE_DIR"]).resolve()
        return site_build.BuildResult(0, 0.0, site, "", [])
    site = _run_folder(tmp_path_factory) / "site"

    def compute():
        result = site_build.build(site)
        return {"returncode": result.returncode, "seconds": result.seconds,
                "output": result.output, "problems": result.problems}

    data = once_per_run(tmp_path_factory, "build", compute)
    return site_build.BuildResult(data["returncode"], data["seconds"], site, data["output"],
                                  [tuple(p) for p in data["problems"]])


@pytest.fixture(scope="session")
def readability_scores(tmp_path_factory, built_site):
    """Readability of every built page, scored once per run (it takes about a minute)."""
    from dataclasses import asdict

    from painsite import readability

    data = once_per_run(tmp_path_factory, "readability",
                        lambda: [asdict(s) for s in readability.score_site(built_site)])
    return [readability.Score(**{**item, "failures": tuple(item["failures"])}) for item in data]


@pytest.fixture(scope="session")
def built_site(site_build_result) -> Path:
    """Path of the built site. Fails (rather than skips) the tests that need it if the build failed."""
    if site_build_result.returncode != 0:
        pytest.fail(f"The site did not build:\n{site_build_result.report()}")
    return site_build_result.site_dir


@pytest.fixture(scope="session")
def server_url(built_site) -> str:
    """The built site served over HTTP on 127.0.0.1, as a web host would serve it."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Playwright's own browser downloads are never used."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def docs_copy(tmp_path):
    """A copy of the real docs folder to break on purpose."""
    import shutil

    from painsite.paths import DOCS
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


def soup_of(path: Path):
    """A built page, parsed once per test process and shared by every test that reads it: one pass
    over the whole site takes about 3.5 s, and several tests read every page. It is shared, so read
    it and never change it; copy.copy() the part a test must change."""
    info = path.stat()
    return _soup(path, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=None)
def _soup(path: Path, _mtime: int, _size: int):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (404 page included)."""
    return sorted(site.rglob("*.html"))


def page_url(site: Path, html: Path) -> str:
    """The URL path of a built page, as a reader would type it."""
    rel = html.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


LANGUAGES = languages.languages()

# On a Polish or Urdu page with no translation yet, the English text sits in this block
# (overrides/main.html). Axe checks that text on the English page only (test_browser.py), which
# is fair because test_i18n.py proves the block is the English page's markup, tag for tag.
ENGLISH_FALLBACK = 'article > div[lang="en"]'


AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}


def axe_run(page, where: str | dict | None = None):
    """axe-core (WCAG 2.0 to 2.2, levels A and AA) on the page as shown now, or on a part of it
    (a CSS selector or axe context). axe is injected once per page load."""
    from axe_playwright_python.base import AxeResults
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(Axe().axe_script)
    return AxeResults(page.evaluate("([where, options]) => axe.run(where ?? document, options)",
                                    [where, AXE_OPTIONS]))


def fid(tool: str, part: str, row=None, key: str | None = None) -> str:
    """A worksheet field's element id, read from the tool's definition (docs/includes/worksheets/):
    a part's, or a table cell's by row id and column key. Tests never spell field ids out."""
    from painsite import worksheets
    return worksheets.definition(tool).element_id(part, row, key)
