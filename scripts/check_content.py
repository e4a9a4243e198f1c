#!/usr/bin/env python3
"""Check every page's front matter, structure and HTML without building (the build runs the same checks).

    python scripts/check_content.py        # exit 1 when there is an error; warnings are printed
"""
import sys

from painsite import content_checks


def main() -> int:
    # render: also check the HTML Markdown makes of each page ([x](javascript:...) and the like),
    # which the build checks as it renders.
    problems, pages = content_checks.check_all(render=True)
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    print(f"Checked {len(pages)} pages: {errors} error(s), {len(problems) - errors} warning(s).")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
