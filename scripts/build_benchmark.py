#!/usr/bin/env python3
"""How build time grows with the number of pages.

Generates N synthetic module pages in each of the three languages (N = 50, 200, 800 by default),
builds each size 3 times as `make build` does (real configuration, hooks and theme, one process per
language, then the site-wide files), and prints the median time, milliseconds per output page and
peak memory (the language processes' peaks added up, as they run at the same time).

    python scripts/build_benchmark.py [N ...] [--runs 3]
    python scripts/build_benchmark.py 800 --serve   # seconds `make serve` takes to show an edit
"""
import argparse
import os
import socket
import subprocess
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


from painsite import build, languages, pages
from painsite.paths import DOCS, MKDOCS_YML, ROOT

FRONT = """---
title: {title}
description: A synthetic page used only to measure how long the site takes to build.
audience: participants
page_type: module
reviewed: 2026-11-23
review_due: 2029-11-23
reviewer_role: Clinical psychologist
short_link: bench-{number}
sources:
  - title: NG193
    publisher: NICE
    year: 2021
    url: https://www.nice.org.uk/guidance/ng193
---
"""
TRANSLATION = """---
title: {title}
description: Strona testowa do pomiaru czasu budowania.
l10n:
  source_hash: "{source_hash}"
  method: machine translation
  translator: "Claude (AI language model), for the project team"
  reviewer: null
  status: not reviewed
---
"""
BODY = """
This page is here to measure the build. Pain is your body's alarm. It can get too loud.

!!! note "Key points"

    - Short sentences help.
    - So do common words.

## What is this page? {{ #what-is-this-page }}

{para}

## What can you try? {{ #what-can-you-try }}

{para}

- [Understanding pain](../participants/understanding-pain.md)
- [Get help now](../get-help-now.md)
"""
PARA = ("Pacing means doing a steady amount each day. You plan rests before you need them. "
        "You build up slowly. Many people find this helps them do more. ") * 6


def make_project(n: int, target: Path) -> None:
    shutil.copytree(DOCS, target / "docs", ignore=shutil.ignore_patterns("_templates"))
    for name in ("scripts", "overrides"):
        (target / name).symlink_to(ROOT / name)
    config = MKDOCS_YML.read_text(encoding="utf-8")
    # The synthetic pages stay out of the menu, so mkdocs must not warn that they are missing from it.
    config = config.replace("  omitted_files: warn\n", "  omitted_files: info\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    english = target / "docs" / languages.default_language().code / "bench"
    for lang in languages.codes():
        folder = target / "docs" / lang / "bench"
        folder.mkdir(parents=True)
        for i in range(n):
            name = f"page-{i:04d}.md"
            head = FRONT if folder == english else TRANSLATION
            # Up-to-date translations (the right source hash), so the build has no warnings to log.
            source_hash = "" if folder == english else pages.source_hash(english / name)
            (folder / name).write_text(
                head.format(title=f"Benchmark page {i} ({lang})", source_hash=source_hash, number=i)
                + BODY.format(para=PARA), encoding="utf-8")


def build_once(project: Path) -> tuple[float, int, float]:
    """One build the way `make build` does it: a process per language, then the site-wide files."""
    result = build.build(project / "site", config=project / "mkdocs.yml",
                         extra_env={"PATH": "/usr/bin:/bin", "HOME": str(project)})
    if not result.ok:
        sys.exit(f"build failed:\n{result.report()[-3000:]}")
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return result.seconds, pages, result.peak_mb


RELOADED = "Reloading browsers"


def serve_rebuilds(project: Path, edits: int) -> list[float]:
    """Seconds from saving an edit until `make serve` (one language, --dirty) has rebuilt the site
    and told the browser to reload: what a writer waits for."""
    log_path = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PAINSITE_ONE_LANGUAGE": "en"}
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty",
                                   "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
    try:
        # Counted from mkdocs' own log. Not "Documentation built in ...": mkdocs drops a message
        # that repeats an earlier one word for word, so two builds of equal length log only once.
        def count(marker: str) -> int:
            return log_path.read_text().count(marker)

        def wait_for(marker: str, number: int) -> None:
            deadline = time.monotonic() + 600
            while count(marker) < number:
                if server.poll() is not None or time.monotonic() > deadline:
                    lines = [line for line in log_path.read_text().splitlines() if not line.startswith("  - ")]
                    sys.exit("mkdocs serve stopped or hung:\n" + "\n".join(lines[-40:]))
                time.sleep(0.05)

        wait_for("Serving on", 1)
        page = project / "docs" / "en" / "bench" / "page-0001.md"
        times = []
        for edit in range(edits):
            time.sleep(1.5)  # let the watcher settle
            before = count(RELOADED)
            saved = time.monotonic()
            with page.open("a", encoding="utf-8") as handle:
                handle.write(f"\nOne more short line, number {edit}.\n")
            wait_for(RELOADED, before + 1)
            times.append(time.monotonic() - saved)
        return times
    finally:
        server.terminate()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[50, 200, 800])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true",
                        help="measure `make serve` instead: seconds from saving an edit to the browser reload")
    args = parser.parse_args()
    if args.serve:
        print(f"{'N per language':>14} {'median s, edit to reload':>24} {'slowest s':>9}   (make serve, English, --dirty)")
        for n in args.sizes:
            with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
                make_project(n, Path(tmp))
                times = serve_rebuilds(Path(tmp), max(args.runs, 3))
                print(f"{n:>14} {statistics.median(times):>24.2f} {max(times):>9.2f}")
        return 0
    print(f"{'N per language':>14} {'output pages':>12} {'median s':>9} {'ms/page':>8} {'peak MB':>8}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            project = Path(tmp)
            make_project(n, project)
            runs = [build_once(project) for _ in range(args.runs)]
            median = statistics.median(r[0] for r in runs)
            pages = runs[0][1]
            peak_mb = max(r[2] for r in runs)
            print(f"{n:>14} {pages:>12} {median:>9.2f} {1000 * median / pages:>8.1f} {peak_mb:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
