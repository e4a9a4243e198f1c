#!/usr/bin/env python3
"""Lighthouse (mobile) scores for Home, a module and a tool in every language, served by nginx.

    python scripts/lighthouse.py [--site site] [page ...]

Prints each page's performance, accessibility, best-practices and SEO scores and the audits
that cost points; exits 1 when a score is under 95 (issue 16's target).
"""
import argparse
import sys
import tempfile
from pathlib import Path

from painsite import languages, lighthouse, nginx
from painsite.paths import SITE

PAGES = ["", "participants/pacing/", "tools/pacing-planner/"]
TARGET = 95


def default_pages() -> list[str]:
    return [lang.prefix + page for lang in languages.languages() for page in PAGES]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    try:
        return _run(args)
    except (lighthouse.LighthouseError, nginx.NginxError) as exc:
        print(exc, file=sys.stderr)
        return 2


def _run(args) -> int:
    low = False
    with tempfile.TemporaryDirectory() as tmp, nginx.serve(args.site, Path(tmp)) as (url, _):
        print(f"{'page':32} " + " ".join(f"{c[:13]:>14}" for c in lighthouse.CATEGORIES))
        for page in args.pages or default_pages():
            report = lighthouse.audit(url + page, page)
            print(f"{report.page:32} " + " ".join(f"{report.scores.get(c, 0):>14}" for c in lighthouse.CATEGORIES))
            for line in report.weak:
                print(f"    {line}")
            low |= any(score < TARGET for score in report.scores.values())
    print(f"Target: at least {TARGET} in every category (Lighthouse {lighthouse.version()}, mobile).")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
