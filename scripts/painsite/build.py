"""Build the site with MkDocs, one process per language, and report every warning of every language.

mkdocs-static-i18n builds languages one after another in one process. Here each language is built
by its own MkDocs process at the same time (scripts/hooks/i18n_pages.py makes a process build only
the language named in PAINSITE_ONE_LANGUAGE), so a build takes about as long as its biggest
language on a machine with a core per language. The parts are then merged (English at the root,
each other language in its folder, one sitemap) and the site-wide files are written once, from
the finished site by the finishing pass (painsite.finish): manifests, headers and offline zips.

Any warning counts as a failure, as `mkdocs build --strict` would, but every language's warnings
are reported, not only the first. build_and_publish() builds into a temporary folder and only
replaces site/ when the build is clean, so a failed build never publishes a partial site.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import languages as langs
from . import finish, security
from .paths import MKDOCS_YML, ROOT

LANGUAGE_START = re.compile(r"Building '(?P<lang>[\w-]+)' documentation")
LEVEL = re.compile(r"^(?P<level>WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")
SITEMAP_URLS = re.compile(r"<url>.*?</url>", re.S)


@dataclass
class BuildResult:
    returncode: int
    seconds: float
    site_dir: Path
    output: str
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (language, level, message)
    peak_mb: float = 0.0  # the language processes' peak memory, added up (they run at once)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.problems

    def report(self) -> str:
        lines = [f"[{lang}] {level}: {message}" for lang, level, message in self.problems]
        if self.returncode and not self.problems:
            lines.append(self.output.strip()[-3000:])
        return "\n".join(lines)


def _parse(output: str, lang: str) -> list[tuple[str, str, str]]:
    problems, pending = [], None
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


def _site_url(config: Path) -> str:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    return yaml.load(config.read_text(encoding="utf-8"), Loader=loader)["site_url"]


def _merge(parts: dict[str, Path], site_dir: Path) -> None:
    """One site from the language folders: the default language's build is the base (root pages,
    theme assets); each other language brings its own folder; the sitemaps are joined."""
    default = langs.default_language().code
    if site_dir.exists():
        shutil.rmtree(site_dir)
    parts[default].rename(site_dir)
    urls = SITEMAP_URLS.findall((site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    for code, part in parts.items():
        if code == default:
            continue
        (part / code).rename(site_dir / code)
        urls += SITEMAP_URLS.findall((part / "sitemap.xml").read_text(encoding="utf-8"))
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    head = sitemap[:sitemap.index("<url>")] if "<url>" in sitemap else sitemap[:sitemap.index("</urlset>")]
    text = head + "\n    ".join(urls) + "\n</urlset>\n"
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def build(site_dir: Path, languages: list[str] | None = None, config: Path = MKDOCS_YML,
          extra_env: dict | None = None) -> BuildResult:
    """Build into site_dir. languages limits the build (the default language is always built)."""
    default = langs.default_language().code
    codes = [c for c in langs.codes() if languages is None or c in languages or c == default]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent))
    started = time.perf_counter()
    try:
        running = {}
        for code in codes:
            log = open(work / f"{code}.log", "w+", encoding="utf-8")
            proc = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(config),
                 "--site-dir", str(work / code)],
                cwd=config.parent, env={**env, langs.ONE_LANGUAGE_ENV: code},
                stdout=log, stderr=subprocess.STDOUT, text=True)
            running[code] = (proc, log)
        returncode, peak_kb, output, problems = 0, 0, "", []
        for code, (proc, log) in running.items():
            # os.wait4 rather than proc.wait(): it also gives the process's peak memory.
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            returncode = returncode or proc.returncode
            peak_kb += usage.ru_maxrss
            log.seek(0)
            text = log.read()
            log.close()
            output += text
            problems += _parse(text, code)
        if returncode == 0:
            _merge({code: work / code for code in codes}, site_dir)
            try:
                finish.site_files(site_dir, _site_url(config), codes)
            except security.UntrustedScript as exc:  # each language checked its pages; a last guard
                returncode = 1
                problems.append(("site", "ERROR", str(exc)))
        return BuildResult(returncode, time.perf_counter() - started, site_dir, output, problems,
                           peak_kb / 1024)
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
