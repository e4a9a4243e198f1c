#!/usr/bin/env python3
"""Check the links of the built site (run `make build` first).

    python scripts/check_links.py            # internal links and anchors; lists external links
    python scripts/check_links.py --online   # also fetch every external link (needs the internet)
Writes reports/external-links.md.
"""
import argparse
import sys
from pathlib import Path

from painsite import linkcheck
from painsite.paths import REPORTS, SITE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--online", action="store_true", help="request every external link")
    args = parser.parse_args()
    broken, external = linkcheck.check(args.site)
    for link in broken:
        print(link)
    lines = ["| external link | used on |", "| --- | --- |"]
    lines += [f"| {url} | {', '.join(sorted(pages)[:3])}{' …' if len(pages) > 3 else ''} |"
              for url, pages in sorted(external.items())]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "external-links.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(broken)} broken internal link(s); {len(external)} external links listed in "
          f"{REPORTS / 'external-links.md'}")
    failures = len(broken)
    if args.online:
        for url, problem in linkcheck.check_online(sorted(external)):
            print(f"external: {url} -> {problem}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
