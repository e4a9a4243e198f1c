#!/usr/bin/env python3
"""Check every page's front matter and structure without building (the build runs the same checks).

    python scripts/check_content.py        # exit 1 when there is an error; warnings are printed
"""
import sys

from painsite import content_checks


def main() -> int:
    problems, pages = content_checks.check_all()
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    print(f"Checked {len(pages)} pages: {errors} error(s), {len(problems) - errors} warning(s).")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
