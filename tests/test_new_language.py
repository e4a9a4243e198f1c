"""A new language in one documented step (CONTRIBUTING.md, "Add a language").

A copy of the project gets a throwaway language, "cy", made from the Polish files. Each list the
step needs either follows the language list in mkdocs.yml by itself, or fails with a message
that names what is missing; once all of it is there, the language builds and passes the
language checks.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from painsite.paths import ROOT

CODE = "cy"  # a real locale (dates, the theme's own words), not yet a language of this site
SKIP = shutil.ignore_patterns(".git", ".venv", "site", "site.old", ".site-*", ".test-run", ".cache",
                              "reports", "dist", "__pycache__", "node_modules", ".pytest_cache")


def run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TEST_SITE_DIR", None)
    return subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True,
                          timeout=600)


def add_to_mkdocs_yml(copy: Path) -> None:
    """The language's entry: a copy of the Polish one under another code."""
    path = copy / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    polish = re.search(r"^        - locale: pl\n.*?(?=^        - locale: )", text, re.M | re.S).group(0)
    entry = polish.replace("locale: pl", f"locale: {CODE}").replace("BUILD_PL", "BUILD_CY")
    path.write_text(text.replace(polish, polish + entry, 1), encoding="utf-8")


def copy_block(path: Path, pattern: str, replace, flags=re.M | re.S) -> None:
    text = path.read_text(encoding="utf-8")
    block = re.search(pattern, text, flags).group(0)
    path.write_text(text.replace(block, block + replace(block), 1), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("new-language") / "project"
    shutil.copytree(ROOT, target, ignore=SKIP, symlinks=True)
    os.symlink(ROOT / ".venv", target / ".venv")
    add_to_mkdocs_yml(target)
    shutil.copytree(target / "docs" / "pl", target / "docs" / CODE)
    for kind in ("glossary", "terms"):
        suffix = "md" if kind == "glossary" else "yml"
        shutil.copy(target / "docs" / "includes" / f"{kind}-pl.{suffix}",
                    target / "docs" / "includes" / f"{kind}-{CODE}.{suffix}")
    return target


def test_each_missing_piece_is_named_then_the_language_builds_and_passes_its_checks(copy):
    # 1. The service profiles' patient texts: the build stops and names them.
    first = run(copy, "scripts/build_site.py", CODE)
    assert first.returncode != 0
    assert f"no '{CODE}' translation" in first.stdout + first.stderr, first.stdout[-3000:] + first.stderr[-3000:]
    for profile in (copy / "services").glob("*.yml"):
        copy_block(profile, r"^  pl:\n(?:^    .*\n|^[ \t]*\n)+", lambda block: block.replace("  pl:", f"  {CODE}:", 1),
                   flags=re.M)

    # 2. The worksheets' words, the readability limits and the nginx 404 location: each check
    #    names what is missing.
    strings = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  "tests/test_tools.py::test_every_language_has_every_interface_string")
    assert strings.returncode != 0 and f"no words for ['{CODE}']" in strings.stdout, strings.stdout[-2000:]
    nginx = run(copy, "-m", "painsite.security", "nginx")
    assert nginx.returncode == 2 and f"no location block for {CODE}" in nginx.stderr, nginx.stderr
    built = run(copy, "scripts/build_site.py", CODE)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    limits = run(copy, "scripts/readability.py", "--fail", "--lang", CODE)
    assert limits.returncode != 0 and f"no readability limits for {CODE} participants pages" in limits.stdout

    copy_block(copy / "docs" / "assets" / "tools" / "strings.js", r"^  pl: \{\n.*?^  \},?\n",
               lambda block: block.replace("  pl: {", f"  {CODE}: {{", 1).rstrip("\n").rstrip(",") + ",\n")
    copy_block(copy / "scripts" / "painsite" / "readability.py", r"^    \(\"pl\", \"participants\"\).*?\n",
               lambda line: line.replace('("pl"', f'("{CODE}"'))
    copy_block(copy / "deploy" / "nginx.conf", r"^    location /living-with-pain/pl/ \{\n.*?^    \}\n",
               lambda block: block.replace("/pl/", f"/{CODE}/"))

    # 3. Now everything is there: the build, readability, nginx and the language checks pass.
    built = run(copy, "scripts/build_site.py", CODE)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert (copy / "site" / CODE / "participants" / "pacing" / "index.html").exists()
    limits = run(copy, "scripts/readability.py", "--fail", "--lang", CODE)
    assert limits.returncode == 0, limits.stdout[-3000:]
    assert run(copy, "-m", "painsite.security", "nginx").returncode == 0
    # (The build ran the content checks on every page of the new language already.)
    checks = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_terms.py", "tests/test_parity.py",
                 "tests/test_tools.py::test_every_language_has_every_interface_string")
    assert checks.returncode == 0, checks.stdout[-4000:]
    assert f"[{CODE}]" in checks.stdout or "passed" in checks.stdout
