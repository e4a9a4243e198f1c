#!/usr/bin/env python3
"""Numbers on the built site that are not in the claims record, and phone numbers that cannot be tapped.

    python scripts/claims.py            # check site/ (run `make check` or `make build` first)
    python scripts/claims.py --all      # also list every claim found, with its pages
    python scripts/claims.py --site DIR # check another build

The record is docs/claims.yml; scripts/painsite/claims.py says what counts as a claim.
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path

from painsite import claims
from painsite.paths import SITE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--all", action="store_true", help="list every claim found, recorded or not")
    args = parser.parse_args()
    entries, problems = claims.load_record()
    for problem in problems:
        print(problem)
    if problems:
        return 1
    if not (args.site / "index.html").exists():
        print(f"No built site in {args.site}: run `make check` (English) or `make build` first.")
        return 1
    record = claims.recorded()
    findings = claims.check_site(args.site, record)
    # One line per value, with the pages it is on: the record needs one entry, not one per page.
    grouped = defaultdict(list)
    for finding in findings:
        grouped[(finding.problem, finding.claim.kind, finding.claim.value)].append(finding)
    for (problem, kind, value), items in sorted(grouped.items()):
        pages = sorted({f.page for f in items})
        print(str(items[0]).replace(items[0].page + ": ", "", 1))
        print("    on " + "\n       ".join(pages))
    if args.all:
        print("\nEvery claim found:")
        every = defaultdict(set)
        for page, node in claims.site_articles(args.site):
            for claim in claims.find(claims.text_of(node).value):
                every[(claim.kind, claim.key)].add(page.split(" ")[0])
        for (kind, key), pages in sorted(every.items()):
            print(f"  {kind:<10} {key:<16} {len(pages):>3} page(s): {', '.join(sorted(pages)[:4])}"
                  + (" ..." if len(pages) > 4 else ""))
    unrecorded = len({k for k in grouped if k[0] == "unrecorded"})
    unlinked = [f for f in findings if f.problem != "unrecorded"]
    print(f"{len(entries)} claims in docs/claims.yml; {unrecorded} value(s) on the site not in it; "
          f"{len(unlinked)} phone or text number(s) on {len({f.page for f in unlinked})} page(s) "
          f"that cannot be tapped.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
