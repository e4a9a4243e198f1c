"""Lighthouse (mobile) scores of built pages, served by nginx as in production.

Lighthouse is pinned in scripts/lighthouse/package-lock.json and installed with `npm ci` into
.cache/lighthouse/ the first time (about 10 s; Node.js and npm come from Debian, see
scripts/install_system_deps.sh). It drives Debian's Chromium (CHROME_PATH); it never downloads
a browser. Scores use Lighthouse's default mobile settings: a mid-range phone on slow 4G
(simulated throttling).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .paths import ROOT

PINNED = ROOT / "scripts" / "lighthouse"
INSTALL = ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM = "/usr/bin/chromium"


class LighthouseError(Exception):
    pass


@dataclass
class Report:
    page: str
    scores: dict[str, int]
    weak: list[str] = field(default_factory=list)  # audits that cost points, with their values


def median(reports: list[Report]) -> Report:
    """Each category's median score over several runs of one page (the weak audits of all runs)."""
    import statistics

    scores = {name: int(statistics.median(r.scores.get(name, 0) for r in reports)) for name in reports[0].scores}
    weak = sorted({line for r in reports for line in r.weak})
    return Report(reports[0].page, scores, weak)


def version() -> str:
    return json.loads((PINNED / "package.json").read_text(encoding="utf-8"))["dependencies"]["lighthouse"]


def binary() -> Path:
    """The pinned lighthouse command, installed on first use."""
    command = INSTALL / "node_modules" / ".bin" / "lighthouse"
    lock = (PINNED / "package-lock.json").read_bytes()
    if command.exists() and (INSTALL / "package-lock.json").read_bytes() == lock:
        return command
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseError("npm is missing: run `make test`, which installs Debian's nodejs and npm.")
    INSTALL.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PINNED / name, INSTALL / name)
    run = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                         cwd=INSTALL, capture_output=True, text=True, timeout=600)
    if run.returncode != 0 or not command.exists():
        raise LighthouseError(f"npm ci for Lighthouse failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return command


def audit(url: str, page: str = "", attempts: int = 2) -> Report:
    """Lighthouse's four category scores (0 to 100) for one URL. A run that fails to record its
    trace (Lighthouse's NO_NAVSTART and the like: "Please run Lighthouse again") is run again."""
    for attempt in range(attempts):
        try:
            return _audit_once(url, page)
        except LighthouseError as exc:
            if attempt + 1 == attempts or "run Lighthouse again" not in str(exc):
                raise
    raise AssertionError("unreachable")


def _audit_once(url: str, page: str) -> Report:
    run = subprocess.run(
        [str(binary()), url, "--output=json", "--quiet", f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": CHROMIUM})
    if run.returncode != 0:
        raise LighthouseError(f"Lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    result = json.loads(run.stdout)
    scores = {key: round((value["score"] or 0) * 100) for key, value in result["categories"].items()}
    weak = []
    for key, category in result["categories"].items():
        for ref in category["auditRefs"]:
            found = result["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and found.get("score") is not None and found["score"] < 0.9:
                weak.append(f"{key}: {ref['id']} {found.get('displayValue', '')} (score {found['score']:.2f})")
    return Report(page or "/", scores, weak)
