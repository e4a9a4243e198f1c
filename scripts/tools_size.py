#!/usr/bin/env python3
"""Print the size of the worksheet tools' JavaScript, raw and gzipped; fail over the budget.

    python scripts/tools_size.py            # exit 1 when all of it together is over 15 KB gzipped
Every .js file under docs/assets/tools/ counts: this is what a tool page loads on top of the theme.
Each file is gzipped on its own (as a web server sends it) at the highest level.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "tools"
BUDGET = 15 * 1024  # bytes, gzipped, all files together


def sizes(folder: Path = TOOLS) -> list[tuple[str, int, int]]:
    """(file name, raw bytes, gzipped bytes) for each script."""
    found = []
    for path in sorted(folder.rglob("*.js")):
        data = path.read_bytes()
        found.append((path.relative_to(folder).as_posix(), len(data), len(gzip.compress(data, 9, mtime=0))))
    return found


def main() -> int:
    found = sizes()
    if not found:
        print(f"No JavaScript found in {TOOLS}.", file=sys.stderr)
        return 1
    width = max(len(name) for name, _, _ in found)
    for name, raw, packed in found:
        print(f"{name:<{width}}  {raw:>7,} B raw  {packed:>6,} B gzip")
    raw = sum(r for _, r, _ in found)
    packed = sum(p for _, _, p in found)
    print(f"{'total':<{width}}  {raw:>7,} B raw  {packed:>6,} B gzip  (budget {BUDGET:,} B gzip)")
    if packed > BUDGET:
        print(f"Over budget by {packed - BUDGET:,} B gzip: make the tools' JavaScript smaller.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
