#!/usr/bin/env python3
"""Build the site into site/ (all languages, or those named), failing on any warning.

    python scripts/build_site.py            # every language
    python scripts/build_site.py en         # English only: quick while writing
    python scripts/build_site.py --allow-warnings en   # publish even with warnings (make check)
"""
import sys

from painsite.build import build_and_publish


def main(argv: list[str]) -> int:
    allow = "--allow-warnings" in argv
    languages = [a for a in argv if not a.startswith("--")]
    result = build_and_publish(languages=languages or None, allow_warnings=allow)
    if allow and result.returncode == 0 and result.problems:
        print(f"Built {result.site_dir} in {result.seconds:.1f} s, with warnings to fix:\n{result.report()}")
        return 0
    if not result.ok:
        print(f"Build failed: nothing was published to site/. Fix these and build again:\n{result.report()}",
              file=sys.stderr)
        return 1
    print(f"Built {result.site_dir} in {result.seconds:.1f} s with no warnings.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
