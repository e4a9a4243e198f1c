#!/usr/bin/env python3
"""Print the size of the worksheet tools' JavaScript, raw and gzipped; fail over the budget.

    python scripts/tools_size.py            # exit 1 when a worksheet page loads over 12 KB gzipped
A worksheet page loads strings.js, tools.js and its own sums (sums/<name>.js, named by its
definition in docs/includes/worksheets/): that is what it loads on top of the theme. Each file is
measured as readers get it: minified as the build does (painsite.minify), then gzipped on its own
(as a web server sends it) at the highest level. The budget holds for the heaviest page.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

from painsite import minify, worksheets

TOOLS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "tools"
BUDGET = 12 * 1024  # bytes, minified and gzipped, all the files one worksheet page loads
SHARED = ["strings.js", "tools.js"]


def sizes(folder: Path = TOOLS) -> list[tuple[str, int, int]]:
    """(file name, minified bytes, minified and gzipped bytes) for each script."""
    found = []
    for path in sorted(folder.rglob("*.js")):
        data = minify.minify(path.read_text(encoding="utf-8")).encode("utf-8")
        found.append((path.relative_to(folder).as_posix(), len(data), len(gzip.compress(data, 9, mtime=0))))
    return found


def per_page(found: list[tuple[str, int, int]]) -> dict[str, tuple[int, int]]:
    """(raw, gzipped) bytes of the scripts each worksheet page loads."""
    size = {name: (raw, packed) for name, raw, packed in found}
    pages = {}
    for tool in worksheets.names():
        files = SHARED + [f"sums/{name}.js" for name in worksheets.definition(tool).sums]
        missing = [f for f in files if f not in size]
        if missing:
            raise SystemExit(f"{tool}: {', '.join(missing)} not found in {TOOLS}")
        pages[tool] = (sum(size[f][0] for f in files), sum(size[f][1] for f in files))
    return pages


def main() -> int:
    found = sizes()
    if not found:
        print(f"No JavaScript found in {TOOLS}.", file=sys.stderr)
        return 1
    width = max(len(name) for name, _, _ in found)
    for name, raw, packed in found:
        print(f"{name:<{width}}  {raw:>7,} B min  {packed:>6,} B gzip")
    pages = per_page(found)
    print("\nwhat each worksheet page loads:")
    width = max(len(tool) for tool in pages)
    for tool, (raw, packed) in pages.items():
        print(f"{tool:<{width}}  {raw:>7,} B min  {packed:>6,} B gzip")
    heaviest, (_, packed) = max(pages.items(), key=lambda item: item[1][1])
    print(f"heaviest: {heaviest}, {packed:,} B gzip (budget {BUDGET:,} B gzip)")
    if packed > BUDGET:
        print(f"Over budget by {packed - BUDGET:,} B gzip: make the tools' JavaScript smaller.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
