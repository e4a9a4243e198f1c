"""Build the site with MkDocs and report every warning of every language.

`mkdocs build --strict` stops at the first language that has a warning (mkdocs-static-i18n builds
languages one after another), so a broken link in Urdu would hide behind one in Polish. This runs
a normal build, collects each warning with the language it came from, and treats any warning as a
failure, as --strict does. The site is built into a temporary folder and only replaces site/ when
the build is clean, so a failed build never publishes a partial site.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .paths import MKDOCS_YML, ROOT

LANGUAGE_START = re.compile(r"Building '(?P<lang>[\w-]+)' documentation")
LEVEL = re.compile(r"^(?P<level>WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")


@dataclass
class BuildResult:
    returncode: int
    seconds: float
    site_dir: Path
    output: str
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (language, level, message)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.problems

    def report(self) -> str:
        lines = [f"[{lang}] {level}: {message}" for lang, level, message in self.problems]
        if self.returncode and not self.problems:
            lines.append(self.output.strip()[-3000:])
        return "\n".join(lines)


def _parse(output: str) -> list[tuple[str, str, str]]:
    problems, lang, pending = [], "en", None
    for line in output.splitlines():
        start = LANGUAGE_START.search(line)
        if start:
            lang = start.group("lang")
        match = LEVEL.match(line)
        if match:
            pending = [lang, match.group("level"), match.group("message")]
            problems.append(pending)
        elif pending is not None and line.startswith("  "):
            pending[2] += "\n" + line  # continuation of a multi-line message
        else:
            pending = None
    return [tuple(p) for p in problems]


def build(site_dir: Path, languages: list[str] | None = None, config: Path = MKDOCS_YML,
          extra_env: dict | None = None) -> BuildResult:
    """Build into site_dir. languages limits the build (the default language is always built)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if languages is not None:
        from . import languages as langs
        for code in langs.codes():
            env[f"BUILD_{code.upper()}"] = "true" if code in languages or code == langs.default_language().code else "false"
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(config),
         "--site-dir", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    output = proc.stdout + proc.stderr
    return BuildResult(proc.returncode, seconds, site_dir, output, _parse(output))


def build_and_publish(target: Path = ROOT / "site", languages: list[str] | None = None,
                      allow_warnings: bool = False) -> BuildResult:
    """Build into a temporary folder beside target; swap it in only if the build is clean.

    allow_warnings publishes a site that built but had warnings: only for `make check` while
    writing, where a page that links to one not written yet should not stop the preview.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    result = build(staging, languages)
    if result.returncode != 0 or (result.problems and not allow_warnings):
        shutil.rmtree(staging, ignore_errors=True)
        return result
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    result.site_dir = target
    return result
