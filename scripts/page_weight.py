#!/usr/bin/env python3
"""Print what a first and a repeat visit download (gzip) for Home, a module and a tool page.

    python scripts/page_weight.py [--site site] [page ...]
Budgets: first visit at most 120 KB (200 KB for Urdu, which carries its Nastaliq font), repeat
visit at most 15 KB; exits 1 when a page is over.
"""
import argparse
import sys
from pathlib import Path

from painsite.page_weight import measure
from painsite.paths import SITE

PAGES = ["", "participants/understanding-pain/", "tools/pacing-planner/"]
FIRST_BUDGET, REPEAT_BUDGET = 120 * 1024, 15 * 1024
# A language whose pages need a web font has a larger first-visit budget (issue 17: Urdu).
FIRST_BUDGET_BY_LANGUAGE = {"ur": 200 * 1024}


def first_budget(page: str) -> int:
    """The first-visit budget of a page path such as 'ur/participants/pacing/'."""
    return FIRST_BUDGET_BY_LANGUAGE.get(page.strip("/").split("/", 1)[0], FIRST_BUDGET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--files", action="store_true", help="list each file")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    over = False
    print(f"{'page':40} {'first visit':>12} {'repeat visit':>13}")
    for weight in measure(args.site, args.pages):
        first, repeat = weight.first_visit, weight.repeat_visit
        flag = "" if first <= first_budget(weight.page) and repeat <= REPEAT_BUDGET else "  OVER BUDGET"
        over |= bool(flag)
        print(f"{weight.page:40} {first / 1024:9.1f} KB {repeat / 1024:10.1f} KB{flag}")
        if args.files:
            for path, size in sorted(weight.files.items(), key=lambda item: -item[1]):
                print(f"    {size / 1024:7.1f} KB  {path}")
    print(f"Budgets: first visit {FIRST_BUDGET // 1024} KB (Urdu {FIRST_BUDGET_BY_LANGUAGE['ur'] // 1024} KB), "
          f"repeat visit {REPEAT_BUDGET // 1024} KB (gzip).")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
