#!/usr/bin/env python3
"""Print and save the readability table for the built site (run `make build` or `make check` first).

    python scripts/readability.py [--site site] [--lang en] [--fail]
Writes reports/readability.md. With --fail, exits 1 when any page misses its limits.
"""
import argparse
import sys
from pathlib import Path

from painsite import readability
from painsite.paths import REPORTS, SITE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--lang")
    parser.add_argument("--fail", action="store_true", help="exit 1 if a page fails")
    args = parser.parse_args()
    if not args.site.is_dir():
        print(f"{args.site} does not exist: run `make build` (or `make check`) first.", file=sys.stderr)
        return 2
    scores = readability.score_site(args.site, args.lang)
    report = f"{readability.table(scores)}\n\nSummary:\n{readability.summary(scores)}\n"
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "readability.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"Saved to {REPORTS / 'readability.md'}")
    failed = [s for s in scores if not s.passed]
    return 1 if args.fail and failed else 0


if __name__ == "__main__":
    sys.exit(main())
